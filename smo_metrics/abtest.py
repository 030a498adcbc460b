"""A/B tests of two rates: clicks per impression, conversions per click, likes per reach.

Definitions (see ``docs/METRICS.md``):

- An arm is ``(count, nobs)``: successes and trials. rate = count ÷ nobs (missing when nobs = 0).
- lift_abs = rate_b − rate_a; lift_rel = lift_abs ÷ rate_a (missing when rate_a = 0).
- The p-value comes from the pooled two-proportion z-test, or from Fisher's exact test when any
  expected cell of the 2×2 table is below 5. The interval for rate_b − rate_a is Newcombe's
  hybrid score interval. P(B beats A) is exact under uniform Beta(1, 1) priors.
- The sample-ratio-mismatch check asks whether the traffic split itself is broken.

Nothing here raises on degenerate data (no trials, no successes): the result carries a
``message`` and a ``verdict`` for the UI instead. Bad calls raise :class:`UsageError`.
The sentences the UI shows are the module-level ``VERDICT_*`` and ``MESSAGE_*`` constants;
``MESSAGES`` holds them by key in English and Bahasa Indonesia, and :func:`verdict_text` /
:func:`message_text` give a result's verdict and message in either language.
"""

from __future__ import annotations

import math
import operator
import string
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
from scipy import integrate, optimize
from scipy import stats as sps
from scipy.special import betaln, logsumexp
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_effectsize, proportions_ztest

from smo_metrics.errors import UsageError

Alternative = Literal["two-sided", "larger", "smaller"]
ALTERNATIVES: tuple[str, ...] = ("two-sided", "larger", "smaller")
AdjustMethod = Literal["holm", "fdr_bh"]
ADJUST_METHODS: tuple[str, ...] = ("holm", "fdr_bh")

MIN_NOBS_PER_ARM = 30  # fewer trials in either arm → "not enough data yet"
MIN_EVENTS = 5  # fewer successes (or non-successes) in both arms together → "not enough data yet"
FISHER_BELOW_EXPECTED = 5  # any expected cell count below this → Fisher's exact test
SRM_ALPHA = 0.001  # sample-ratio mismatch is flagged when its p-value is below this
DEFAULT_POWER = 0.8
DEFAULT_RELATIVE_MDE = 0.10  # sample needed when the observed lift is 0: a 10 % relative lift
_BAYES_MAX_TERMS = 1_000_000  # beyond this the exact sum gives way to numerical integration

# --- Every sentence the UI shows about an A/B test (one place, so it says the same thing everywhere).
MESSAGE_NO_TRIALS = "{arm} has no trials yet, so there is nothing to compare."
MESSAGE_NO_TRIALS_EITHER = "Neither {a} nor {b} has any trials yet, so there is nothing to compare."
MESSAGE_NO_SUCCESSES = "Neither variant has any successes yet: both rates are 0%."
MESSAGE_ALL_SUCCESSES = "Every trial in both variants was a success: both rates are 100%."
VERDICT_NO_DATA = "No verdict yet: {message}"
VERDICT_SRM = (
    "The split between {a} and {b} is off ({nobs_a:,} vs {nobs_b:,} trials where {share_a:.0%} / {share_b:.0%} "
    "was planned; a split this uneven happens by chance with p = {srm_p:.2g}); "
    "fix the traffic split before trusting this result."
)
VERDICT_NOT_ENOUGH_DATA = (
    "Not enough data yet ({a}: {count_a:,} of {nobs_a:,} trials succeeded; {b}: {count_b:,} of {nobs_b:,}); "
    "a verdict needs at least {min_nobs} trials per variant and at least {min_events} successes and "
    "{min_events} non-successes in total. {needed}"
)
VERDICT_B_BEATS_A = (
    "{b} beats {a}: {rate_b} vs {rate_a}, a lift of {lift_pp} percentage points ({lift_rel}). "
    "The true difference is probably between {ci_low} and {ci_high} percentage points ({ci_level} interval)."
)
VERDICT_B_WORSE_THAN_A = (
    "{b} does worse than {a}: {rate_b} vs {rate_a}, a change of {lift_pp} percentage points ({lift_rel}). "
    "The true difference is probably between {ci_low} and {ci_high} percentage points ({ci_level} interval)."
)
_NOT_SIGNIFICANT_TAIL = (
    ": {a} {rate_a}, {b} {rate_b} (difference {lift_pp} percentage points, "
    "probably between {ci_low} and {ci_high}; {ci_level} interval). {needed}"
)
VERDICT_NO_DIFFERENCE = "No significant difference yet" + _NOT_SIGNIFICANT_TAIL
VERDICT_NOT_BETTER = "{b} is not significantly better than {a} yet" + _NOT_SIGNIFICANT_TAIL
VERDICT_NOT_WORSE = "{b} is not significantly worse than {a} yet" + _NOT_SIGNIFICANT_TAIL
NEEDED_SAMPLE = (
    "To detect a difference of {mde_pp} percentage points {power:.0%} of the time you need about {n:,} trials "
    "per variant (you have {nobs_a:,} and {nobs_b:,})."
)
NEEDED_SAMPLE_REACHED = (
    "You already have more than the {n:,} trials per variant that detect a real difference of {mde_pp} "
    "percentage points {power:.0%} of the time, so a real difference is probably smaller than that."
)
NEEDED_UNKNOWN = "Keep collecting data: the sample needed cannot be estimated while {a}'s rate is 0% or 100%."
ONE_SIDED_NOTE = (
    "This was a one-sided test of {b} doing {direction} than {a}; a difference the other way is not tested."
)
ADJUSTED_NOTE = "Significance is judged on the p-value adjusted for {m} comparisons ({method})."
ADJUST_METHOD_NAMES: dict[str, str] = {"holm": "Holm", "fdr_bh": "Benjamini-Hochberg"}

# The same sentences by key, in English (the constants above) and Bahasa Indonesia. Placeholders
# and their format specs are the same in both; numbers are written in the language's own form
# (``1.234`` and ``12,50%`` in Indonesian) by :func:`verdict_text` and :func:`message_text`.
_NOT_SIGNIFICANT_TAIL_ID = (
    ": {a} {rate_a}, {b} {rate_b} (selisih {lift_pp} poin persentase, "
    "kemungkinan antara {ci_low} dan {ci_high}; interval {ci_level}). {needed}"
)
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "no_trials": MESSAGE_NO_TRIALS,
        "no_trials_either": MESSAGE_NO_TRIALS_EITHER,
        "no_successes": MESSAGE_NO_SUCCESSES,
        "all_successes": MESSAGE_ALL_SUCCESSES,
        "verdict_no_data": VERDICT_NO_DATA,
        "verdict_srm": VERDICT_SRM,
        "verdict_not_enough_data": VERDICT_NOT_ENOUGH_DATA,
        "verdict_b_beats_a": VERDICT_B_BEATS_A,
        "verdict_b_worse_than_a": VERDICT_B_WORSE_THAN_A,
        "verdict_no_difference": VERDICT_NO_DIFFERENCE,
        "verdict_not_better": VERDICT_NOT_BETTER,
        "verdict_not_worse": VERDICT_NOT_WORSE,
        "needed_sample": NEEDED_SAMPLE,
        "needed_sample_reached": NEEDED_SAMPLE_REACHED,
        "needed_unknown": NEEDED_UNKNOWN,
        "one_sided_note": ONE_SIDED_NOTE,
        "adjusted_note": ADJUSTED_NOTE,
        "nothing_to_compare": "there is nothing to compare yet.",
        "relative": "% relative",
        "relative_undefined": "relative change undefined",
        "better": "better",
        "worse": "worse",
    },
    "id": {
        "no_trials": "{arm} belum punya percobaan, jadi belum ada yang bisa dibandingkan.",
        "no_trials_either": "{a} maupun {b} belum punya percobaan, jadi belum ada yang bisa dibandingkan.",
        "no_successes": "Belum ada keberhasilan di kedua varian: kedua rasio 0%.",
        "all_successes": "Semua percobaan di kedua varian berhasil: kedua rasio 100%.",
        "verdict_no_data": "Belum ada kesimpulan: {message}",
        "verdict_srm": (
            "Pembagian antara {a} dan {b} tidak sesuai rencana ({nobs_a:,} vs {nobs_b:,} percobaan, padahal "
            "direncanakan {share_a:.0%} / {share_b:.0%}; pembagian setimpang ini terjadi secara kebetulan dengan "
            "p = {srm_p:.2g}); perbaiki pembagian trafik sebelum memercayai hasil ini."
        ),
        "verdict_not_enough_data": (
            "Data belum cukup ({a}: {count_a:,} dari {nobs_a:,} percobaan berhasil; {b}: {count_b:,} dari "
            "{nobs_b:,}); kesimpulan butuh minimal {min_nobs} percobaan per varian serta minimal {min_events} "
            "keberhasilan dan {min_events} kegagalan secara total. {needed}"
        ),
        "verdict_b_beats_a": (
            "{b} mengungguli {a}: {rate_b} vs {rate_a}, naik {lift_pp} poin persentase ({lift_rel}). "
            "Selisih sebenarnya kemungkinan antara {ci_low} dan {ci_high} poin persentase (interval {ci_level})."
        ),
        "verdict_b_worse_than_a": (
            "{b} lebih buruk daripada {a}: {rate_b} vs {rate_a}, berubah {lift_pp} poin persentase ({lift_rel}). "
            "Selisih sebenarnya kemungkinan antara {ci_low} dan {ci_high} poin persentase (interval {ci_level})."
        ),
        "verdict_no_difference": "Belum ada perbedaan yang signifikan" + _NOT_SIGNIFICANT_TAIL_ID,
        "verdict_not_better": "{b} belum terbukti lebih baik secara signifikan daripada {a}" + _NOT_SIGNIFICANT_TAIL_ID,
        "verdict_not_worse": "{b} belum terbukti lebih buruk secara signifikan daripada {a}" + _NOT_SIGNIFICANT_TAIL_ID,
        "needed_sample": (
            "Untuk mendeteksi selisih {mde_pp} poin persentase dengan peluang {power:.0%}, dibutuhkan sekitar "
            "{n:,} percobaan per varian (saat ini {nobs_a:,} dan {nobs_b:,})."
        ),
        "needed_sample_reached": (
            "Anda sudah punya lebih dari {n:,} percobaan per varian, cukup untuk mendeteksi selisih nyata "
            "{mde_pp} poin persentase dengan peluang {power:.0%}; jadi selisih yang nyata kemungkinan lebih kecil."
        ),
        "needed_unknown": (
            "Teruskan mengumpulkan data: jumlah sampel yang dibutuhkan belum bisa diperkirakan selama rasio {a} "
            "0% atau 100%."
        ),
        "one_sided_note": (
            "Ini uji satu arah apakah {b} {direction} daripada {a}; selisih ke arah sebaliknya tidak diuji."
        ),
        "adjusted_note": "Signifikansi dinilai dari p-value yang disesuaikan untuk {m} perbandingan ({method}).",
        "nothing_to_compare": "belum ada yang bisa dibandingkan.",
        "relative": "% relatif",
        "relative_undefined": "perubahan relatif tak terdefinisi",
        "better": "lebih baik",
        "worse": "lebih buruk",
    },
}


class _NumberFormatter(string.Formatter):
    """``str.format`` that writes numeric fields in the language's form (``1.234,5`` in Indonesian).

    Only numbers passed as fields are rewritten; labels and pre-formatted text are left alone.
    """

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        if self.lang == "id" and isinstance(value, int | float) and not isinstance(value, bool):
            text = _swap_separators(text)
        return text


def _swap_separators(text: str) -> str:
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _lang(lang: str) -> str:
    if lang not in MESSAGES:
        raise UsageError(f"unknown language {lang!r}; expected one of {', '.join(MESSAGES)}")
    return lang


def _say(key: str, lang: str, **fields: Any) -> str:
    return _NumberFormatter(lang).format(MESSAGES[lang][key], **fields)


@dataclass(frozen=True)
class ProportionArm:
    """One arm of a test as sufficient statistics: ``count`` successes in ``nobs`` trials.

    For an ad: ``ProportionArm(count=clicks, nobs=impressions)``; for a post:
    ``ProportionArm(count=engaged_users, nobs=reach)``. Raises :class:`UsageError` unless
    ``0 <= count <= nobs`` (integers; ``nobs = 0`` is allowed and means "no trials yet").
    ``rate`` is count ÷ nobs, ``None`` when nobs = 0.
    """

    count: int
    nobs: int

    def __post_init__(self) -> None:
        try:
            count, nobs = operator.index(self.count), operator.index(self.nobs)
        except TypeError:
            raise UsageError(f"count and nobs must be integers, got {self.count!r} and {self.nobs!r}") from None
        if isinstance(self.count, bool) or isinstance(self.nobs, bool):
            raise UsageError("count and nobs must be integers, not booleans")
        if nobs < 0 or count < 0 or count > nobs:
            raise UsageError(f"need 0 <= count <= nobs, got count={count}, nobs={nobs}")
        object.__setattr__(self, "count", int(count))
        object.__setattr__(self, "nobs", int(nobs))

    @property
    def rate(self) -> float | None:
        """count ÷ nobs; ``None`` when there are no trials."""
        return self.count / self.nobs if self.nobs else None


@dataclass(frozen=True)
class ABResult:
    """Comparison of arm B with arm A (see :func:`compare_proportions` for every field).

    Statistics are ``None`` where the data cannot give them (no trials; ``lift_rel`` when
    rate_a = 0). ``significant`` is the test's answer; ``verdict`` is the advice, which also
    weighs ``enough_data`` and ``srm_flag``. ``message`` explains degenerate data.
    """

    count_a: int
    nobs_a: int
    count_b: int
    nobs_b: int
    rate_a: float | None
    rate_b: float | None
    lift_abs: float | None
    lift_rel: float | None
    ci_low: float | None
    ci_high: float | None
    ci_level: float
    p_value: float | None
    test: Literal["z", "fisher"] | None
    alternative: Alternative
    alpha: float
    significant: bool
    chance_b_beats_a: float | None
    srm_p_value: float | None
    srm_flag: bool
    n_needed_per_arm: int | None
    enough_data: bool
    verdict: str
    message: str | None
    label_a: str = "A"
    label_b: str = "B"
    expected_split: float = 0.5
    p_value_adjusted: float | None = None
    adjustment: str | None = None
    adjusted_over: int | None = None


def _check_alpha(alpha: float) -> None:
    if not 0 < alpha < 1:
        raise UsageError(f"alpha must be between 0 and 1, got {alpha!r}")


def _check_alternative(alternative: str) -> None:
    if alternative not in ALTERNATIVES:
        raise UsageError(f"unknown alternative {alternative!r}; expected one of {', '.join(ALTERNATIVES)}")


def _check_power(power: float) -> None:
    if not 0 < power < 1:
        raise UsageError(f"power must be between 0 and 1, got {power!r}")


def sample_size_per_arm(
    baseline: float,
    mde: float,
    alpha: float = 0.05,
    power: float = DEFAULT_POWER,
    alternative: Alternative = "two-sided",
) -> int:
    """Trials needed in each arm to detect a change from ``baseline`` to ``baseline + mde``.

    The test planned for is H0: p_b − p_a = 0 against the ``alternative``, at level ``alpha``,
    with probability ``power`` of rejecting H0 when the true change is ``mde`` (absolute).
    Method: Cohen's h effect size and the normal power equation (statsmodels
    ``proportion_effectsize`` and ``NormalIndPower().solve_power``, equal arms), rounded up.

    Notes
    -----
    h = 2·arcsin(√(baseline + mde)) − 2·arcsin(√baseline);
    n = (z_(1−α/2) + z_power)² · 2 / h² (two-sided; z_(1−α) for one-sided).
    A one-sided test is planned for an effect of size |h| in the direction it names.
    Other calculators differ: Evan Miller's uses the baseline variance under H0 (≈ 3,623 for
    10 % → 12 %); statsmodels ``samplesize_proportions_2indep_onetail`` uses the pooled variance
    under H0 (≈ 3,841); this arcsine form gives 3,835. Raises :class:`UsageError` unless
    0 < baseline < 1, 0 < baseline + mde < 1 and mde ≠ 0.

    References
    ----------
    Cohen, J. (1988). *Statistical Power Analysis for the Behavioral Sciences*, 2nd ed., ch. 6.
    """
    _check_alpha(alpha)
    _check_power(power)
    _check_alternative(alternative)
    if not 0 < baseline < 1:
        raise UsageError(f"baseline must be a rate strictly between 0 and 1, got {baseline!r}")
    if mde == 0 or not math.isfinite(mde):
        raise UsageError(f"mde must be a non-zero difference, got {mde!r}")
    if not 0 < baseline + mde < 1:
        raise UsageError(f"baseline + mde must be strictly between 0 and 1, got {baseline + mde!r}")
    h = abs(float(proportion_effectsize(baseline + mde, baseline)))
    tail = "two-sided" if alternative == "two-sided" else "larger"
    solver = NormalIndPower()
    with warnings.catch_warnings():  # for huge effects (n of 1 or 2) the root finder gives up: NaN
        warnings.simplefilter("ignore")
        solved = solver.solve_power(effect_size=h, alpha=alpha, power=power, ratio=1.0, alternative=tail)
    solved = float(np.squeeze(solved))
    if not math.isfinite(solved):  # start from the one-tail closed form instead
        z_alpha = float(sps.norm.isf(alpha / 2 if tail == "two-sided" else alpha))
        solved = 2 * (z_alpha + float(sps.norm.ppf(power))) ** 2 / h**2
    n = max(1, math.ceil(solved))

    def reaches(m: int) -> bool:
        return float(solver.power(effect_size=h, nobs1=m, alpha=alpha, ratio=1.0, alternative=tail)) >= power

    # The root finder is accurate to far below one trial; make "smallest integer" exact anyway.
    while n > 1 and reaches(n - 1):
        n -= 1
    while not reaches(n):
        n += 1
    return n


def _solve_effect_size(nobs: float, alpha: float, power: float, tail: str) -> float:
    """Cohen's h reaching ``power`` at ``nobs`` per arm: statsmodels' solution, polished by brentq.

    ``NormalIndPower.solve_power`` for the effect size stops at a power about 3e-5 from the
    target, which is enough to break the round trip with :func:`sample_size_per_arm`.
    """
    solver = NormalIndPower()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        h0 = solver.solve_power(nobs1=nobs, alpha=alpha, power=power, ratio=1.0, alternative=tail)
    h0 = abs(float(np.squeeze(h0)))

    def gap(h: float) -> float:
        return float(solver.power(effect_size=h, nobs1=nobs, alpha=alpha, ratio=1.0, alternative=tail)) - power

    if math.isfinite(h0) and h0 > 0 and gap(h0 / 2) < 0 < gap(h0 * 2):
        lo, hi = h0 / 2, h0 * 2
    else:  # statsmodels gave up: bracket from scratch (power rises with h from alpha to 1)
        lo, hi = 1e-12, 1.0
        while gap(hi) <= 0 and hi < 1e6:
            hi *= 2
    return float(optimize.brentq(gap, lo, hi, xtol=1e-15, rtol=1e-15))


def minimum_detectable_effect(
    baseline: float,
    nobs_per_arm: float,
    alpha: float = 0.05,
    power: float = DEFAULT_POWER,
    alternative: Alternative = "two-sided",
) -> float:
    """The smallest absolute change from ``baseline`` that ``nobs_per_arm`` trials per arm detect.

    Inverse of :func:`sample_size_per_arm`: the test is H0: p_b − p_a = 0 against the
    ``alternative`` at level ``alpha``; the result is the change detected with probability
    ``power``. Method: solve the normal power equation for Cohen's h (statsmodels
    ``NormalIndPower``), then invert h.

    Notes
    -----
    p2 = sin(arcsin(√baseline) + h/2)², MDE = p2 − baseline. Positive (an increase) for
    "two-sided" and "larger"; negative (a decrease, p2 = sin(arcsin(√baseline) − h/2)²) for
    "smaller". NaN when even a jump to 100 % (or a fall to 0 %) would not be detectable.

    References
    ----------
    Cohen, J. (1988). *Statistical Power Analysis for the Behavioral Sciences*, 2nd ed., ch. 6.
    """
    _check_alpha(alpha)
    _check_power(power)
    _check_alternative(alternative)
    if not 0 < baseline < 1:
        raise UsageError(f"baseline must be a rate strictly between 0 and 1, got {baseline!r}")
    if not nobs_per_arm > 0:
        raise UsageError(f"nobs_per_arm must be positive, got {nobs_per_arm!r}")
    tail = "two-sided" if alternative == "two-sided" else "larger"
    h = _solve_effect_size(nobs_per_arm, alpha, power, tail)
    phi = math.asin(math.sqrt(baseline))
    target = phi - h / 2 if alternative == "smaller" else phi + h / 2
    if not 0 <= target <= math.pi / 2:
        return math.nan
    return math.sin(target) ** 2 - baseline


def _prob_second_greater(a1: int, b1: int, a2: int, b2: int) -> float:
    """P(X2 > X1) for X1 ~ Beta(a1, b1), X2 ~ Beta(a2, b2), integer a2: Evan Miller's sum (a2 terms)."""
    i = np.arange(a2, dtype=float)
    log_terms = betaln(a1 + i, b1 + b2) - np.log(b2 + i) - betaln(1 + i, b2) - betaln(a1, b1)
    return float(np.exp(logsumexp(log_terms)))


def _prob_b_beats_a_integral(aa: int, ba: int, ab: int, bb: int) -> float:
    """P(p_b > p_a) = ∫ f_B(x)·F_A(x) dx by adaptive quadrature over the bulk of B's posterior."""
    dist_a, dist_b = sps.beta(aa, ba), sps.beta(ab, bb)
    lo, hi = float(dist_b.ppf(1e-15)), float(dist_b.isf(1e-15))
    inner = sorted({min(max(x, lo), hi) for x in (float(dist_a.mean()), float(dist_b.mean()))} - {lo, hi})
    value, _ = integrate.quad(lambda x: dist_b.pdf(x) * dist_a.cdf(x), lo, hi, points=inner or None, limit=500)
    return float(value)


def prob_b_beats_a(a: ProportionArm, b: ProportionArm, max_terms: int = _BAYES_MAX_TERMS) -> float:
    """Posterior probability that B's true rate exceeds A's, under uniform Beta(1, 1) priors.

    Posteriors: p_a ~ Beta(1 + count_a, 1 + nobs_a − count_a), likewise p_b. Method: Evan
    Miller's closed form, a finite sum of Beta functions evaluated in log space; of its four
    equivalent forms (sum over either arm's successes or failures) the shortest is used. When
    even that has more than ``max_terms`` terms, adaptive quadrature (scipy ``quad``) of
    ∫ f_B(x)·F_A(x) dx is used instead. Both are deterministic (no random sampling).

    Notes
    -----
    P(p_b > p_a) = Σ_{i=0}^{α_B−1} B(α_A + i, β_A + β_B) / ((β_B + i)·B(1 + i, β_B)·B(α_A, β_A)),
    α = 1 + count, β = 1 + nobs − count. Identical arms give exactly 0.5 up to rounding.

    References
    ----------
    Miller, E. (2015). Formulas for Bayesian A/B Testing. evanmiller.org/bayesian-ab-testing.html
    """
    aa, ba = 1 + a.count, 1 + a.nobs - a.count
    ab, bb = 1 + b.count, 1 + b.nobs - b.count
    forms = (
        (ab, lambda: _prob_second_greater(aa, ba, ab, bb)),
        (aa, lambda: 1.0 - _prob_second_greater(ab, bb, aa, ba)),
        # With q = 1 − p ~ Beta(β, α): p_b > p_a exactly when q_a > q_b.
        (ba, lambda: _prob_second_greater(bb, ab, ba, aa)),
        (bb, lambda: 1.0 - _prob_second_greater(ba, aa, bb, ab)),
    )
    terms, compute = min(forms, key=lambda f: f[0])
    value = compute() if terms <= max_terms else _prob_b_beats_a_integral(aa, ba, ab, bb)
    return min(1.0, max(0.0, value))


def _srm_p_value(nobs_a: int, nobs_b: int, expected_split: float) -> float | None:
    total = nobs_a + nobs_b
    if total == 0:
        return None
    expected = [total * expected_split, total * (1 - expected_split)]
    return float(sps.chisquare([nobs_a, nobs_b], f_exp=expected).pvalue)


def _fmt_number(v: float, lang: str = "en") -> str:
    """Two decimals; two significant digits below 0.1, so a 0.042 % CTR prints as 0.042, not 0.04."""
    short = f"{v:.2g}"
    text = f"{v:.2f}" if abs(float(short)) >= 0.1 or v == 0 else short
    return _swap_separators(text) if lang == "id" else text


def _fmt_pct(x: float, lang: str = "en") -> str:
    return _fmt_number(x * 100, lang) + "%"


def _fmt_pp(x: float, signed: bool = False, lang: str = "en") -> str:
    text = _fmt_number(x * 100, lang)
    return "+" + text if signed and x > 0 else text


def _needed_sentence(r: ABResult, power: float = DEFAULT_POWER, lang: str = "en") -> str:
    """The 'sample needed' sentence: observed lift, or a 10 % relative lift when it is 0."""
    rate_a = r.rate_a
    if rate_a is None or not 0 < rate_a < 1:
        return _say("needed_unknown", lang, a=r.label_a)
    n, mde = r.n_needed_per_arm, r.lift_abs
    if n is None or mde is None:
        mde = DEFAULT_RELATIVE_MDE * rate_a
        if rate_a + mde >= 1:
            mde = -mde
        n = sample_size_per_arm(rate_a, mde, alpha=r.alpha, power=power, alternative=r.alternative)
    key = "needed_sample_reached" if min(r.nobs_a, r.nobs_b) >= n else "needed_sample"
    return _say(key, lang, mde_pp=_fmt_pp(abs(mde), lang=lang), n=n, nobs_a=r.nobs_a, nobs_b=r.nobs_b, power=power)


def _message_key(r: ABResult) -> str | None:
    """Which ``MESSAGE_*`` explains the data (None when the data are not degenerate)."""
    if r.nobs_a == 0 and r.nobs_b == 0:
        return "no_trials_either"
    if r.nobs_a == 0 or r.nobs_b == 0:
        return "no_trials"
    if r.count_a + r.count_b == 0:
        return "no_successes"
    if r.count_a + r.count_b == r.nobs_a + r.nobs_b:
        return "all_successes"
    return None


def message_text(r: ABResult, lang: str = "en") -> str | None:
    """``r.message`` in ``lang`` ("en" or "id"): why the data cannot give a full answer, or None."""
    key = _message_key(r)
    if key is None:
        return None
    arm = r.label_a if r.nobs_a == 0 else r.label_b
    return _say(key, _lang(lang), arm=arm, a=r.label_a, b=r.label_b)


def verdict_text(r: ABResult, lang: str = "en") -> str:
    """``r.verdict`` in ``lang``: "en" gives exactly ``r.verdict``, "id" the same advice in Bahasa Indonesia.

    Numbers are written in the language's form (``1.234`` trials and ``1,38%`` in Indonesian).
    The advice never differs between languages: both come from the same fields of ``r``.
    """
    return _verdict(r, _lang(lang))


def _verdict(r: ABResult, lang: str = "en") -> str:
    """The plain-language advice (precedence: broken split, no trials, too little data, the test).

    A broken split comes first: it invalidates everything else, even when one arm is empty.
    """
    a, b = r.label_a, r.label_b
    words = MESSAGES[lang]
    if r.srm_flag and r.srm_p_value is not None:
        return _say(
            "verdict_srm",
            lang,
            a=a,
            b=b,
            nobs_a=r.nobs_a,
            nobs_b=r.nobs_b,
            share_a=r.expected_split,
            share_b=1 - r.expected_split,
            srm_p=r.srm_p_value,
        )
    if r.p_value is None or r.rate_a is None or r.rate_b is None or r.lift_abs is None:
        message = message_text(r, lang) if r.message is not None else None
        return _say("verdict_no_data", lang, message=message or words["nothing_to_compare"])
    if not r.enough_data:
        return _say(
            "verdict_not_enough_data",
            lang,
            a=a,
            b=b,
            nobs_a=r.nobs_a,
            nobs_b=r.nobs_b,
            count_a=r.count_a,
            count_b=r.count_b,
            min_nobs=MIN_NOBS_PER_ARM,
            min_events=MIN_EVENTS,
            needed=_needed_sentence(r, lang=lang),
        )
    assert r.ci_low is not None and r.ci_high is not None
    parts = {
        "a": a,
        "b": b,
        "rate_a": _fmt_pct(r.rate_a, lang),
        "rate_b": _fmt_pct(r.rate_b, lang),
        "lift_pp": _fmt_pp(r.lift_abs, signed=True, lang=lang),
        "lift_rel": words["relative_undefined"]
        if r.lift_rel is None
        else _fmt_pp(r.lift_rel, signed=True, lang=lang) + words["relative"],
        "ci_low": _fmt_pp(r.ci_low, signed=True, lang=lang),
        "ci_high": _fmt_pp(r.ci_high, signed=True, lang=lang),
        "ci_level": _NumberFormatter(lang).format("{:.0%}", r.ci_level),
    }
    if r.significant:
        better = r.alternative == "larger" or (r.alternative == "two-sided" and r.lift_abs > 0)
        text = _say("verdict_b_beats_a" if better else "verdict_b_worse_than_a", lang, **parts)
    else:
        key = {"two-sided": "verdict_no_difference", "larger": "verdict_not_better", "smaller": "verdict_not_worse"}
        # A one-sided test whose data point the other way: "more data" is not the advice.
        opposite = (r.alternative == "larger" and r.lift_abs < 0) or (r.alternative == "smaller" and r.lift_abs > 0)
        needed = "" if opposite else _needed_sentence(r, lang=lang)
        text = _say(key[r.alternative], lang, **parts, needed=needed).rstrip()
    if r.alternative != "two-sided":
        direction = words["better"] if r.alternative == "larger" else words["worse"]
        text += " " + _say("one_sided_note", lang, a=a, b=b, direction=direction)
    if r.adjustment is not None and r.adjusted_over is not None:
        text += " " + _say("adjusted_note", lang, m=r.adjusted_over, method=ADJUST_METHOD_NAMES[r.adjustment])
    return text


def compare_proportions(
    a: ProportionArm,
    b: ProportionArm,
    alpha: float = 0.05,
    alternative: Alternative = "two-sided",
    expected_split: float = 0.5,
    *,
    labels: tuple[str, str] = ("A", "B"),
) -> ABResult:
    """Compare the rate of variant B with that of variant A (e.g. CTR of two ad versions).

    H0: p_b − p_a = 0. H1: p_b − p_a ≠ 0 ("two-sided"), p_b > p_a ("larger") or
    p_b < p_a ("smaller"). Test: the pooled two-proportion z-test (statsmodels
    ``proportions_ztest``), or Fisher's exact test (scipy ``fisher_exact``) when any expected
    cell count of the 2×2 table is below 5. ``significant`` is p_value < alpha.
    Interval for p_b − p_a: Newcombe's hybrid score interval (statsmodels
    ``confint_proportions_2indep(method="newcomb")``), at level 1 − alpha for a two-sided test and
    1 − 2·alpha for a one-sided one (so its relevant end is the one-sided 1 − alpha bound).
    ``chance_b_beats_a``: see :func:`prob_b_beats_a`. ``srm_p_value``: chi-square goodness of fit
    of (nobs_a, nobs_b) to the planned split (``expected_split`` is A's share; scipy
    ``chisquare``), flagged below 0.001. ``n_needed_per_arm``: :func:`sample_size_per_arm` for
    rate_a → rate_b at power 0.8; None when the lift is 0 or either rate is 0 or 1.

    Notes
    -----
    p̂ = (count_a + count_b) / (nobs_a + nobs_b); z = (rate_b − rate_a) / √(p̂(1 − p̂)(1/nobs_a + 1/nobs_b)).
    Expected cells: nobs_arm · total successes / N and nobs_arm · total failures / N.
    ``enough_data`` needs ≥ 30 trials per arm and ≥ 5 successes and ≥ 5 failures in total.
    Degenerate data never raises: no trials gives None statistics and a ``message``.

    References
    ----------
    Newcombe, R. G. (1998). Interval estimation for the difference between independent
    proportions. *Statistics in Medicine* 17, 873–890. Fisher, R. A. (1935). *The Design of
    Experiments*. Miller, E. (2015). Formulas for Bayesian A/B Testing.
    """
    if not isinstance(a, ProportionArm) or not isinstance(b, ProportionArm):
        raise UsageError("a and b must be ProportionArm(count, nobs)")
    _check_alpha(alpha)
    _check_alternative(alternative)
    if not 0 < expected_split < 1:
        raise UsageError(
            f"expected_split (A's planned share of trials) must be between 0 and 1, got {expected_split!r}"
        )
    label_a, label_b = labels
    ci_alpha = alpha if alternative == "two-sided" else 2 * alpha
    if ci_alpha >= 1:
        raise UsageError(f"a one-sided test needs alpha below 0.5, got {alpha!r}")
    ci_level = 1 - ci_alpha
    srm_p = _srm_p_value(a.nobs, b.nobs, expected_split)
    base: dict[str, Any] = dict(
        count_a=a.count,
        nobs_a=a.nobs,
        count_b=b.count,
        nobs_b=b.nobs,
        ci_level=ci_level,
        alternative=alternative,
        alpha=alpha,
        srm_p_value=srm_p,
        srm_flag=srm_p is not None and srm_p < SRM_ALPHA,
        verdict="",
        label_a=label_a,
        label_b=label_b,
        expected_split=expected_split,
    )
    if a.nobs == 0 or b.nobs == 0:
        if a.nobs == 0 and b.nobs == 0:
            no_trials = MESSAGE_NO_TRIALS_EITHER.format(a=label_a, b=label_b)
        else:
            no_trials = MESSAGE_NO_TRIALS.format(arm=label_a if a.nobs == 0 else label_b)
        result = ABResult(
            **base,
            rate_a=a.rate,
            rate_b=b.rate,
            lift_abs=None,
            lift_rel=None,
            ci_low=None,
            ci_high=None,
            p_value=None,
            test=None,
            significant=False,
            chance_b_beats_a=None,
            n_needed_per_arm=None,
            enough_data=False,
            message=no_trials,
        )
        return replace(result, verdict=_verdict(result))

    rate_a, rate_b = a.count / a.nobs, b.count / b.nobs
    lift = rate_b - rate_a
    total, successes = a.nobs + b.nobs, a.count + b.count
    failures = total - successes
    expected_cells = [n * k / total for n in (a.nobs, b.nobs) for k in (successes, failures)]
    test: Literal["z", "fisher"]
    if min(expected_cells) < FISHER_BELOW_EXPECTED:
        test = "fisher"
        # Rows B then A, so the odds ratio is > 1 exactly when B's rate is higher ("greater").
        table = [[b.count, b.nobs - b.count], [a.count, a.nobs - a.count]]
        fisher_alt = {"two-sided": "two-sided", "larger": "greater", "smaller": "less"}[alternative]
        p_value = float(sps.fisher_exact(table, alternative=fisher_alt).pvalue)
    else:
        test = "z"
        # count1/nobs1 is B, so the statistic is for p_b − p_a and "larger" means p_b > p_a.
        _, p = proportions_ztest([b.count, a.count], [b.nobs, a.nobs], value=0, alternative=alternative)
        p_value = float(p)
    p_value = min(1.0, max(0.0, p_value))
    # Argument order (B first) makes this an interval for p_b − p_a.
    low, high = confint_proportions_2indep(
        b.count, b.nobs, a.count, a.nobs, method="newcomb", compare="diff", alpha=ci_alpha
    )
    n_needed = None
    if lift != 0 and 0 < rate_a < 1 and 0 < rate_b < 1:
        n_needed = sample_size_per_arm(rate_a, lift, alpha=alpha, power=DEFAULT_POWER, alternative=alternative)
    message: str | None = None
    if successes == 0:
        message = MESSAGE_NO_SUCCESSES
    elif failures == 0:
        message = MESSAGE_ALL_SUCCESSES
    result = ABResult(
        **base,
        rate_a=rate_a,
        rate_b=rate_b,
        lift_abs=lift,
        lift_rel=lift / rate_a if rate_a > 0 else None,
        ci_low=float(low),
        ci_high=float(high),
        p_value=p_value,
        test=test,
        significant=p_value < alpha,
        chance_b_beats_a=prob_b_beats_a(a, b),
        n_needed_per_arm=n_needed,
        enough_data=min(a.nobs, b.nobs) >= MIN_NOBS_PER_ARM and min(successes, failures) >= MIN_EVENTS,
        message=message,
    )
    return replace(result, verdict=_verdict(result))


def adjust_pvalues(
    pvalues: Sequence[float], method: AdjustMethod = "holm", alpha: float = 0.05
) -> list[tuple[float, bool]]:
    """Adjust p-values for testing several hypotheses at once; ``(adjusted p, reject)`` per input.

    Each H0_i (e.g. "variant i has the control's rate") is rejected when its adjusted p-value is
    below ``alpha``. Method: statsmodels ``multipletests``. "holm" controls the family-wise
    error rate (the chance of any false winner); "fdr_bh" controls the false discovery rate
    (the expected share of false winners among the winners).

    Notes
    -----
    Holm: sort p ascending; adjusted p_(i) = max_{j ≤ i} min(1, (m − j + 1)·p_(j)).
    BH: adjusted p_(i) = min_{j ≥ i} min(1, m·p_(j)/j). ``reject`` is adjusted p < alpha (strict,
    as everywhere in this module; statsmodels uses ≤, which differs only at equality).
    An empty sequence gives an empty list.

    References
    ----------
    Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scand. J. Statist.* 6, 65–70.
    Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate. *JRSS B* 57, 289–300.
    """
    if method not in ADJUST_METHODS:
        raise UsageError(f"unknown adjustment method {method!r}; expected one of {', '.join(ADJUST_METHODS)}")
    _check_alpha(alpha)
    values = [float(p) for p in pvalues]
    if any(not 0 <= p <= 1 for p in values):  # also catches NaN
        raise UsageError(f"p-values must lie between 0 and 1, got {values!r}")
    if not values:
        return []
    _, adjusted, _, _ = multipletests(values, alpha=alpha, method=method)
    return [(float(p), bool(p < alpha)) for p in adjusted]


def compare_many(
    control: ProportionArm,
    variants: Mapping[str, ProportionArm],
    alpha: float = 0.05,
    alternative: Alternative = "two-sided",
    method: AdjustMethod = "holm",
    expected_split: float | Mapping[str, float] = 0.5,
    *,
    control_label: str = "Control",
) -> list[ABResult]:
    """Compare each variant with the control, adjusting for the number of comparisons.

    For each variant: H0: p_variant − p_control = 0, tested as in :func:`compare_proportions`
    (the variant is B, the control A). The p-values of the comparisons that have one are then
    adjusted together by :func:`adjust_pvalues` (Holm by default, or Benjamini-Hochberg), and
    ``significant`` and the verdict use the adjusted p (``p_value_adjusted``); ``p_value`` stays
    the unadjusted one. Results come back in the order of ``variants``.

    Notes
    -----
    The intervals are not widened for multiplicity. The SRM check is pairwise: ``expected_split``
    is the control's planned share of the control + variant trials (0.5 for equal arms), one
    number for every variant or a mapping with one per variant name (for unequal planned splits:
    control share w₀ and variant share wᵢ give w₀ ÷ (w₀ + wᵢ)).

    References
    ----------
    Holm, S. (1979); Benjamini, Y. & Hochberg, Y. (1995) — see :func:`adjust_pvalues`.
    """
    if method not in ADJUST_METHODS:
        raise UsageError(f"unknown adjustment method {method!r}; expected one of {', '.join(ADJUST_METHODS)}")
    if isinstance(expected_split, Mapping):
        missing = [name for name in variants if name not in expected_split]
        if missing:
            raise UsageError(f"expected_split has no planned split for {', '.join(map(repr, missing))}")
        splits = {name: float(expected_split[name]) for name in variants}
    else:
        splits = dict.fromkeys(variants, float(expected_split))
    raw = [
        compare_proportions(control, arm, alpha, alternative, splits[name], labels=(control_label, name))
        for name, arm in variants.items()
    ]
    tested = [i for i, r in enumerate(raw) if r.p_value is not None]
    adjusted = adjust_pvalues([p for r in raw if (p := r.p_value) is not None], method=method, alpha=alpha)
    out = list(raw)
    for i, (p_adj, reject) in zip(tested, adjusted, strict=True):
        r = replace(raw[i], p_value_adjusted=p_adj, significant=reject, adjustment=method, adjusted_over=len(tested))
        out[i] = replace(r, verdict=_verdict(r))
    return out
