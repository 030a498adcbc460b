"""A/B tests from workspace data: what each arm's successes and trials are, built, run and planned.

An arm of a test is ``count`` successes out of ``nobs`` trials (:class:`smo_metrics.abtest.ProportionArm`).
This module says, for each metric, which counts those are, builds the arms from the workspace's
ads rows, its posts, or counts a person types in, refuses numbers that are not successes out
of trials, runs the comparison with :mod:`smo_metrics.abtest`, and plans the next test.

Metrics (:data:`METRICS`; successes ÷ trials):

=============================== ==================== ============== =============
key                             successes            trials         sources
=============================== ==================== ============== =============
ctr                             link clicks          impressions    ads, posts
ctr_all                         clicks (all)         impressions    ads, posts
conversion_rate                 conversions          link clicks    ads
result_rate                     results              link clicks    ads
engagement_rate_by_reach        engagements          reach          posts
engagement_rate_by_impressions  engagements          impressions    posts
custom                          successes            trials         typed in
=============================== ==================== ============== =============

Typed-in counts may use any metric: the metric then only names the two numbers.

Rules (also in ``docs/pages/ab_tests.md``):

- An arm sums the successes and the trials over its rows where **both** are known; rows with
  either missing are left out and counted (a note says how many). No row with both → the arm is
  refused ("missing"), naming the export that has the numbers. Missing is never read as 0.
- **At most one success per trial.** A test of two proportions treats every trial as a coin
  flip that succeeds or not. Engagements are actions, not people: one person reached can like,
  comment, share and save, so a post's engagements can exceed its reach; Ads Manager counts
  view-through conversions and several purchases after one click, so conversions can exceed
  link clicks. When an arm has more successes than trials the test is **refused** for that
  arm (problem "exceeds", naming the arm): capping would silently test a different number.
  When it has fewer, the test is run and engagement metrics carry the note
  "engagement_not_people" (a person who likes and comments counts as two successes, so the
  p-value and interval are somewhat too optimistic).
- Counts are whole numbers: a sum that is not whole (a platform's modelled count) is rounded to
  the nearest integer, with the note "rounded".
- Results (``result_rate``) are only comparable when every arm's rows count the same result type.
- Ads: for each (platform, account) only the rows of its most detailed level are used (a
  campaign export and an ad-set export of one account would count the same money twice, as in
  :func:`smo_metrics.ads.ads_metrics`); campaigns and ad sets are sums of those rows.
  Impressions are exposures, not people: the usual CTR test, which all ad tools run.
- The first arm is the control (A); every other arm is compared with it.

Every sentence shown for a problem or note is in :data:`MESSAGES` in English and Bahasa Indonesia.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

import numpy as np
import pandas as pd
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint

from smo_metrics import abtest, i18n
from smo_metrics.abtest import ABResult, ProportionArm
from smo_metrics.engagement import post_engagements
from smo_metrics.errors import DataError, UsageError

Source = Literal["ads", "posts", "counts"]
SOURCES: Final = ("ads", "posts", "counts")
AD_LEVELS: Final = ("campaign", "ad_set", "ad")
_LEVEL_RANK: Final = {"campaign": 0, "ad_set": 1, "ad": 2}
AD_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "campaign": ("platform", "account", "campaign"),
    "ad_set": ("platform", "account", "campaign", "ad_set"),
    "ad": ("platform", "account", "campaign", "ad_set", "ad"),
}
POST_KEYS: Final = ("platform", "account", "post_id")
DEFINITION_VERSION: Final = 1
MAX_ARMS: Final = 10
BALANCED: Final = 0.8  # siblings whose smallest impressions are ≥ 80 % of the largest look like a split
RECENT_DAYS: Final = 14  # the "recent daily traffic" of the planner: the arms' last 14 days of data
_MARKED: Final = re.compile(r"\bA\s*/\s*B\b|\bAB[\s_-]*test|\bsplit[\s_-]*test|\buji\s*A\s*/?\s*B\b", re.IGNORECASE)


@dataclass(frozen=True)
class ExperimentMetric:
    """What counts as a success and as a trial for one metric, and where it can come from."""

    key: str
    successes: str
    trials: str
    sources: tuple[str, ...]


METRICS: Final[dict[str, ExperimentMetric]] = {
    m.key: m
    for m in (
        ExperimentMetric("ctr", "link_clicks", "impressions", ("ads", "posts", "counts")),
        ExperimentMetric("ctr_all", "clicks", "impressions", ("ads", "posts", "counts")),
        ExperimentMetric("conversion_rate", "conversions", "link_clicks", ("ads", "counts")),
        ExperimentMetric("result_rate", "results", "link_clicks", ("ads", "counts")),
        ExperimentMetric("engagement_rate_by_reach", "engagements", "reach", ("posts", "counts")),
        ExperimentMetric("engagement_rate_by_impressions", "engagements", "impressions", ("posts", "counts")),
        ExperimentMetric("custom", "successes", "trials", ("counts",)),
    )
}
ENGAGEMENT_METRICS: Final = frozenset({"engagement_rate_by_reach", "engagement_rate_by_impressions"})


def metrics_for(source: str) -> list[str]:
    """The metric keys an arm from ``source`` ("ads", "posts" or "counts") can be tested on."""
    _check_source(source)
    return [k for k, m in METRICS.items() if source in m.sources]


def metric(key: str) -> ExperimentMetric:
    """The metric ``key``; a :class:`UsageError` when unknown."""
    try:
        return METRICS[key]
    except KeyError:
        raise UsageError(f"unknown A/B test metric {key!r}; expected one of {', '.join(METRICS)}") from None


def _check_source(source: str) -> None:
    if source not in SOURCES:
        raise UsageError(f"unknown arm source {source!r}; expected one of {', '.join(SOURCES)}")


# --- messages -------------------------------------------------------------------------------------
MESSAGES: Final[dict[str, dict[str, str]]] = {
    "en": {
        "successes": "successes",
        "trials": "trials",
        "need_two": "Pick at least two variants to compare.",
        "too_many": "Compare at most {max} variants at once.",
        "not_found": "{arm}: not in the workspace with the current platform and account filters.",
        "missing": "{arm}: no rows with both {successes} and {trials}. {hint}",
        "blank": "{arm}: type both numbers ({successes} and {trials}).",
        "negative": "{arm}: counts cannot be negative.",
        "not_whole": "{arm}: counts are whole numbers.",
        "exceeds": (
            "{arm}: {count} {successes} out of {nobs} {trials}, more {successes} than {trials}. A test of two "
            "rates needs at most one success per trial, so it is not run on these numbers. {why}"
        ),
        "mixed_results": (
            "The variants' results count different things ({types}), so their rates cannot be compared: "
            "compare conversions or clicks instead."
        ),
        "engagement_not_people": (
            "Engagements are actions, not people: someone who likes and comments counts twice. The test treats "
            "each engagement as one engaged person, so its p-value and interval are somewhat too optimistic."
        ),
        "left_out": "{arm}: {rows} rows left out because {successes} or {trials} is missing there.",
        "rounded": "{arm}: the counts were not whole numbers and were rounded.",
        "why_engagements": (
            "One person can like, comment, share and save the same post. Compare by impressions (people see a "
            "post more than once) or pick posts with reach above their engagements."
        ),
        "why_conversions": (
            "Ads Manager counts conversions after a view and several purchases after one click. Compare click-"
            "through rates instead, or conversions per impression by typing the counts in."
        ),
        "why_results": (
            "Results count whatever the ad set's objective is (people reached, for awareness), not something that "
            "follows a click. Compare conversions or click-through rates instead."
        ),
        "why_other": "Check that the first number counts things that happen at most once per second number.",
        "hint_ads": "Export the ads report from Meta or TikTok Ads Manager with the columns {successes} and {trials}.",
        "hint_posts_reach": "Reach comes from the Instagram and Facebook content exports of Meta Business Suite.",
        "hint_posts_impressions": "Impressions come from the X, LinkedIn and YouTube exports.",
        "hint_posts_clicks": "Post link clicks and impressions come from the X content export.",
    },
    "id": {
        "successes": "keberhasilan",
        "trials": "percobaan",
        "need_two": "Pilih minimal dua varian untuk dibandingkan.",
        "too_many": "Bandingkan paling banyak {max} varian sekaligus.",
        "not_found": "{arm}: tidak ada di workspace dengan filter platform dan akun saat ini.",
        "missing": "{arm}: tidak ada baris yang punya {successes} sekaligus {trials}. {hint}",
        "blank": "{arm}: isi kedua angka ({successes} dan {trials}).",
        "negative": "{arm}: jumlah tidak boleh negatif.",
        "not_whole": "{arm}: jumlah harus bilangan bulat.",
        "exceeds": (
            "{arm}: {count} {successes} dari {nobs} {trials}, lebih banyak {successes} daripada {trials}. Uji dua "
            "rasio butuh paling banyak satu keberhasilan per percobaan, jadi uji tidak dijalankan pada angka ini. "
            "{why}"
        ),
        "mixed_results": (
            "Hasil tiap varian menghitung hal yang berbeda ({types}), jadi rasionya tidak bisa dibandingkan: "
            "bandingkan konversi atau klik saja."
        ),
        "engagement_not_people": (
            "Interaksi adalah tindakan, bukan orang: orang yang menyukai dan berkomentar dihitung dua kali. Uji ini "
            "menganggap setiap interaksi sebagai satu orang, jadi p-value dan intervalnya agak terlalu optimis."
        ),
        "left_out": "{arm}: {rows} baris tidak dipakai karena {successes} atau {trials} kosong di sana.",
        "rounded": "{arm}: jumlahnya bukan bilangan bulat dan sudah dibulatkan.",
        "why_engagements": (
            "Satu orang bisa menyukai, mengomentari, membagikan, dan menyimpan postingan yang sama. Bandingkan per "
            "tayangan (orang bisa melihat postingan lebih dari sekali) atau pilih postingan yang jangkauannya di "
            "atas jumlah interaksinya."
        ),
        "why_conversions": (
            "Ads Manager menghitung konversi setelah tayangan dan beberapa pembelian setelah satu klik. Bandingkan "
            "CTR saja, atau konversi per tayangan dengan mengetik angkanya sendiri."
        ),
        "why_results": (
            "Hasil menghitung apa pun tujuan set iklannya (orang yang dijangkau, untuk awareness), bukan sesuatu yang "
            "terjadi setelah klik. Bandingkan konversi atau CTR saja."
        ),
        "why_other": "Pastikan angka pertama menghitung hal yang terjadi paling banyak sekali per angka kedua.",
        "hint_ads": "Ekspor laporan iklan dari Meta atau TikTok Ads Manager dengan kolom {successes} dan {trials}.",
        "hint_posts_reach": "Jangkauan ada di ekspor konten Instagram dan Facebook dari Meta Business Suite.",
        "hint_posts_impressions": "Tayangan ada di ekspor X, LinkedIn, dan YouTube.",
        "hint_posts_clicks": "Klik tautan dan tayangan postingan ada di ekspor konten X.",
    },
}


@dataclass(frozen=True)
class Finding:
    """A problem (the test is not run) or a note (it is, with a caveat): a message key and its values."""

    key: str
    arm: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)


def unit(column: str, lang: str = "en") -> str:
    """The lower-case name of a count in ``lang``: ``link_clicks`` → "link clicks" / "klik tautan"."""
    lang = i18n.check_language(lang)
    if column in ("successes", "trials"):
        return MESSAGES[lang][column]
    if column == "clicks":
        return "clicks (all)" if lang == "en" else "klik (semua)"
    return i18n.label(column, lang).lower()


def finding_text(finding: Finding, metric_key: str, lang: str = "en") -> str:
    """The sentence for a problem or note in ``lang``, with the metric's units and numbers in that language."""
    lang = i18n.check_language(lang)
    words = MESSAGES[lang]
    m = metric(metric_key)
    values: dict[str, Any] = {
        "arm": finding.arm or "",
        "successes": unit(m.successes, lang),
        "trials": unit(m.trials, lang),
        "max": MAX_ARMS,
    }
    for name, value in finding.values.items():
        values[name] = i18n.number(value, lang) if isinstance(value, int | float) else value
    if finding.key == "exceeds":
        why = {"engagements": "why_engagements", "conversions": "why_conversions", "results": "why_results"}.get(
            m.successes, "why_other"
        )
        values["why"] = words[why]
    if finding.key == "missing":
        values["hint"] = _hint(m, lang, finding.values.get("source", "ads"))
    return words[finding.key].format(**values).strip()


def _hint(m: ExperimentMetric, lang: str, source: str) -> str:
    words = MESSAGES[lang]
    if source == "ads":
        return words["hint_ads"].format(successes=i18n.label(m.successes, lang), trials=i18n.label(m.trials, lang))
    if m.trials == "reach":
        return words["hint_posts_reach"]
    if m.successes in ("link_clicks", "clicks"):
        return words["hint_posts_clicks"]
    return words["hint_posts_impressions"]


# --- arms -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ArmData:
    """One arm built from the workspace or typed in.

    ``count`` successes out of ``nobs`` trials (None when the arm is refused); ``rows`` source
    rows used and ``rows_left_out`` rows without both numbers; ``first``/``last`` the dates its
    rows cover (None for typed-in counts); ``problem`` the key of why the arm cannot be tested.
    """

    label: str
    count: int | None
    nobs: int | None
    rows: int = 0
    rows_left_out: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    problem: str | None = None

    @property
    def rate(self) -> float | None:
        """count ÷ nobs; None when refused or without trials."""
        if self.count is None or not self.nobs:
            return None
        return self.count / self.nobs


@dataclass(frozen=True)
class ArmSet:
    """The arms of one test (the first is the control), with the problems and notes found building them."""

    metric: str
    source: str
    arms: tuple[ArmData, ...]
    problems: tuple[Finding, ...] = ()
    notes: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the test can run: at least two arms and no problem."""
        return not self.problems


def _unique_labels(labels: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for raw in labels:
        label = str(raw).strip() or "?"
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _whole(total: float, label: str, notes: list[Finding]) -> int:
    rounded = int(round(total))
    if abs(total - rounded) > 1e-6:
        notes.append(Finding("rounded", label))
    return rounded


def _arm_from_rows(
    label: str,
    successes: pd.Series,
    trials: pd.Series,
    dates: tuple[pd.Series, pd.Series] | None,
    m: ExperimentMetric,
    source: str,
    problems: list[Finding],
    notes: list[Finding],
) -> ArmData:
    """Sum successes and trials over the rows where both are known (see the module's rules)."""
    s = successes.astype("Float64")
    t = trials.astype("Float64")
    both = (s.notna() & t.notna()).fillna(False).to_numpy(dtype=bool)
    used, left_out = int(both.sum()), int((~both).sum())
    first = last = None
    if dates is not None and len(dates[0]):
        first = pd.Timestamp(dates[0].min()).date()
        last = pd.Timestamp(dates[1].max()).date()
    if used == 0:
        problems.append(Finding("missing", label, {"source": source}))
        return ArmData(label, None, None, 0, left_out, first, last, "missing")
    if left_out:
        notes.append(Finding("left_out", label, {"rows": left_out}))
    count = _whole(float(s[both].sum()), label, notes)
    nobs = _whole(float(t[both].sum()), label, notes)
    if count < 0 or nobs < 0:
        problems.append(Finding("negative", label))
        return ArmData(label, None, None, used, left_out, first, last, "negative")
    if count > nobs:
        problems.append(Finding("exceeds", label, {"count": count, "nobs": nobs}))
        return ArmData(label, count, nobs, used, left_out, first, last, "exceeds")
    return ArmData(label, count, nobs, used, left_out, first, last)


def _finish(m: ExperimentMetric, source: str, arms: list[ArmData], problems: list[Finding], notes: list[Finding]):
    if len(arms) < 2:
        problems.insert(0, Finding("need_two"))
    elif len(arms) > MAX_ARMS:
        problems.insert(0, Finding("too_many"))
    if m.key in ENGAGEMENT_METRICS and any(a.problem is None for a in arms):
        notes.append(Finding("engagement_not_people"))
    return ArmSet(m.key, source, tuple(arms), tuple(problems), tuple(notes))


def _match(frame: pd.DataFrame, ref: Mapping[str, Any], keys: Sequence[str]) -> np.ndarray:
    """Rows whose key columns equal ``ref`` (a missing/None value in ``ref`` matches a missing cell)."""
    keep = np.ones(len(frame), dtype=bool)
    for col in keys:
        want = ref.get(col)
        if col not in frame.columns:
            if want is not None:
                return np.zeros(len(frame), dtype=bool)
            continue
        values = frame[col]
        if want is None or (isinstance(want, float) and math.isnan(want)):
            keep &= values.isna().to_numpy(dtype=bool)
        else:
            keep &= (values.astype("string") == str(want)).fillna(False).to_numpy(dtype=bool)
    return keep


def ref_key(ref: Mapping[str, Any]) -> str:
    """A stable text id for an arm's reference (a widget option, a dictionary key)."""
    return json.dumps({k: (None if v is None else str(v)) for k, v in ref.items()}, sort_keys=True, ensure_ascii=False)


def _num(frame: pd.DataFrame, col: str) -> pd.Series:
    if col in frame.columns:
        return frame[col].astype("Float64")
    return pd.Series(pd.NA, index=frame.index, dtype="Float64")


# --- ads --------------------------------------------------------------------------------------------
def ad_rows(ads: pd.DataFrame) -> pd.DataFrame:
    """The ads rows to sum: for each (platform, account), the rows of its most detailed level.

    Notes
    -----
    A campaign export and an ad-set export of one account hold the same money twice; keeping
    one level per account (the most detailed, which sums to every coarser one) counts it once.
    """
    if ads.empty or "level" not in ads.columns:
        return ads.iloc[0:0] if "level" not in ads.columns else ads
    rank = ads["level"].map(_LEVEL_RANK).astype("Float64")
    key = ads["platform"].astype("string").fillna("") + "\x1f" + ads["account"].astype("string").fillna("")
    deepest = rank.groupby(key.to_numpy()).transform("max")
    return ads[(rank == deepest).fillna(False).to_numpy(dtype=bool)]


def _check_level(level: str) -> None:
    if level not in AD_LEVELS:
        raise UsageError(f"unknown ads level {level!r}; expected one of {', '.join(AD_LEVELS)}")


def _rows_at(ads: pd.DataFrame, level: str) -> pd.DataFrame:
    """Rows that can form entities of ``level``: the summed rows of a level as detailed or more."""
    rows = ad_rows(ads)
    if rows.empty:
        return rows
    rank = rows["level"].map(_LEVEL_RANK).astype("Float64")
    return rows[(rank >= _LEVEL_RANK[level]).fillna(False).to_numpy(dtype=bool)]


def ad_entities(ads: pd.DataFrame, level: str) -> pd.DataFrame:
    """One row per campaign, ad set or ad (``level``) in the ads table, newest first.

    Columns: the key columns of the level (:data:`AD_KEYS`), ``label`` (its name; the parent's
    name is added after " · " when two entities share a name), ``first`` and ``last`` day,
    ``days`` with data, summed ``impressions`` and ``spend`` (missing when never reported) and
    ``currency``. Built from :func:`ad_rows`, so nothing is counted twice.
    """
    _check_level(level)
    keys = list(AD_KEYS[level])
    cols = [*keys, "label", "first", "last", "days", "impressions", "spend", "currency"]
    rows = _rows_at(ads, level)
    if rows.empty:
        return pd.DataFrame(columns=cols)
    grouped = rows.groupby(keys, dropna=False, sort=False)
    out = grouped.agg(
        first=("date_start", "min"),
        last=("date_end", "max"),
        days=("date_start", "nunique"),
        currency=("currency", "first"),
    )
    out["impressions"] = grouped["impressions"].sum(min_count=1).astype("Float64")
    out["spend"] = grouped["spend"].sum(min_count=1).astype("Float64")
    out = out.reset_index()
    name = out[level].astype("string").fillna("—")
    parent = out[keys[-2]].astype("string").fillna("—") if len(keys) > 3 else out["platform"].astype("string")
    dup = name.duplicated(keep=False)
    out["label"] = name.where(~dup, name + " · " + parent)
    dup = out["label"].duplicated(keep=False)
    out["label"] = out["label"].where(~dup, out["label"] + " · " + out["account"].astype("string").fillna("—"))
    out = out.sort_values(["last", "label"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return out[cols]


def entity_ref(row: Mapping[str, Any], level: str) -> dict[str, str | None]:
    """The reference of an entity (a row of :func:`ad_entities`): its key columns, None for missing."""
    _check_level(level)
    return {k: (None if i18n.is_missing(row.get(k)) else str(row.get(k))) for k in AD_KEYS[level]}


@dataclass(frozen=True)
class AdTestSuggestion:
    """Sibling ad sets (or ads) that look like an A/B test: same days, and marked or evenly split.

    ``marked``: the campaign or ad set name says so ("A/B", "AB test", "split test", "uji A/B").
    ``balance``: smallest ÷ largest impressions among the siblings (1.0 = an even split).
    """

    level: str
    platform: str
    account: str
    parent: str
    refs: tuple[dict[str, str | None], ...]
    labels: tuple[str, ...]
    first: dt.date
    last: dt.date
    marked: bool
    balance: float | None


def suggest_ad_tests(ads: pd.DataFrame) -> list[AdTestSuggestion]:
    """Groups of sibling ad sets or ads that ran as an A/B test, the likeliest first.

    A group: ≥ 2 ad sets of one campaign (or ads of one ad set) with the same first and last
    day and the same number of days, whose names mark a test (:data:`_MARKED`) or whose
    impressions are split evenly (smallest ≥ 80 % of the largest). Order: marked first, then
    the most even split, then the most recent.
    """
    found: list[AdTestSuggestion] = []
    for level in ("ad_set", "ad"):
        ents = ad_entities(ads, level)
        if ents.empty:
            continue
        parent_keys = list(AD_KEYS[level][:-1])
        for parent_values, group in ents.groupby(parent_keys, dropna=False, sort=False):
            if len(group) < 2 or len(group) > MAX_ARMS:
                continue
            if group["first"].nunique() != 1 or group["last"].nunique() != 1 or group["days"].nunique() != 1:
                continue
            imps = group["impressions"].astype("Float64")
            balance = None
            if imps.notna().all() and float(imps.max()) > 0:
                balance = float(imps.min()) / float(imps.max())
            names = [str(v) for v in parent_values if not i18n.is_missing(v)]
            marked = any(_MARKED.search(n) for n in names)
            if not marked and (balance is None or balance < BALANCED):
                continue
            group = group.iloc[sorted(range(len(group)), key=lambda i: _variant_order(str(group[level].iloc[i])))]
            found.append(
                AdTestSuggestion(
                    level=level,
                    platform=str(group["platform"].iloc[0]),
                    account=str(group["account"].iloc[0]),
                    parent=names[-1] if names else "—",
                    refs=tuple(entity_ref({str(k): v for k, v in r.items()}, level) for r in group.to_dict("records")),
                    labels=tuple(str(x) for x in group["label"]),
                    first=pd.Timestamp(group["first"].iloc[0]).date(),
                    last=pd.Timestamp(group["last"].iloc[0]).date(),
                    marked=marked,
                    balance=balance,
                )
            )
    found.sort(key=lambda s: (not s.marked, -(s.balance or 0.0), -s.last.toordinal()))
    return found


def _variant_order(name: str) -> tuple[str, str]:
    """Sort key that puts "… Video A" before "… Carousel B": a trailing variant letter first, then the name."""
    found = re.search(r"(?:^|[\s_\-—–(])([A-J])\)?$", name.strip())
    return (found.group(1) if found else "~", name)


def _window(frame: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    keep = np.ones(len(frame), dtype=bool)
    if start is not None:
        keep &= (frame["date_start"] >= pd.Timestamp(start)).fillna(False).to_numpy(dtype=bool)
    if end is not None:
        keep &= (frame["date_end"] <= pd.Timestamp(end)).fillna(False).to_numpy(dtype=bool)
    return frame[keep]


def arms_from_ads(
    ads: pd.DataFrame,
    level: str,
    refs: Sequence[Mapping[str, Any]],
    metric_key: str,
    labels: Sequence[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> ArmSet:
    """Arms from campaigns, ad sets or ads: each arm sums its rows (optionally those within [start, end]).

    ``refs`` are entity references (:func:`entity_ref`), the control first. ``labels`` default
    to the entities' names. A row counts when its whole reporting range lies in [start, end].
    See the module's rules for missing numbers, refused arms and notes.
    """
    _check_level(level)
    m = metric(metric_key)
    if "ads" not in m.sources:
        raise UsageError(f"metric {metric_key!r} cannot be built from ads")
    rows = _window(_rows_at(ads, level), start, end) if not ads.empty else ads
    names = list(labels) if labels is not None else [str(r.get(level) or "—") for r in refs]
    if len(names) != len(refs):
        raise UsageError("give one label per arm")
    names = _unique_labels(names)
    problems: list[Finding] = []
    notes: list[Finding] = []
    arms: list[ArmData] = []
    result_types: set[str] = set()
    for label, ref in zip(names, refs, strict=True):
        mine = rows[_match(rows, ref, AD_KEYS[level])] if not rows.empty else rows
        if mine.empty:
            problems.append(Finding("not_found", label))
            arms.append(ArmData(label, None, None, problem="not_found"))
            continue
        arms.append(
            _arm_from_rows(
                label,
                _num(mine, m.successes),
                _num(mine, m.trials),
                (mine["date_start"], mine["date_end"]),
                m,
                "ads",
                problems,
                notes,
            )
        )
        if m.successes == "results" and "result_type" in mine.columns:
            known = mine.loc[_num(mine, "results").notna().to_numpy(dtype=bool), "result_type"]
            result_types |= set(known.dropna().astype(str))
    if len(result_types) > 1:
        problems.append(Finding("mixed_results", values={"types": ", ".join(sorted(result_types))}))
    return _finish(m, "ads", arms, problems, notes)


def daily_trials(
    ads: pd.DataFrame,
    level: str,
    refs: Sequence[Mapping[str, Any]],
    metric_key: str,
    days: int = RECENT_DAYS,
) -> float | None:
    """Recent trials per day of the chosen entities together: the planner's traffic estimate.

    Notes
    -----
    Over the entities' rows in their last ``days`` days of data (the window ends on the last
    ``date_end``): Σ trials ÷ the days the window's rows cover (first ``date_start`` to last
    ``date_end``, inclusive). None when there are no such rows or no trials.
    """
    _check_level(level)
    m = metric(metric_key)
    if ads.empty or not refs or m.trials not in ads.columns:
        return None
    rows = _rows_at(ads, level)
    keep = np.zeros(len(rows), dtype=bool)
    for ref in refs:
        keep |= _match(rows, ref, AD_KEYS[level])
    rows = rows[keep]
    trials = _num(rows, m.trials)
    rows = rows[trials.notna().to_numpy(dtype=bool)]
    if rows.empty:
        return None
    last = pd.Timestamp(rows["date_end"].max())
    recent = rows[(rows["date_start"] > last - pd.Timedelta(days=days)).fillna(False).to_numpy(dtype=bool)]
    if recent.empty:
        return None
    span = (last - pd.Timestamp(recent["date_start"].min())).days + 1
    total = float(_num(recent, m.trials).sum())
    return total / span if total > 0 and span > 0 else None


# --- posts ------------------------------------------------------------------------------------------
def post_options(
    posts: pd.DataFrame,
    start: dt.date | None,
    end: dt.date | None,
    limit: int = 500,
    metric_key: str | None = None,
) -> pd.DataFrame:
    """Posts published in [start, end] to choose arms from, newest first, at most ``limit``.

    With ``metric_key``, only posts that have both of the metric's numbers (e.g. engagements
    and reach: not TikTok videos, whose export has no reach). Columns: the post keys
    (:data:`POST_KEYS`), ``published_date``, ``post_type``, ``caption``, ``reach``,
    ``impressions``, ``engagements``. ``attrs["total"]`` is the number before the limit.
    """
    cols = [*POST_KEYS, "published_date", "post_type", "caption", "reach", "impressions", "engagements"]
    if posts.empty:
        out = pd.DataFrame(columns=cols)
        out.attrs["total"] = 0
        return out
    keep = np.ones(len(posts), dtype=bool)
    dates = posts["published_date"]
    if start is not None:
        keep &= (dates >= pd.Timestamp(start)).fillna(False).to_numpy(dtype=bool)
    if end is not None:
        keep &= (dates <= pd.Timestamp(end)).fillna(False).to_numpy(dtype=bool)
    if metric_key is not None:
        m = metric(metric_key)
        successes = post_engagements(posts) if m.successes == "engagements" else _num(posts, m.successes)
        keep &= (successes.notna() & _num(posts, m.trials).notna()).fillna(False).to_numpy(dtype=bool)
    chosen = posts[keep]
    total = len(chosen)
    order = chosen.sort_values(["published_at", "post_id"], ascending=[False, True], kind="stable").head(limit)
    out = pd.DataFrame({c: order[c] if c in order.columns else pd.NA for c in cols[:-1]})
    out["engagements"] = post_engagements(order)
    out = out.reset_index(drop=True)
    out.attrs["total"] = total
    return out


def post_ref(row: Mapping[str, Any]) -> dict[str, str | None]:
    """The reference of a post: platform, account and post id."""
    return {k: (None if i18n.is_missing(row.get(k)) else str(row.get(k))) for k in POST_KEYS}


def arms_from_posts(
    posts: pd.DataFrame,
    refs: Sequence[Mapping[str, Any]],
    metric_key: str,
    labels: Sequence[str] | None = None,
) -> ArmSet:
    """Arms from posts, one post per arm (lifetime totals as of the export), the control first.

    Engagements are :func:`smo_metrics.engagement.post_engagements` (likes + comments + shares
    + saves). A post with more engagements than reach is refused, never capped (module rules).
    """
    m = metric(metric_key)
    if "posts" not in m.sources:
        raise UsageError(f"metric {metric_key!r} cannot be built from posts")
    names = _unique_labels(list(labels) if labels is not None else [str(r.get("post_id") or "—") for r in refs])
    if len(names) != len(refs):
        raise UsageError("give one label per arm")
    problems: list[Finding] = []
    notes: list[Finding] = []
    arms: list[ArmData] = []
    for label, ref in zip(names, refs, strict=True):
        mine = posts[_match(posts, ref, POST_KEYS)] if not posts.empty else posts
        if mine.empty:
            problems.append(Finding("not_found", label))
            arms.append(ArmData(label, None, None, problem="not_found"))
            continue
        successes = post_engagements(mine) if m.successes == "engagements" else _num(mine, m.successes)
        day = mine["published_date"]
        arms.append(_arm_from_rows(label, successes, _num(mine, m.trials), (day, day), m, "posts", problems, notes))
    return _finish(m, "posts", arms, problems, notes)


# --- typed-in counts ------------------------------------------------------------------------------------
def _typed(value: Any) -> float | None:
    if i18n.is_missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        text = value.strip().replace(" ", "").replace("\u00a0", "")
        # "1.234" and "1,234" are thousands in a count; a count has no decimals anyway.
        if re.fullmatch(r"-?\d{1,3}([.,]\d{3})+", text):
            text = re.sub(r"[.,]", "", text)
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def arms_from_counts(rows: Iterable[Mapping[str, Any]], metric_key: str = "custom") -> ArmSet:
    """Arms typed in by hand: each row has ``label``, ``count`` (successes) and ``nobs`` (trials).

    Values may be numbers or text ("1.234" and "1,234" read as 1234). Blank, negative, fractional
    or unreadable counts, and more successes than trials, are problems naming the arm; rows
    with no label and no numbers are skipped.
    """
    m = metric(metric_key)
    given = [
        r
        for r in rows
        if any(not i18n.is_missing(r.get(k)) and str(r.get(k)).strip() for k in ("label", "count", "nobs"))
    ]
    names = _unique_labels(
        [str(r.get("label")) if not i18n.is_missing(r.get("label")) else chr(ord("A") + i) for i, r in enumerate(given)]
    )
    problems: list[Finding] = []
    arms: list[ArmData] = []
    for label, r in zip(names, given, strict=True):
        count, nobs = _typed(r.get("count")), _typed(r.get("nobs"))
        problem = None
        if count is None or nobs is None:
            problem = "blank"
        elif math.isnan(count) or math.isnan(nobs) or count != int(count) or nobs != int(nobs):
            problem = "not_whole"
        elif count < 0 or nobs < 0:
            problem = "negative"
        elif count > nobs:
            problem = "exceeds"
        if problem is None:
            assert count is not None and nobs is not None
            arms.append(ArmData(label, int(count), int(nobs)))
            continue
        values = {"count": count, "nobs": nobs} if problem == "exceeds" else {}
        problems.append(Finding(problem, label, values))
        arms.append(ArmData(label, None, None, problem=problem))
    return _finish(m, "counts", arms, problems, [])


# --- running the test -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Experiment:
    """An A/B test run on an :class:`ArmSet`.

    ``comparisons[i]`` compares arm ``i + 1`` (B) with the control, arm 0 (A): an
    :class:`~smo_metrics.abtest.ABResult`, adjusted for multiplicity (``adjustment``) when there
    are more than two arms. ``intervals[i]`` is arm i's Wilson score interval at ``ci_level``.
    ``srm_p_value`` tests all arms' trials against the planned ``shares`` at once (χ²), flagged
    below :data:`smo_metrics.abtest.SRM_ALPHA` (None when ``split_checked`` is False). Empty
    ``comparisons`` when ``problems``.
    """

    arm_set: ArmSet
    alpha: float
    alternative: str
    shares: tuple[float, ...]
    ci_level: float
    intervals: tuple[tuple[float, float] | None, ...]
    comparisons: tuple[ABResult, ...]
    srm_p_value: float | None
    srm_flag: bool
    adjustment: str | None
    split_checked: bool = True

    @property
    def arms(self) -> tuple[ArmData, ...]:
        return self.arm_set.arms

    @property
    def problems(self) -> tuple[Finding, ...]:
        return self.arm_set.problems

    @property
    def notes(self) -> tuple[Finding, ...]:
        return self.arm_set.notes


def rate_interval(count: int, nobs: int, alpha: float = 0.05) -> tuple[float, float] | None:
    """Wilson score interval for one arm's rate at level 1 − alpha; None without trials.

    Notes
    -----
    centre = (p̂ + z²/2n) ÷ (1 + z²/n); half-width = z·√(p̂(1 − p̂)/n + z²/4n²) ÷ (1 + z²/n),
    z = Φ⁻¹(1 − α/2) (statsmodels ``proportion_confint(method="wilson")``).

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. *JASA* 22, 209–212.
    """
    if not nobs:
        return None
    lo, hi = proportion_confint(count, nobs, alpha=alpha, method="wilson")
    return float(lo), float(hi)


def srm_check(nobs: Sequence[int], shares: Sequence[float]) -> float | None:
    """P-value of a sample-ratio mismatch: χ² goodness of fit of the arms' trials to the planned shares.

    H0: the traffic was split as planned. Notes: expected_i = N · share_i ÷ Σ shares;
    χ² = Σ (nobs_i − expected_i)² ÷ expected_i with k − 1 degrees of freedom (scipy
    ``chisquare``). None with no trials. For two arms it equals the pairwise check of
    :func:`smo_metrics.abtest.compare_proportions`.
    """
    if len(nobs) != len(shares) or len(nobs) < 2:
        raise UsageError("give one planned share per arm, for at least two arms")
    weights = np.asarray(shares, dtype=float)
    if not np.all(np.isfinite(weights)) or np.any(weights <= 0):
        raise UsageError(f"planned shares must be positive, got {list(shares)!r}")
    total = float(sum(nobs))
    if total == 0:
        return None
    expected = total * weights / weights.sum()
    return float(sps.chisquare(np.asarray(nobs, dtype=float), f_exp=expected).pvalue)


def run_experiment(
    arm_set: ArmSet,
    alpha: float = 0.05,
    alternative: abtest.Alternative = "two-sided",
    method: abtest.AdjustMethod = "holm",
    shares: Sequence[float] | None = None,
    check_split: bool = True,
) -> Experiment:
    """Compare every arm with the first (the control) and check the split.

    Two arms: :func:`smo_metrics.abtest.compare_proportions` with A's planned share of the pair.
    More: :func:`smo_metrics.abtest.compare_many`, p-values adjusted by ``method`` ("holm" or
    "fdr_bh") over the comparisons. ``shares`` are the planned traffic shares per arm (any
    positive numbers, normalised; equal by default). Nothing runs when the arm set has problems.

    ``check_split=False`` is for arms that never had a planned split — organic posts, whose
    reach differs by nature, or ad sets with their own budgets: no sample-ratio check is made
    (``srm_p_value`` None, and no comparison is flagged), so the verdicts are about the rates.
    The p-values and intervals do not depend on the split either way.
    """
    arms = arm_set.arms
    weights = tuple(float(s) for s in shares) if shares is not None else tuple(1.0 for _ in arms)
    if len(weights) != len(arms):
        raise UsageError("give one planned share per arm")
    if any(not math.isfinite(w) or w <= 0 for w in weights):
        raise UsageError(f"planned shares must be positive, got {list(weights)!r}")
    total_w = sum(weights) or 1.0
    norm = tuple(w / total_w for w in weights)
    ci_alpha = alpha if alternative == "two-sided" else 2 * alpha
    ci_level = 1 - ci_alpha
    if not arm_set.ok:
        return Experiment(
            arm_set, alpha, alternative, norm, ci_level, tuple(None for _ in arms), (), None, False, None, check_split
        )
    pa = [ProportionArm(int(a.count or 0), int(a.nobs or 0)) for a in arms]
    control, variants = pa[0], pa[1:]
    if len(variants) == 1:
        results = [
            abtest.compare_proportions(
                control,
                variants[0],
                alpha,
                alternative,
                weights[0] / (weights[0] + weights[1]),
                labels=(arms[0].label, arms[1].label),
            )
        ]
        adjustment = None
    else:
        splits = {a.label: weights[0] / (weights[0] + w) for a, w in zip(arms[1:], weights[1:], strict=True)}
        results = abtest.compare_many(
            control,
            {a.label: p for a, p in zip(arms[1:], variants, strict=True)},
            alpha,
            alternative,
            method,
            splits,
            control_label=arms[0].label,
        )
        adjustment = method
    srm_p = srm_check([p.nobs for p in pa], weights)
    if not check_split:
        srm_p = None
        unchecked = [replace(r, srm_p_value=None, srm_flag=False) for r in results]
        results = [replace(r, verdict=abtest.verdict_text(r)) for r in unchecked]
    return Experiment(
        arm_set,
        alpha,
        alternative,
        norm,
        ci_level,
        tuple(rate_interval(p.count, p.nobs, ci_alpha) for p in pa),
        tuple(results),
        srm_p,
        srm_p is not None and srm_p < abtest.SRM_ALPHA,
        adjustment,
        check_split,
    )


# --- planning the next test ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ExperimentPlan:
    """Trials and days needed for a test of ``arms`` arms (see :func:`plan_experiment`)."""

    baseline: float
    mde: float
    alpha: float
    alpha_per_comparison: float
    power: float
    arms: int
    n_per_arm: int
    n_total: int
    daily_trials: float | None
    days: int | None


def plan_experiment(
    baseline: float,
    relative_mde: float,
    alpha: float = 0.05,
    power: float = abtest.DEFAULT_POWER,
    arms: int = 2,
    daily_trials: float | None = None,
    alternative: abtest.Alternative = "two-sided",
) -> ExperimentPlan:
    """Trials per arm to detect a relative lift of ``relative_mde`` over ``baseline``, and the days it takes.

    Notes
    -----
    mde = baseline × relative_mde (absolute); n per arm = :func:`smo_metrics.abtest.sample_size_per_arm`
    at α ÷ (arms − 1) — with several variants each is compared with the control and the
    adjustment (Holm) needs at worst Bonferroni's α ÷ m per comparison, so the plan uses that;
    total = n × arms (an equal split); days = ⌈total ÷ daily trials⌉ when the traffic is known.
    """
    if arms < 2:
        raise UsageError(f"a test needs at least two arms, got {arms!r}")
    if not relative_mde or not math.isfinite(relative_mde):
        raise UsageError(f"relative_mde must be a non-zero change, got {relative_mde!r}")
    per = alpha / (arms - 1)
    mde = baseline * relative_mde
    n = abtest.sample_size_per_arm(baseline, mde, alpha=per, power=power, alternative=alternative)
    total = n * arms
    days = None
    if daily_trials is not None and math.isfinite(daily_trials) and daily_trials > 0:
        days = max(1, math.ceil(total / daily_trials))
    return ExperimentPlan(baseline, mde, alpha, per, power, arms, n, total, daily_trials, days)


# --- saved definitions ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExperimentDefinition:
    """A test as saved in the workspace (``Store.add_ab_test(name, metric, definition.to_json())``).

    ``arms``: per arm a dict with ``label`` and either ``ref`` (ads: platform, account,
    campaign[, ad_set[, ad]]; posts: platform, account, post_id) or ``count`` and ``nobs``
    (typed in). ``level`` for ads; ``start``/``end`` the optional date window for ads rows;
    ``shares`` the planned traffic shares (None = equal); ``check_split`` whether there was a
    planned split to check (see :func:`run_experiment`).
    """

    source: str
    metric: str
    arms: tuple[Mapping[str, Any], ...]
    level: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    alpha: float = 0.05
    alternative: str = "two-sided"
    adjust: str = "holm"
    shares: tuple[float, ...] | None = None
    check_split: bool = True

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "version": DEFINITION_VERSION,
            "source": self.source,
            "metric": self.metric,
            "level": self.level,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "alpha": self.alpha,
            "alternative": self.alternative,
            "adjust": self.adjust,
            "shares": list(self.shares) if self.shares is not None else None,
            "check_split": self.check_split,
            "arms": [dict(a) for a in self.arms],
        }

    @classmethod
    def from_json(cls, data: Any) -> ExperimentDefinition:
        """Read a saved definition; a :class:`DataError` saying what is wrong when it cannot be used."""
        if not isinstance(data, Mapping):
            raise DataError("the saved test is not a definition (expected a JSON object)")
        problems: list[str] = []
        source = data.get("source")
        metric_key = data.get("metric")
        if source not in SOURCES:
            problems.append(f"source {source!r} is not one of {', '.join(SOURCES)}")
        if metric_key not in METRICS:
            problems.append(f"metric {metric_key!r} is not one of {', '.join(METRICS)}")
        elif source in SOURCES and source not in METRICS[metric_key].sources:
            problems.append(f"metric {metric_key!r} cannot come from {source}")
        level = data.get("level")
        if source == "ads" and level not in AD_LEVELS:
            problems.append(f"level {level!r} is not one of {', '.join(AD_LEVELS)}")
        arms = data.get("arms")
        if not isinstance(arms, list) or not all(isinstance(a, Mapping) for a in arms):
            problems.append("arms must be a list of objects")
            arms = []
        for i, arm in enumerate(arms):
            if source in ("ads", "posts") and not isinstance(arm.get("ref"), Mapping):
                problems.append(f"arm {i + 1} has no ref")
        alpha = data.get("alpha", 0.05)
        if not isinstance(alpha, int | float) or not 0 < alpha < 0.5:
            problems.append(f"alpha {alpha!r} is not between 0 and 0.5")
        alternative = data.get("alternative", "two-sided")
        if alternative not in abtest.ALTERNATIVES:
            problems.append(f"alternative {alternative!r} is not one of {', '.join(abtest.ALTERNATIVES)}")
        adjust = data.get("adjust", "holm")
        if adjust not in abtest.ADJUST_METHODS:
            problems.append(f"adjust {adjust!r} is not one of {', '.join(abtest.ADJUST_METHODS)}")
        shares = data.get("shares")
        if shares is not None and (
            not isinstance(shares, list)
            or len(shares) != len(arms)
            or not all(isinstance(s, int | float) and s > 0 for s in shares)
        ):
            problems.append("shares must be one positive number per arm")
        check_split = data.get("check_split", True)
        if not isinstance(check_split, bool):
            problems.append(f"check_split {check_split!r} is not true or false")
        dates: dict[str, dt.date | None] = {}
        for name in ("start", "end"):
            value = data.get(name)
            try:
                dates[name] = dt.date.fromisoformat(value) if value else None
            except (TypeError, ValueError):
                problems.append(f"{name} {value!r} is not a date (YYYY-MM-DD)")
                dates[name] = None
        if problems:
            raise DataError("the saved test cannot be opened", problems=problems)
        return cls(
            source=str(source),
            metric=str(metric_key),
            arms=tuple(dict(a) for a in arms),
            level=str(level) if source == "ads" else None,
            start=dates["start"],
            end=dates["end"],
            alpha=float(alpha),
            alternative=str(alternative),
            adjust=str(adjust),
            shares=tuple(float(s) for s in shares) if shares is not None else None,
            check_split=bool(check_split),
        )


def build_arms(definition: ExperimentDefinition, tables: Mapping[str, pd.DataFrame]) -> ArmSet:
    """The arms of a saved definition, from the workspace's tables (``ads`` or ``posts``) or its counts."""
    labels = [str(a.get("label", "")) for a in definition.arms]
    refs = [a.get("ref") or {} for a in definition.arms]
    if definition.source == "ads":
        ads = tables.get("ads", pd.DataFrame())
        return arms_from_ads(
            ads, definition.level or "ad_set", refs, definition.metric, labels, definition.start, definition.end
        )
    if definition.source == "posts":
        return arms_from_posts(tables.get("posts", pd.DataFrame()), refs, definition.metric, labels)
    return arms_from_counts(definition.arms, definition.metric)


def run_definition(definition: ExperimentDefinition, tables: Mapping[str, pd.DataFrame]) -> Experiment:
    """Build the arms of ``definition`` and run the test with its settings."""
    arm_set = build_arms(definition, tables)
    shares = (
        definition.shares if definition.shares is not None and len(definition.shares) == len(arm_set.arms) else None
    )
    return run_experiment(
        arm_set,
        definition.alpha,
        definition.alternative,  # type: ignore[arg-type]
        definition.adjust,  # type: ignore[arg-type]
        shares,
        definition.check_split,
    )
