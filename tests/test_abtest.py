"""Tests of smo_metrics.abtest against hand arithmetic and independent statsmodels / scipy calls.

Every reference value says where it came from: "hand" (the arithmetic is written out) or the
library call that produced it, made here in the test, never the function's own output.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportion_effectsize,
    proportions_ztest,
    samplesize_proportions_2indep_onetail,
)

from smo_metrics import abtest
from smo_metrics.abtest import (
    ABResult,
    ProportionArm,
    adjust_pvalues,
    compare_many,
    compare_proportions,
    minimum_detectable_effect,
    prob_b_beats_a,
    sample_size_per_arm,
)
from smo_metrics.errors import UsageError

FAST = settings(max_examples=50, deadline=None)


@st.composite
def arms(draw: st.DrawFn, min_nobs: int = 1, max_nobs: int = 3000) -> ProportionArm:
    nobs = draw(st.integers(min_nobs, max_nobs))
    return ProportionArm(draw(st.integers(0, nobs)), nobs)


# --- fixtures named after the edge case they are --------------------------------------------------
NO_TRIALS = ProportionArm(0, 0)
ALL_ZERO = ProportionArm(0, 100)
ALL_SUCCESS = ProportionArm(100, 100)
A_1000 = ProportionArm(200, 1000)
B_1000 = ProportionArm(250, 1000)


# --- ProportionArm --------------------------------------------------------------------------------
@pytest.mark.parametrize("count, nobs", [(-1, 10), (11, 10), (0, -1), (1.5, 10), (1, 10.0), (True, 10), ("1", 10)])
def test_arm_rejects_bad_calls(count: object, nobs: object) -> None:
    with pytest.raises(UsageError):
        ProportionArm(count, nobs)  # type: ignore[arg-type]


def test_arm_accepts_numpy_integers_and_no_trials() -> None:
    arm = ProportionArm(np.int64(3), np.int64(10))  # type: ignore[arg-type]
    assert (arm.count, arm.nobs, arm.rate) == (3, 10, 0.3)
    assert type(arm.count) is int
    assert NO_TRIALS.rate is None


# --- the frequentist test -------------------------------------------------------------------------
def test_pooled_z_by_hand() -> None:
    r = compare_proportions(A_1000, B_1000)
    # hand: pooled p = (200 + 250) / 2000 = 0.225; se = sqrt(0.225 * 0.775 * (1/1000 + 1/1000))
    #       = sqrt(0.00034875) = 0.0186748; z = (0.25 - 0.20) / 0.0186748 = 2.67740
    se = math.sqrt(0.225 * 0.775 * (2 / 1000))
    z = (0.25 - 0.20) / se
    assert z == pytest.approx(2.67740, abs=1e-5)
    assert r.test == "z"
    assert r.p_value == pytest.approx(2 * sps.norm.sf(z), rel=1e-12)  # hand z → two-sided normal tail
    assert r.p_value == pytest.approx(0.0074196, abs=1e-7)
    # statsmodels proportions_ztest (pooled by default), B first so the statistic is for p_b − p_a
    assert r.p_value == pytest.approx(proportions_ztest([250, 200], [1000, 1000])[1], rel=1e-12)
    assert (r.rate_a, r.rate_b) == (0.2, 0.25)
    assert r.lift_abs == pytest.approx(0.05)
    assert r.lift_rel == pytest.approx(0.25)  # hand: 0.05 / 0.20
    assert r.significant is True


def test_one_sided_direction_larger_means_b_above_a() -> None:
    # reference: statsmodels proportions_ztest with count1 = B; "larger" is H1: p_b − p_a > 0
    larger = compare_proportions(A_1000, B_1000, alternative="larger")
    smaller = compare_proportions(A_1000, B_1000, alternative="smaller")
    assert larger.p_value == pytest.approx(proportions_ztest([250, 200], [1000, 1000], alternative="larger")[1])
    assert larger.p_value == pytest.approx(0.0074196 / 2, abs=1e-7)  # hand: half the two-sided p
    assert smaller.p_value == pytest.approx(1 - 0.0074196 / 2, abs=1e-7)
    assert larger.significant and not smaller.significant
    assert "B beats A" in larger.verdict
    assert "not significantly worse" in smaller.verdict


def test_newcombe_interval_is_for_b_minus_a() -> None:
    r = compare_proportions(A_1000, B_1000)
    # statsmodels confint_proportions_2indep(count1=B, ..., count2=A, method="newcomb")
    low, high = confint_proportions_2indep(250, 1000, 200, 1000, method="newcomb", compare="diff", alpha=0.05)
    assert (r.ci_low, r.ci_high) == pytest.approx((low, high), rel=1e-12)
    # hand from Wilson intervals (statsmodels proportion_confint "wilson"), Newcombe (1998) method 10:
    # low = d − sqrt((p_b − l_b)² + (u_a − p_a)²), high = d + sqrt((u_b − p_b)² + (p_a − l_a)²)
    la, ua = proportion_confint(200, 1000, alpha=0.05, method="wilson")
    lb, ub = proportion_confint(250, 1000, alpha=0.05, method="wilson")
    d = 0.25 - 0.20
    assert r.ci_low == pytest.approx(d - math.sqrt((0.25 - lb) ** 2 + (ua - 0.20) ** 2), rel=1e-9)
    assert r.ci_high == pytest.approx(d + math.sqrt((ub - 0.25) ** 2 + (0.20 - la) ** 2), rel=1e-9)
    assert 0 < r.ci_low < d < r.ci_high
    assert r.ci_level == 0.95


def test_one_sided_interval_has_level_one_minus_two_alpha() -> None:
    r = compare_proportions(A_1000, B_1000, alternative="larger", alpha=0.05)
    # statsmodels: a 90 % two-sided interval, whose lower end is the one-sided 95 % bound
    low, high = confint_proportions_2indep(250, 1000, 200, 1000, method="newcomb", alpha=0.10)
    assert (r.ci_low, r.ci_high) == pytest.approx((low, high))
    assert r.ci_level == pytest.approx(0.90)


def test_fisher_for_tiny_counts() -> None:
    a, b = ProportionArm(1, 10), ProportionArm(4, 10)
    r = compare_proportions(a, b)
    assert r.test == "fisher"  # expected successes per arm: 10 · 5 / 20 = 2.5 < 5
    # scipy fisher_exact on rows (B, A): [[4, 6], [1, 9]]
    assert r.p_value == pytest.approx(sps.fisher_exact([[4, 6], [1, 9]]).pvalue, rel=1e-12)
    assert r.p_value == pytest.approx(0.3034056, abs=1e-7)
    larger = compare_proportions(a, b, alternative="larger")
    assert larger.p_value == pytest.approx(sps.fisher_exact([[4, 6], [1, 9]], alternative="greater").pvalue)
    smaller = compare_proportions(a, b, alternative="smaller")
    assert smaller.p_value == pytest.approx(sps.fisher_exact([[4, 6], [1, 9]], alternative="less").pvalue)
    assert not r.significant and not r.enough_data


def test_test_choice_boundary_at_expected_count_five() -> None:
    # hand: 10 successes in 200 trials → expected successes per arm 100 · 10 / 200 = 5.0 → z-test
    assert compare_proportions(ProportionArm(5, 100), ProportionArm(5, 100)).test == "z"
    # hand: 9 successes → expected 4.5 < 5 → Fisher
    assert compare_proportions(ProportionArm(4, 100), ProportionArm(5, 100)).test == "fisher"
    # the failure cells count too: 191 of 200 succeed → expected failures 4.5
    assert compare_proportions(ProportionArm(96, 100), ProportionArm(95, 100)).test == "fisher"


def test_clear_winner_with_zero_clicks_in_one_arm_is_still_detected() -> None:
    # 0 vs 20 clicks in 10,000 impressions each: expected cells 10 ≥ 5 → z-test, clearly significant
    r = compare_proportions(ProportionArm(0, 10_000), ProportionArm(20, 10_000))
    assert r.test == "z" and r.significant and r.enough_data
    assert r.lift_rel is None  # rate_a = 0
    assert "relative change undefined" in r.verdict


# --- Bayesian P(B > A) ----------------------------------------------------------------------------
def _quad_reference(a: ProportionArm, b: ProportionArm) -> float:
    """scipy quad of ∫ f_B(x) · F_A(x) dx with Beta(1 + count, 1 + failures) posteriors."""
    pa = sps.beta(1 + a.count, 1 + a.nobs - a.count)
    pb = sps.beta(1 + b.count, 1 + b.nobs - b.count)
    value, _ = integrate.quad(lambda x: pb.pdf(x) * pa.cdf(x), 0, 1, points=[a.rate, b.rate], limit=500)
    return float(value)


@pytest.mark.parametrize(
    "a, b",
    [
        (ProportionArm(20, 100), ProportionArm(25, 100)),
        (ProportionArm(200, 1000), ProportionArm(250, 1000)),
        (ProportionArm(1, 10), ProportionArm(4, 10)),
        (ProportionArm(95, 100), ProportionArm(90, 120)),  # failures are the short sum here
        (ProportionArm(3, 40), ProportionArm(0, 40)),
    ],
)
def test_chance_b_beats_a_against_quadrature(a: ProportionArm, b: ProportionArm) -> None:
    assert compare_proportions(a, b).chance_b_beats_a == pytest.approx(_quad_reference(a, b), abs=1e-7)


def test_chance_b_beats_a_against_monte_carlo() -> None:
    # numpy Beta draws, fixed seed, 2,000,000 pairs: standard error ≈ 0.0003, so 2 decimals hold
    rng = np.random.default_rng(20240607)
    a, b = ProportionArm(20, 100), ProportionArm(25, 100)
    draws_a = rng.beta(1 + 20, 1 + 80, size=2_000_000)
    draws_b = rng.beta(1 + 25, 1 + 75, size=2_000_000)
    monte_carlo = float(np.mean(draws_b > draws_a))
    exact = prob_b_beats_a(a, b)
    assert round(exact, 2) == round(monte_carlo, 2)
    assert abs(exact - monte_carlo) < 0.002


def test_chance_b_beats_a_quadrature_path_matches_closed_form() -> None:
    a, b = ProportionArm(900, 100_000), ProportionArm(1000, 100_000)
    assert prob_b_beats_a(a, b, max_terms=10) == pytest.approx(prob_b_beats_a(a, b), abs=1e-8)


def test_chance_b_beats_a_closed_form_for_tiny_case() -> None:
    # hand: a = (0, 1), b = (1, 1): p_a ~ Beta(1, 2), p_b ~ Beta(2, 1).
    # P(p_b > p_a) = ∫ 2x · (1 − (1 − x)²) dx over [0, 1] = ∫ (4x² − 2x³) dx = 4/3 − 1/2 = 5/6
    assert prob_b_beats_a(ProportionArm(0, 1), ProportionArm(1, 1)) == pytest.approx(5 / 6, abs=1e-12)


def test_chance_is_deterministic() -> None:
    a, b = ProportionArm(123, 4567), ProportionArm(150, 4500)
    assert prob_b_beats_a(a, b) == prob_b_beats_a(a, b)


# --- sample-ratio mismatch ------------------------------------------------------------------------
def test_srm_flags_5000_vs_4000_not_5000_vs_5000() -> None:
    bad = compare_proportions(ProportionArm(500, 5000), ProportionArm(400, 4000))
    # scipy chisquare([5000, 4000]) against 4500 / 4500: statistic = 2 · 500² / 4500 = 111.1
    assert bad.srm_p_value == pytest.approx(sps.chisquare([5000, 4000]).pvalue, rel=1e-9)
    assert bad.srm_flag
    assert "split between A and B is off" in bad.verdict
    assert "fix the traffic split before trusting this result" in bad.verdict
    good = compare_proportions(ProportionArm(500, 5000), ProportionArm(400, 5000))
    assert good.srm_p_value == pytest.approx(1.0) and not good.srm_flag


def test_srm_respects_the_planned_split() -> None:
    # planned 5/9 to A: 5000 / 4000 is exactly on plan → chi-square statistic 0, p = 1
    r = compare_proportions(ProportionArm(500, 5000), ProportionArm(400, 4000), expected_split=5 / 9)
    assert r.srm_p_value == pytest.approx(1.0) and not r.srm_flag
    # scipy chisquare with f_exp = [9000 · 0.6, 9000 · 0.4] for a planned 60/40 split
    r = compare_proportions(ProportionArm(500, 5000), ProportionArm(400, 4000), expected_split=0.6)
    assert r.srm_p_value == pytest.approx(sps.chisquare([5000, 4000], f_exp=[5400, 3600]).pvalue)


# --- sample size and MDE --------------------------------------------------------------------------
def test_sample_size_reference_10_to_12_percent() -> None:
    n = sample_size_per_arm(0.10, 0.02)
    # statsmodels directly: Cohen's h then NormalIndPower, rounded up
    h = proportion_effectsize(0.12, 0.10)
    direct = NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.8, ratio=1, alternative="two-sided")
    assert n == math.ceil(direct) == 3835
    # hand: h = 2·asin(√0.12) − 2·asin(√0.10) = 0.063982; n = 2·(1.959964 + 0.841621)² / h² = 3834.6
    h_hand = 2 * math.asin(math.sqrt(0.12)) - 2 * math.asin(math.sqrt(0.10))
    n_hand = 2 * (sps.norm.ppf(0.975) + sps.norm.ppf(0.8)) ** 2 / h_hand**2
    assert n_hand == pytest.approx(3834.6, abs=0.05)
    # Other published forms (documented, not ours): statsmodels samplesize_proportions_2indep_onetail,
    # pooled variance under H0, gives 3840.8 → 3,841; Evan Miller's calculator (baseline variance
    # under H0, sample-size-fixed.js num_subjects) gives 3622.6 → 3,623. Ours sits within 6 % of both.
    pooled = samplesize_proportions_2indep_onetail(diff=0.02, prop2=0.10, power=0.8, alpha=0.05)
    assert math.ceil(pooled) == 3841
    z_a, z_b = sps.norm.ppf(0.975), sps.norm.ppf(0.8)
    evan_miller = (z_a * math.sqrt(2 * 0.1 * 0.9) + z_b * math.sqrt(0.1 * 0.9 + 0.12 * 0.88)) ** 2 / 0.02**2
    assert round(evan_miller) == 3623
    assert abs(n / pooled - 1) < 0.01 and abs(n / evan_miller - 1) < 0.06


def test_sample_size_one_sided_and_decrease() -> None:
    h = proportion_effectsize(0.12, 0.10)
    # statsmodels NormalIndPower, alternative="larger": 3020.5 → 3021
    assert sample_size_per_arm(0.10, 0.02, alternative="larger") == 3021
    assert sample_size_per_arm(0.10, 0.02, alternative="smaller") == math.ceil(
        NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.8, ratio=1, alternative="larger")
    )
    # a decrease uses h for 0.10 → 0.08 (Cohen's h is not symmetric in the rate)
    h_down = proportion_effectsize(0.08, 0.10)
    assert sample_size_per_arm(0.10, -0.02) == math.ceil(
        NormalIndPower().solve_power(effect_size=abs(h_down), alpha=0.05, power=0.8, ratio=1)
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"baseline": 0.0, "mde": 0.1},
        {"baseline": 1.0, "mde": -0.1},
        {"baseline": 0.5, "mde": 0.0},
        {"baseline": 0.95, "mde": 0.05},
        {"baseline": 0.05, "mde": -0.05},
        {"baseline": 0.1, "mde": 0.02, "alpha": 0.0},
        {"baseline": 0.1, "mde": 0.02, "power": 1.0},
        {"baseline": 0.1, "mde": 0.02, "alternative": "greater"},
    ],
)
def test_sample_size_rejects_bad_calls(kwargs: dict) -> None:
    with pytest.raises(UsageError):
        sample_size_per_arm(**kwargs)


def test_mde_by_hand() -> None:
    # statsmodels NormalIndPower solved for h at n = 3835, then hand inversion of Cohen's h:
    # p2 = sin(asin(√0.10) + h/2)²; statsmodels' own root is only good to ~1e-5 relative.
    h = NormalIndPower().solve_power(effect_size=None, nobs1=3835, alpha=0.05, power=0.8, ratio=1)
    expected = math.sin(math.asin(math.sqrt(0.10)) + h / 2) ** 2 - 0.10
    mde = minimum_detectable_effect(0.10, 3835)
    assert mde == pytest.approx(expected, rel=1e-4)
    # and the MDE has exactly the planned power (statsmodels NormalIndPower.power at its Cohen's h)
    h_ours = proportion_effectsize(0.10 + mde, 0.10)
    assert NormalIndPower().power(h_ours, nobs1=3835, alpha=0.05, ratio=1) == pytest.approx(0.8, abs=1e-10)
    assert minimum_detectable_effect(0.10, 3835) == pytest.approx(0.02, abs=2e-5)
    assert minimum_detectable_effect(0.10, 3835, alternative="smaller") < 0
    assert math.isnan(minimum_detectable_effect(0.99, 2))  # not even 100 % would be detectable


@FAST
@given(
    baseline=st.floats(0.01, 0.6),
    relative=st.floats(0.05, 0.5),
    alternative=st.sampled_from(["two-sided", "larger"]),
)
def test_mde_inverts_sample_size(baseline: float, relative: float, alternative: str) -> None:
    mde = baseline * relative
    n = sample_size_per_arm(baseline, mde, alternative=alternative)  # type: ignore[arg-type]
    assert minimum_detectable_effect(baseline, n, alternative=alternative) <= mde + 1e-12  # type: ignore[arg-type]
    if n > 1:  # n is the smallest such integer
        assert minimum_detectable_effect(baseline, n - 1, alternative=alternative) > mde - 1e-12  # type: ignore[arg-type]
    # the unrounded n (statsmodels directly) gives the mde back exactly
    h = proportion_effectsize(baseline + mde, baseline)
    n_exact = NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.8, ratio=1, alternative=alternative)
    assert minimum_detectable_effect(baseline, n_exact, alternative=alternative) == pytest.approx(mde, rel=1e-6)  # type: ignore[arg-type]


def test_n_needed_uses_observed_baseline_and_lift() -> None:
    r = compare_proportions(A_1000, B_1000)
    assert r.n_needed_per_arm == sample_size_per_arm(0.20, 0.05)
    # statsmodels: h(0.25, 0.20) with NormalIndPower, rounded up
    h = proportion_effectsize(0.25, 0.20)
    assert r.n_needed_per_arm == math.ceil(NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.8))
    same = compare_proportions(ProportionArm(20, 1000), ProportionArm(20, 1000))
    assert same.n_needed_per_arm is None
    # the verdict then uses the default 10 % relative lift: 2 % → 2.2 %
    assert f"{sample_size_per_arm(0.02, 0.002):,}" in same.verdict


# --- multiple comparisons -------------------------------------------------------------------------
def test_holm_and_bh_by_hand_and_against_statsmodels() -> None:
    pvalues = [0.01, 0.04, 0.03]
    # hand, Holm: sorted 0.01, 0.03, 0.04 → 3·0.01 = 0.03, 2·0.03 = 0.06, max(0.06, 1·0.04) = 0.06
    assert [p for p, _ in adjust_pvalues(pvalues, "holm")] == pytest.approx([0.03, 0.06, 0.06])
    # hand, BH: 3·0.01/1 = 0.03, 3·0.03/2 = 0.045, 3·0.04/3 = 0.04 → running min from the top
    assert [p for p, _ in adjust_pvalues(pvalues, "fdr_bh")] == pytest.approx([0.03, 0.04, 0.04])
    for method in ("holm", "fdr_bh"):
        reject, adjusted, _, _ = multipletests(pvalues, alpha=0.05, method=method)  # statsmodels
        ours = adjust_pvalues(pvalues, method)  # type: ignore[arg-type]
        assert [p for p, _ in ours] == pytest.approx(list(adjusted))
        assert [r for _, r in ours] == list(reject)


# statsmodels' Holm branch runs gc.collect() on every call (~50 ms here), hence fewer examples.
@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=12), st.sampled_from(["holm", "fdr_bh"]))
def test_adjust_pvalues_matches_statsmodels(pvalues: list[float], method: str) -> None:
    _, adjusted, _, _ = multipletests(pvalues, alpha=0.05, method=method)  # statsmodels
    ours = adjust_pvalues(pvalues, method)  # type: ignore[arg-type]
    assert [p for p, _ in ours] == pytest.approx(list(adjusted))
    assert all(reject == (p < 0.05) for p, reject in ours)


def test_adjust_pvalues_edge_cases_and_bad_calls() -> None:
    assert adjust_pvalues([]) == []
    with pytest.raises(UsageError):
        adjust_pvalues([0.5, float("nan")])
    with pytest.raises(UsageError):
        adjust_pvalues([1.5])
    with pytest.raises(UsageError):
        adjust_pvalues([0.5], method="bonferroni")  # type: ignore[arg-type]


def test_compare_many_adjusts_significance() -> None:
    control = ProportionArm(200, 1000)
    variants = {
        "red": ProportionArm(250, 1000),  # raw p 0.0074
        "green": ProportionArm(238, 1000),  # raw p ≈ 0.040: significant alone, not after Holm (2 · 0.040)
        "blue": ProportionArm(205, 1000),
        "empty": ProportionArm(0, 0),
    }
    rows = compare_many(control, variants)
    assert [r.label_b for r in rows] == ["red", "green", "blue", "empty"]
    raw = [compare_proportions(control, arm).p_value for arm in list(variants.values())[:3]]
    assert raw[1] is not None and raw[1] < 0.05
    _, holm, _, _ = multipletests(raw, method="holm")  # statsmodels, over the three tested variants
    assert [r.p_value_adjusted for r in rows[:3]] == pytest.approx(list(holm))
    assert [r.p_value for r in rows[:3]] == pytest.approx(raw)
    assert [r.significant for r in rows[:3]] == [True, False, False]
    assert all(r.adjusted_over == 3 and r.adjustment == "holm" for r in rows[:3])
    assert "green beats" not in rows[1].verdict and "No significant difference yet" in rows[1].verdict
    assert "adjusted for 3 comparisons (Holm)" in rows[0].verdict
    assert rows[3].p_value is None and rows[3].p_value_adjusted is None and not rows[3].significant
    bh = compare_many(control, variants, method="fdr_bh")
    _, bh_ref, _, _ = multipletests(raw, method="fdr_bh")  # statsmodels
    assert [r.p_value_adjusted for r in bh[:3]] == pytest.approx(list(bh_ref))


# --- invariance properties ------------------------------------------------------------------------
@FAST
@given(arms(), arms(), st.integers(2, 50))
def test_scaling_counts_leaves_rates_unchanged(a: ProportionArm, b: ProportionArm, k: int) -> None:
    r = compare_proportions(a, b)
    s = compare_proportions(ProportionArm(a.count * k, a.nobs * k), ProportionArm(b.count * k, b.nobs * k))
    assert (s.rate_a, s.rate_b) == (r.rate_a, r.rate_b)
    assert s.lift_abs == r.lift_abs
    assert s.lift_rel == r.lift_rel


@FAST
@given(arms(), arms())
def test_swapping_a_and_b_flips_the_lift(a: ProportionArm, b: ProportionArm) -> None:
    ab, ba = compare_proportions(a, b), compare_proportions(b, a)
    assert ab.lift_abs is not None and ba.lift_abs is not None
    assert ab.lift_abs == -ba.lift_abs
    assert ab.test == ba.test
    assert ab.p_value == pytest.approx(ba.p_value, rel=1e-9, abs=1e-15)
    assert (ab.ci_low, ab.ci_high) == pytest.approx((-ba.ci_high, -ba.ci_low), abs=1e-12)  # type: ignore[operator]
    assert ab.chance_b_beats_a + ba.chance_b_beats_a == pytest.approx(1.0, abs=1e-9)  # type: ignore[operator]
    assert ab.srm_p_value == pytest.approx(ba.srm_p_value)


@FAST
@given(arms())
def test_identical_arms_give_p_one_and_even_chance(a: ProportionArm) -> None:
    r = compare_proportions(a, a)
    assert r.p_value == 1.0  # z = 0 exactly (2·Φ(0) = 1), or Fisher's p on a symmetric table (clipped at 1)
    assert r.chance_b_beats_a == pytest.approx(0.5, abs=1e-9)
    assert r.lift_abs == 0 and not r.significant
    assert "beats" not in r.verdict and "does worse" not in r.verdict


@FAST
@given(arms(), arms(), st.sampled_from([0.01, 0.05, 0.1]), st.sampled_from(["two-sided", "larger", "smaller"]))
def test_significant_never_when_p_at_least_alpha(a: ProportionArm, b: ProportionArm, alpha: float, alt: str) -> None:
    r = compare_proportions(a, b, alpha=alpha, alternative=alt)  # type: ignore[arg-type]
    assert r.p_value is not None and 0 <= r.p_value <= 1
    assert r.significant == (r.p_value < alpha)
    if not r.significant:
        assert "beats" not in r.verdict and "does worse" not in r.verdict
    assert 0 <= r.chance_b_beats_a <= 1  # type: ignore[operator]
    assert r.ci_low <= r.lift_abs <= r.ci_high  # type: ignore[operator]


# --- named edge cases -----------------------------------------------------------------------------
@pytest.mark.parametrize("a, b", [(NO_TRIALS, B_1000), (A_1000, NO_TRIALS), (NO_TRIALS, NO_TRIALS)])
def test_no_trials_gives_a_message_not_an_error(a: ProportionArm, b: ProportionArm) -> None:
    r = compare_proportions(a, b)
    assert r.p_value is None and r.test is None and r.lift_abs is None and r.chance_b_beats_a is None
    assert r.ci_low is None and r.ci_high is None and r.n_needed_per_arm is None
    assert not r.significant and not r.enough_data
    assert r.message in {
        abtest.MESSAGE_NO_TRIALS.format(arm="A"),
        abtest.MESSAGE_NO_TRIALS.format(arm="B"),
        abtest.MESSAGE_NO_TRIALS_EITHER.format(a="A", b="B"),
    }
    if a.nobs == b.nobs == 0:
        assert r.srm_p_value is None and r.verdict == abtest.VERDICT_NO_DATA.format(message=r.message)
    else:
        assert r.srm_flag  # 1000 vs 0 trials: the split is broken, and the verdict says so first
        assert "split between A and B is off" in r.verdict


def test_count_zero_in_both_arms() -> None:
    r = compare_proportions(ALL_ZERO, ALL_ZERO)
    assert (r.rate_a, r.rate_b, r.lift_abs, r.lift_rel) == (0.0, 0.0, 0.0, None)
    assert r.test == "fisher" and r.p_value == 1.0 and not r.significant
    assert r.chance_b_beats_a == pytest.approx(0.5, abs=1e-12)
    assert r.message == abtest.MESSAGE_NO_SUCCESSES
    assert r.verdict.startswith("Not enough data yet")
    assert "cannot be estimated" in r.verdict
    # statsmodels confint_proportions_2indep: newcomb is still defined at 0 / 0 successes
    assert (r.ci_low, r.ci_high) == pytest.approx(confint_proportions_2indep(0, 100, 0, 100, method="newcomb"))


def test_count_equals_nobs_in_both_arms() -> None:
    r = compare_proportions(ALL_SUCCESS, ALL_SUCCESS)
    assert (r.rate_a, r.rate_b, r.lift_abs) == (1.0, 1.0, 0.0)
    assert r.lift_rel == 0.0
    assert r.test == "fisher" and r.p_value == 1.0 and not r.significant
    assert r.message == abtest.MESSAGE_ALL_SUCCESSES
    assert r.verdict.startswith("Not enough data yet")


# --- verdicts -------------------------------------------------------------------------------------
def test_not_enough_data_states_sample_needed() -> None:
    r = compare_proportions(ProportionArm(1, 10), ProportionArm(4, 10))
    assert not r.enough_data
    assert r.verdict.startswith("Not enough data yet")
    # observed 10 % → 40 %: sample_size_per_arm(0.1, 0.3) trials per variant
    assert f"about {sample_size_per_arm(0.1, 0.3):,} trials per variant" in r.verdict


def test_significant_and_not_significant_verdicts() -> None:
    win = compare_proportions(A_1000, B_1000)
    assert win.verdict.startswith("B beats A: 25.00% vs 20.00%, a lift of +5.00 percentage points")
    assert "between +1.34 and +8.65 percentage points (95% interval)" in win.verdict
    lose = compare_proportions(B_1000, A_1000)
    assert lose.verdict.startswith("B does worse than A")
    flat = compare_proportions(A_1000, ProportionArm(215, 1000))
    assert flat.verdict.startswith("No significant difference yet")
    assert f"about {sample_size_per_arm(0.2, 0.015):,} trials per variant" in flat.verdict


def test_verdict_templates_are_module_constants() -> None:
    r = compare_proportions(A_1000, B_1000)
    prefix = abtest.VERDICT_B_BEATS_A.split("{b}")[1].split("{a}")[0]
    assert prefix in r.verdict
    assert isinstance(r, ABResult)
    with pytest.raises(AttributeError):  # frozen dataclass
        r.significant = False  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"alpha": 0.0},
        {"alpha": 1.0},
        {"alternative": "greater"},
        {"expected_split": 1.0},
        {"alternative": "larger", "alpha": 0.6},
    ],
)
def test_compare_rejects_bad_calls(kwargs: dict) -> None:
    with pytest.raises(UsageError):
        compare_proportions(A_1000, B_1000, **kwargs)
    with pytest.raises(UsageError):
        compare_proportions((200, 1000), B_1000)  # type: ignore[arg-type]


def test_verdict_numbers_for_small_rates() -> None:
    # hand: 1.30 % − 1.20 % = 0.10 percentage points (a float 0.000999…, which must still read 0.10)
    r = compare_proportions(ProportionArm(1200, 100_000), ProportionArm(1300, 100_000))
    assert "1.30% vs 1.20%, a lift of +0.10 percentage points (+8.33% relative)" in r.verdict
