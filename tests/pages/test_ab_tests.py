"""The A/B tests page on the sample and on an empty workspace: numbers, words, saving, planning."""

from __future__ import annotations

import pandas as pd
import pytest

from smo_metrics import abtest, i18n
from smo_metrics import experiments as ex
from smo_metrics.store import open_store

PAGE = "pages/ab_tests.py"


def texts(at, kinds=("success", "info", "warning", "error")) -> list[str]:
    return [el.value for kind in kinds for el in getattr(at, kind)]


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def typed(at, rows: list[tuple[str, int | None, int | None]], metric: str = "ctr") -> None:
    at.session_state["ab_source"] = "counts"
    at.session_state["ab_metric_counts"] = metric
    at.session_state["ab_counts_base"] = pd.DataFrame(
        {"label": [r[0] for r in rows], "count": [r[1] for r in rows], "nobs": [r[2] for r in rows]}
    )


def test_sample_opens_on_the_ab_pair_with_the_librarys_numbers(sample_app) -> None:
    at = sample_app(PAGE, lang="en")
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    first = ex.suggest_ad_tests(view.tables["ads"])[0]
    assert first.labels == ("12.12 — Video A", "12.12 — Carousel B")
    (r,) = ex.run_experiment(ex.arms_from_ads(view.tables["ads"], first.level, first.refs, "ctr")).comparisons
    shown = metric_values(at)
    assert shown["A · 12.12 — Video A"] == i18n.percent(r.rate_a, "en", 2) == "1.15%"
    assert shown["B · 12.12 — Carousel B"] == i18n.percent(r.rate_b, "en", 2) == "1.40%"
    assert shown["Relative lift"] == i18n.signed_percent(r.lift_rel, "en", 1)
    assert shown["p-value"] == "< 0.001"
    assert [m.delta for m in at.metric if m.label.startswith("B ·")] == ["+0.25 pp vs A"]
    assert r.verdict in texts(at, ("success",))  # significant, enough data, split as planned
    assert at.title[0].value == "A/B tests"


def test_sample_in_indonesian(sample_app) -> None:
    at = sample_app(PAGE, lang="id")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Uji A/B"
    [verdict] = texts(at, ("success",))
    assert verdict.startswith("12.12 — Carousel B mengungguli 12.12 — Video A: 1,40% vs 1,15%")
    shown = metric_values(at)
    assert shown["A · 12.12 — Video A"] == "1,15%" and shown["p-value"] == "< 0,001"
    assert "Kenaikan relatif" in shown and "Percobaan per varian" in shown and "Hari yang dibutuhkan" in shown
    assert at.subheader[0].value == "Hasil" and "Rencanakan uji berikutnya" in [s.value for s in at.subheader]
    labels = [w.label for w in at.selectbox] + [w.label for w in at.multiselect]
    assert "Metrik" in labels and "Varian (yang pertama adalah kontrol, A)" in labels
    assert not any("Relative lift" in t or "Not enough" in t for t in texts(at))


def test_typed_counts_not_significant_is_never_called_significant(sample_app) -> None:
    at = sample_app(PAGE, lang="en")
    typed(at, [("Old", 20, 1000), ("New", 22, 1000)])
    at.run()
    assert not at.exception
    r = abtest.compare_proportions(
        abtest.ProportionArm(20, 1000), abtest.ProportionArm(22, 1000), labels=("Old", "New")
    )
    assert not r.significant
    shown = texts(at)
    assert r.verdict in texts(at, ("info",)) and r.verdict.startswith("No significant difference yet")
    assert not at.success and not any("beats" in t or "does worse" in t for t in shown)
    assert metric_values(at)["p-value"] == i18n.number(r.p_value, "en", 3)
    assert f"about {r.n_needed_per_arm:,} trials per variant" in r.verdict


def test_typed_counts_with_too_little_data_say_so_in_both_languages(sample_app) -> None:
    for lang, start in (("en", "Not enough data yet"), ("id", "Data belum cukup")):
        at = sample_app(PAGE, lang=lang)
        typed(at, [("A", 1, 10), ("B", 4, 10)])
        at.run()
        assert not at.exception
        [warning] = [t for t in texts(at, ("warning",)) if "Kopi Senja" not in t]
        assert warning.startswith(start)
        assert ("trials per variant" if lang == "en" else "percobaan per varian") in warning


def test_numbers_that_are_not_successes_out_of_trials_are_refused(sample_app) -> None:
    at = sample_app(PAGE, lang="en")
    typed(at, [("Reel", 600, 500), ("Carousel", 40, 800)], metric="engagement_rate_by_reach")
    at.run()
    assert not at.exception
    [error] = at.error
    assert "not run on these numbers" in error.value and "600 engagements out of 500 reach" in error.value
    assert not at.metric[:2] or "Reel" not in at.metric[0].label  # no rate card for a refused test


def test_a_broken_split_is_flagged(sample_app) -> None:
    at = sample_app(PAGE, lang="en")
    typed(at, [("A", 100, 1000), ("B", 300, 2000)])
    at.run()
    assert not at.exception
    warnings = texts(at, ("warning",))
    # two arms: the verdict itself says it (once); more arms get one summary above the verdicts
    [split] = [t for t in warnings if "split" in t]
    assert split.startswith("The split between A and B is off (1,000 vs 2,000 trials where 50% / 50% was planned")
    assert "fix the traffic split before trusting this result" in split
    assert not at.success  # a broken split is never shown as a win, though B's rate is clearly higher
    typed(at, [("A", 100, 1000), ("B", 300, 2000), ("C", 120, 1000)])
    at.run()
    warnings = texts(at, ("warning",))
    assert sum(t.startswith("**The traffic split is off.**") for t in warnings) == 1
    assert any("Traffic split off, fix it before trusting the result: B" in t for t in warnings)
    [table] = [d.value for d in at.dataframe if "Result" in d.value.columns]
    assert "Split problem" in list(table["Result"])


def test_three_ads_are_adjusted_for_multiple_comparisons(sample_app) -> None:
    at = sample_app(PAGE, lang="en")
    at.run()
    view = at.session_state["_view"]
    suggestions = ex.suggest_ad_tests(view.tables["ads"])
    i = next(k for k, s in enumerate(suggestions) if len(s.refs) == 3)
    at.session_state["ab_level"] = suggestions[i].level
    at.session_state[f"ab_ads_{suggestions[i].level}"] = [ex.ref_key(r) for r in suggestions[i].refs]
    at.session_state["ab_metric_ads"] = "conversion_rate"
    at.run()
    assert not at.exception
    results = ex.run_experiment(
        ex.arms_from_ads(view.tables["ads"], suggestions[i].level, suggestions[i].refs, "conversion_rate")
    ).comparisons
    assert len(results) == 2 and all(r.adjustment == "holm" for r in results)
    table = at.dataframe[0].value
    assert "Adjusted p" in table.columns
    assert list(table["Adjusted p"]) == [
        "< 0.001" if r.p_value_adjusted < 0.001 else i18n.number(r.p_value_adjusted, "en", 3) for r in results
    ]
    for r, word in zip(results, table["Result"], strict=True):
        assert word == ("No clear difference" if not r.significant else word)
    assert all("adjusted for 2 comparisons (Holm)" in r.verdict for r in results)
    n_sig = sum(r.significant for r in results)
    [summary] = [t for t in texts(at) if t.startswith("Compared with A · 12.12 BOGO Video")]
    assert summary.startswith(f"Compared with A · 12.12 BOGO Video, {n_sig} of 2 variants differ significantly")
    assert "(p-values corrected for 2 comparisons, Holm)" in summary
    if n_sig == 0:
        assert "No significant difference yet: B · 12.12 Countdown, C · 12.12 Creator Collab." in summary
        assert not at.success


def test_save_reopen_and_delete_a_test(sample_app, workspace_url) -> None:
    at = sample_app(PAGE, lang="en")
    at.run()
    at.text_input(key="ab_name").set_value("Harbolnas creative test")
    at.button(key="ab_save").click().run()
    assert not at.exception
    saved = open_store(workspace_url).ab_tests()
    assert list(saved["name"]) == ["Harbolnas creative test"] and list(saved["metric"]) == ["ctr"]
    definition = ex.ExperimentDefinition.from_json(saved["definition"].iloc[0])
    assert definition.source == "ads" and definition.level == "ad_set"
    assert [a["label"] for a in definition.arms] == ["12.12 — Video A", "12.12 — Carousel B"]
    assert definition.arms[0]["ref"]["campaign"] == "KSN | Harbolnas 12.12 | A/B Kreatif"
    assert any("Saved “Harbolnas creative test”." in t for t in texts(at, ("success",)))

    # Switch to typed counts, then reopen the saved test: the ads and the verdict come back.
    at.session_state["ab_source"] = "counts"
    at.run()
    at.button(key="ab_open").click().run()
    assert not at.exception
    assert at.session_state["ab_source"] == "ads"
    assert any(t.startswith("12.12 — Carousel B beats 12.12 — Video A") for t in texts(at, ("success",)))

    at.button(key="ab_delete").click().run()
    assert not at.exception
    assert open_store(workspace_url).ab_tests().empty


def test_posts_as_arms(sample_app) -> None:
    at = sample_app(PAGE, lang="en")
    at.session_state["ab_source"] = "posts"
    at.run()
    assert not at.exception
    view = at.session_state["_view"]
    opts = ex.post_options(view.tables["posts"], view.period.start, view.period.end)
    chosen = opts[opts["reach"].notna()].head(2)
    refs = [ex.post_ref(r) for r in chosen.to_dict("records")]
    at.session_state["ab_posts"] = [ex.ref_key(r) for r in refs]
    at.session_state["ab_metric_posts"] = "engagement_rate_by_reach"
    at.run()
    assert not at.exception
    arms = ex.arms_from_posts(view.tables["posts"], refs, "engagement_rate_by_reach")
    cards = [m.value for m in at.metric[:2]]
    assert cards == [i18n.percent(a.rate, "en", 2) for a in arms.arms]
    assert any("Engagements are actions, not people" in c.value for c in at.caption)
    # organic posts have no planned split: no split warning, whatever their reach
    assert not any("split" in t for t in texts(at, ("warning",)))
    assert any("not checked" in c.value for c in at.caption)


def test_planner_numbers_come_from_the_library(sample_app) -> None:
    at = sample_app(PAGE, lang="en")
    at.run()
    view = at.session_state["_view"]
    first = ex.suggest_ad_tests(view.tables["ads"])[0]
    arms = ex.arms_from_ads(view.tables["ads"], first.level, first.refs, "ctr")
    daily = ex.daily_trials(view.tables["ads"], first.level, first.refs, "ctr")
    baseline = round(arms.arms[0].rate * 100, 2) / 100  # the page offers the control's rate, in % with 2 decimals
    plan = ex.plan_experiment(baseline, 0.10, daily_trials=float(round(daily)))
    shown = metric_values(at)
    assert shown["Trials per variant"] == i18n.number(plan.n_per_arm, "en")
    assert shown["Days needed"] == f"{plan.days} days"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_empty_workspace_starts_with_typed_counts(empty_app, lang) -> None:
    at = empty_app(PAGE, lang=lang)
    at.run()
    assert not at.exception
    assert at.session_state["ab_source"] == "counts"
    message = "Type each variant's link clicks and impressions" if lang == "en" else "Ketik klik tautan dan tayangan"
    assert any(t.startswith(message) for t in texts(at, ("info",)))
    assert ("Trials per variant" if lang == "en" else "Percobaan per varian") in metric_values(at)
    at.session_state["ab_source"] = "ads"
    at.run()
    assert not at.exception
    assert any(("Ads Manager" in t) for t in texts(at, ("info",)))
    at.session_state["ab_source"] = "posts"
    at.run()
    assert not at.exception
    assert any(("Data" in t) for t in texts(at, ("info",)))
