"""Campaigns: which organic posts belong to a paid campaign.

An ads export names campaigns ("KSN | Harbolnas 12.12 | Retargeting"); organic posts carry
hashtags (``#harbolnas1212``) and, when they were planned in the dashboard's content calendar,
the plan's ``campaign`` label. The rule (also in ``docs/pages/campaigns.md``):

1. **Keywords of a name** (:func:`name_keywords`): the name is NFKC-normalised and case-folded;
   dots and other marks between digits are dropped (``11.11`` → ``1111``, ``17-8`` → ``178``);
   it is split at every character that is not a letter or digit. Words of one character,
   years (1900–2099), and generic ad words (:data:`STOP_WORDS`: objective, audience and test
   words such as *awareness*, *traffic*, *konversi*, *retargeting*, *kreatif*, *promo*) are
   dropped. Among several names, a word found in more than half of them (the brand's prefix
   ``KSN``) is dropped too (:func:`campaign_keywords`).
2. **Window**: a campaign runs from its first ``date_start`` to its last ``date_end`` in the
   ads table; a post belongs to it only if published (in the workspace time zone) within that
   window widened by ``margin_days`` (7) on each side: teasers before, thank-you posts after.
3. **Match** (inside the window), either
   - *plan*: the post was published from a plan (``published_post_id`` and platform) whose
     ``campaign`` label is the campaign's name or shares a keyword with it, or
   - *hashtag*: one of the post's hashtags (case-folded, ``_`` removed, spellings folded)
     equals a keyword, or
     contains one of at least :data:`MIN_CONTAINED` characters (``#promo1212`` contains
     ``1212``; the short ``80`` of "Merdeka 80" must be a whole tag).

A post can belong to several campaigns (a Meta and a TikTok campaign of the same promotion):
never add organic totals across campaigns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import numpy as np
import pandas as pd

from smo_metrics.content import extract_hashtags, local_dates
from smo_metrics.engagement import RateBasis, by_group
from smo_metrics.errors import UsageError
from smo_metrics.timing import DEFAULT_TZ

DEFAULT_MARGIN_DAYS: Final = 7
MIN_CONTAINED: Final = 4  # a keyword this long may sit inside a longer hashtag
COMMON_SHARE: Final = 0.5  # a word in more than this share of the names is the brand, not a campaign
STOP_WORDS: Final = frozenset(
    {
        # objectives and result words (Meta, TikTok; English and Indonesian)
        "awareness",
        "kesadaran",
        "reach",
        "jangkauan",
        "traffic",
        "lalu",
        "lintas",
        "engagement",
        "interaksi",
        "leads",
        "prospek",
        "sales",
        "penjualan",
        "conversion",
        "conversions",
        "konversi",
        "video",
        "views",
        "app",
        "installs",
        "catalog",
        "katalog",
        # audiences, tests, structure
        "always",
        "on",
        "alwayson",
        "retargeting",
        "remarketing",
        "prospecting",
        "broad",
        "lookalike",
        "lal",
        "interest",
        "minat",
        "kreatif",
        "creative",
        "creatives",
        "test",
        "uji",
        "ab",
        "campaign",
        "kampanye",
        "iklan",
        "ads",
        "ad",
        "set",
        "group",
        "new",
        "baru",
        # generic promotion words that would match every promo hashtag
        "promo",
        "sale",
        "diskon",
        "discount",
        "the",
        "and",
        "dan",
        "untuk",
        "for",
    }
)
MATCH_COLUMNS: Final = (
    "campaign",
    "platform",
    "account",
    "post_id",
    "published_date",
    "matched_by",
    "evidence",
)

# Spellings of one word that Indonesian posts use interchangeably: folded to the first form in
# keywords and hashtags alike (#ramadhan matches "Ramadan Berkah").
SPELLINGS: Final[dict[str, str]] = {"ramadhan": "ramadan", "romadhon": "ramadan", "romadon": "ramadan"}
_SPELLING = re.compile("|".join(sorted(SPELLINGS, key=len, reverse=True)))
_DIGIT_JOIN = re.compile(r"(?<=\d)[.\-/:](?=\d)")
_SPLIT = re.compile(r"[^\w]+|_")
_YEAR = re.compile(r"^(19|20)\d\d$")


def _words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    text = _SPELLING.sub(lambda m: SPELLINGS[m.group(0)], _DIGIT_JOIN.sub("", text))
    words = [w for w in _SPLIT.split(text) if w]
    return [w for w in words if len(w) > 1 and not _YEAR.match(w) and w not in STOP_WORDS]


def name_keywords(name: str) -> tuple[str, ...]:
    """The keywords of one campaign name or plan label, in order, without repeats.

    ``"KSN | Harbolnas 12.12 | A/B Kreatif"`` → ``("ksn", "harbolnas", "1212")``. See the
    module's rule 1; :func:`campaign_keywords` also drops the words most names share.
    """
    return tuple(dict.fromkeys(_words(name)))


def campaign_keywords(names: Iterable[str], common_share: float = COMMON_SHARE) -> dict[str, tuple[str, ...]]:
    """Keywords of each name, without the words that more than ``common_share`` of them share.

    Parameters
    ----------
    names
        Campaign names (and plan labels) seen together, e.g. every campaign of the ads table.
    common_share
        A word found in more than this share of the distinct names is dropped (the brand's
        prefix, "KSN"); only applied when there are at least three names.

    Returns
    -------
    dict
        name → keywords (possibly empty: "KSN | Always On | Awareness" has none, so no organic
        post can match it).
    """
    distinct = list(dict.fromkeys(str(n) for n in names if n is not None and not pd.isna(n)))
    words = {n: name_keywords(n) for n in distinct}
    common: set[str] = set()
    if len(distinct) >= 3:
        counts: dict[str, int] = {}
        for kws in words.values():
            for w in kws:
                counts[w] = counts.get(w, 0) + 1
        common = {w for w, c in counts.items() if c > common_share * len(distinct)}
    return {n: tuple(w for w in kws if w not in common) for n, kws in words.items()}


def tag_matches(tag: str, keyword: str) -> bool:
    """Whether hashtag ``tag`` (with or without ``#``) matches ``keyword`` (module rule 3)."""
    t = _tag_text(str(tag))
    k = str(keyword)
    return t == k or (len(k) >= MIN_CONTAINED and k in t)


def _tag_text(tag: str) -> str:
    text = unicodedata.normalize("NFKC", tag).casefold().lstrip("#＃").replace("_", "")
    return _SPELLING.sub(lambda m: SPELLINGS[m.group(0)], text)


def campaign_windows(ads: pd.DataFrame) -> pd.DataFrame:
    """Each campaign of the ads table with the days it ran.

    Returns
    -------
    pandas.DataFrame
        ``campaign``, ``platforms`` (sorted, comma-separated), ``currencies``, ``first`` (the
        earliest ``date_start``), ``last`` (the latest ``date_end``), ``rows``; sorted by
        ``first`` then name. Rows without a campaign name are left out.
    """
    cols = {
        "campaign": pd.Series(dtype="string"),
        "platforms": pd.Series(dtype="string"),
        "currencies": pd.Series(dtype="string"),
        "first": pd.Series(dtype="datetime64[ns]"),
        "last": pd.Series(dtype="datetime64[ns]"),
        "rows": pd.Series(dtype="int64"),
    }
    if ads.empty or "campaign" not in ads.columns:
        return pd.DataFrame(cols)
    named = ads[ads["campaign"].notna()]
    if named.empty:
        return pd.DataFrame(cols)
    frame = pd.DataFrame(
        {
            "campaign": named["campaign"].astype(str),
            "platform": named["platform"].astype(object).fillna("(none)").astype(str),
            "currency": named["currency"].astype(object).fillna("(none)").astype(str),
            "first": pd.to_datetime(named["date_start"]),
            "last": pd.to_datetime(named["date_end"]).fillna(pd.to_datetime(named["date_start"])),
        }
    )
    g = frame.groupby("campaign", sort=True)
    out = pd.DataFrame(
        {
            "platforms": g["platform"].agg(lambda s: ", ".join(sorted(set(s)))),
            "currencies": g["currency"].agg(lambda s: ", ".join(sorted(set(s)))),
            "first": g["first"].min(),
            "last": g["last"].max(),
            "rows": g.size(),
        }
    ).reset_index()
    out = out.sort_values(["first", "campaign"], kind="stable").reset_index(drop=True)
    return out.astype({"campaign": "string", "platforms": "string", "currencies": "string", "rows": "int64"})


def match_posts(
    posts: pd.DataFrame,
    windows: pd.DataFrame,
    plans: pd.DataFrame | None = None,
    margin_days: int = DEFAULT_MARGIN_DAYS,
    tz: str = DEFAULT_TZ,
    extra_keywords: Mapping[str, Sequence[str]] | None = None,
    context_names: Iterable[str] = (),
) -> pd.DataFrame:
    """Organic posts of each campaign (the module's rule).

    Parameters
    ----------
    posts
        A canonical ``posts`` table (``caption`` for hashtags).
    windows
        :func:`campaign_windows` of the ads (``campaign``, ``first``, ``last``).
    plans
        The content plan (``Store.plans()``: ``platform``, ``published_post_id``,
        ``campaign``), optional.
    margin_days
        Days before the first and after the last ad day that still count.
    tz
        The workspace time zone (a post's date is its local date).
    extra_keywords
        More keywords (or hashtags) per campaign, e.g. typed by the user; normalised like tags.
    context_names
        Other campaign names of the account (e.g. every campaign of the ads table, not only
        those of the period): the words most names share are found among all of them, so a
        period with one campaign still drops the brand's prefix.

    Returns
    -------
    pandas.DataFrame
        :data:`MATCH_COLUMNS`, one row per campaign × post: ``matched_by`` is ``"plan"`` when
        a plan label matches (``evidence`` = the label), else ``"hashtag"`` (``evidence`` = the
        matching hashtags, space-separated). ``attrs["keywords"]``: campaign → keywords used.

    Notes
    -----
    Window: first − margin_days ≤ local publication date ≤ last + margin_days. Hashtag match:
    tag == keyword, or keyword in tag when len(keyword) ≥ :data:`MIN_CONTAINED`.
    """
    if int(margin_days) < 0:
        raise UsageError(f"margin_days must be ≥ 0, got {margin_days!r}")
    empty = pd.DataFrame(
        {c: pd.Series(dtype="datetime64[ns]" if c == "published_date" else "string") for c in MATCH_COLUMNS}
    )
    if posts.empty or windows.empty:
        empty.attrs["keywords"] = {}
        return empty
    posts = posts.reset_index(drop=True)
    names = [str(n) for n in windows["campaign"]]
    labels: list[str] = []
    plan_label = pd.Series(pd.NA, index=posts.index, dtype="string")
    if plans is not None and not plans.empty and {"published_post_id", "campaign", "platform"} <= set(plans.columns):
        linked = plans[plans["published_post_id"].notna() & plans["campaign"].notna()]
        if not linked.empty:
            key = dict(
                zip(
                    zip(linked["platform"].astype(str), linked["published_post_id"].astype(str), strict=True),
                    linked["campaign"].astype(str),
                    strict=True,
                )
            )
            pairs = zip(posts["platform"].astype(str), posts["post_id"].astype(str), strict=True)
            plan_label = pd.Series([key.get(p) for p in pairs], index=posts.index, dtype="string")
            labels = sorted(set(plan_label.dropna()))
    context = [str(n) for n in context_names if n is not None and not pd.isna(n)]
    keywords = campaign_keywords([*names, *labels, *context])
    for name, extra in (extra_keywords or {}).items():
        more = tuple(_tag_text(str(w)) for w in extra if _tag_text(str(w)))
        keywords[name] = tuple(dict.fromkeys((*keywords.get(name, ()), *more)))
    used = {n: keywords.get(n, ()) for n in names}

    date = local_dates(posts, tz).to_numpy(dtype="datetime64[ns]")
    tags = extract_hashtags(posts["caption"]) if "caption" in posts.columns else extract_hashtags(pd.Series([]))
    tag_objects = tags["tag"].to_numpy(dtype=object)
    tag_codes, tag_uniques = pd.factorize(tag_objects)
    tag_text = [_tag_text(str(t)) for t in tag_uniques]  # once per distinct tag, not per use
    tag_row = tags["row"].to_numpy(dtype="int64")
    margin = np.timedelta64(int(margin_days), "D")
    parts: list[pd.DataFrame] = []
    for name, first, last in zip(names, windows["first"], windows["last"], strict=True):
        lo = np.datetime64(pd.Timestamp(first).normalize()) - margin
        hi = np.datetime64(pd.Timestamp(last).normalize()) + margin
        in_window = (date >= lo) & (date <= hi)
        if not in_window.any():
            continue
        kws = used[name]
        matched_by = np.full(len(posts), None, dtype=object)
        evidence = np.full(len(posts), None, dtype=object)
        if kws:
            ok_text = np.array([_matches_any(t, kws) for t in tag_text], dtype=bool)
            ok_tag = in_window[tag_row] & ok_text[tag_codes] if len(tag_text) else np.zeros(0, dtype=bool)
            if ok_tag.any():
                # The matching tags of each post, joined: sorted by post, then split where the
                # post changes (vectorised; a groupby-join on Arrow strings is 30× slower).
                order = np.argsort(tag_row[ok_tag], kind="stable")
                hit_rows = tag_row[ok_tag][order]
                hit_tags = tag_objects[ok_tag][order]
                starts = np.flatnonzero(np.r_[True, hit_rows[1:] != hit_rows[:-1]])
                joined = [" ".join(part) for part in np.split(hit_tags, starts[1:])]
                matched_by[hit_rows[starts]] = "hashtag"
                evidence[hit_rows[starts]] = joined
        if labels:
            own = set(kws)
            hit = {lab for lab in labels if _same_name(lab, name) or (own and own & set(keywords.get(lab, ())))}
            if hit:
                by_plan = plan_label.isin(sorted(hit)).fillna(False).to_numpy(dtype=bool) & in_window
                matched_by[by_plan] = "plan"
                evidence[by_plan] = plan_label.to_numpy(dtype=object)[by_plan]
        rows = np.flatnonzero(matched_by != None)  # noqa: E711 (element-wise on an object array)
        if not len(rows):
            continue
        sel = posts.iloc[rows]
        parts.append(
            pd.DataFrame(
                {
                    "campaign": name,
                    "platform": sel["platform"].astype("string").to_numpy(),
                    "account": sel["account"].astype("string").to_numpy(),
                    "post_id": sel["post_id"].astype("string").to_numpy(),
                    "published_date": date[rows],
                    "matched_by": matched_by[rows],
                    "evidence": evidence[rows],
                }
            )
        )
    out = pd.concat(parts, ignore_index=True) if parts else empty
    out = out.astype({c: "string" for c in MATCH_COLUMNS if c != "published_date"})
    out["published_date"] = pd.to_datetime(out["published_date"]).astype("datetime64[ns]")
    out.attrs["keywords"] = used
    return out[list(MATCH_COLUMNS)]


def _matches_any(tag: str, keywords: Sequence[str]) -> bool:
    return any(tag == k or (len(k) >= MIN_CONTAINED and k in tag) for k in keywords)


def _same_name(a: str, b: str) -> bool:
    norm = lambda s: " ".join(_SPLIT.split(unicodedata.normalize("NFKC", s).casefold())).strip()  # noqa: E731
    return norm(a) == norm(b)


def organic_by_campaign(
    posts: pd.DataFrame,
    matches: pd.DataFrame,
    basis: RateBasis = "reach",
    account_daily: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Engagement of each campaign's organic posts.

    Parameters
    ----------
    posts
        The posts :func:`match_posts` was given.
    matches
        Its result.
    basis, account_daily
        The engagement-rate basis (``followers`` needs ``account_daily``).

    Returns
    -------
    pandas.DataFrame
        ``campaign``, ``posts``, ``engagements``, ``reach``, ``impressions``, ``rate`` (Σ
        engagements ÷ Σ basis, :func:`smo_metrics.engagement.by_group`), ``mean_rate`` (mean
        of per-post rates), ``platforms`` (comma-separated). Campaigns without a match have no
        row.
    """
    cols = ["campaign", "posts", "engagements", "reach", "impressions", "rate", "mean_rate", "platforms"]
    if matches.empty or posts.empty:
        return pd.DataFrame({c: pd.Series(dtype="Float64") for c in cols})
    key = posts[["platform", "account", "post_id"]].astype("string")
    joined = matches[["campaign", "platform", "account", "post_id"]].merge(
        posts.assign(**{c: key[c] for c in key.columns}), on=["platform", "account", "post_id"], how="inner"
    )
    joined = joined.drop_duplicates(["campaign", "platform", "account", "post_id"])
    g = by_group(joined, ["campaign"], account_daily)
    name = f"engagement_rate_by_{basis}"
    plats = joined.groupby("campaign")["platform"].agg(lambda s: ", ".join(sorted(set(s.astype(str)))))
    out = pd.DataFrame(
        {
            "campaign": g["campaign"].astype("string"),
            "posts": g["posts"].astype("int64"),
            "engagements": g["engagements"].astype("Float64"),
            "reach": g["reach"].astype("Float64"),
            "impressions": g["impressions"].astype("Float64"),
            "rate": g[name].astype("Float64"),
            "mean_rate": g["mean_" + name].astype("Float64"),
        }
    )
    out["platforms"] = out["campaign"].map(plats).astype("string")
    return out[cols]
