"""Content: which post types, hashtags, caption lengths and posting frequencies work.

Definitions (see ``docs/METRICS.md``); engagement and its rates come from
:mod:`smo_metrics.engagement` and are never recomputed here:

- performance by type: :func:`smo_metrics.engagement.by_group` per platform × post type.
- hashtags: every ``#tag`` of a caption, case-folded; per tag the posts using it, their mean
  engagement rate by reach, and the lift over the account's median rate.
- caption length bands: posts and engagement per band of caption length (characters).
- frequency vs engagement: posts per account per ISO week and that week's engagement rate.
- outliers: robust z-score of each post's rate within its account (Iglewicz–Hoaglin).

``engagement_rate_by_reach`` is the ratio of sums (Σ engagements ÷ Σ reach) and
``mean_engagement_rate_by_reach`` the mean of per-post rates, as everywhere in the library.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from smo_metrics.engagement import RATE_BASES, RATE_NAMES, RateBasis, by_group, post_engagements, post_rates
from smo_metrics.errors import UsageError
from smo_metrics.timing import DEFAULT_TZ, hour_known, local_time

RATE: Final = "engagement_rate_by_reach"
MEAN_RATE: Final = "mean_engagement_rate_by_reach"
NO_GROUP: Final = "(none)"  # the label of a missing account/platform, as in engagement.by_group
DEFAULT_BANDS: Final = (0, 50, 125, 300, 1000, math.inf)

# A hashtag: '#' (or the full-width '＃') and a run of word characters: Python's Unicode \w
# (letters and digits of every script, '_') plus combining marks that \w leaves out (Latin
# diacritics, Arabic harakat, Indic and Thai vowel signs, Javanese and Balinese marks). It ends
# at the first other character: space, punctuation, emoji, another '#'. A tag needs at least
# one letter ('#2024' is not a hashtag on Instagram, TikTok or X). '&#39;' (an HTML entity) is
# not a tag; links are removed first so 'page#section' in a URL is not one either.
_MARKS: Final = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0981-\u0983\u09bc-\u09d7\u0a01-\u0a03"
    "\u0a3c-\u0a51\u0a81-\u0a83\u0abc-\u0acd\u0b01-\u0b03\u0b3c-\u0b57\u0b82\u0bbe-\u0bcd\u0bd7"
    "\u0c00-\u0c04\u0c3c-\u0c56\u0c81-\u0c83\u0cbc-\u0cd6\u0d00-\u0d03\u0d3b-\u0d57"
    "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1b00-\u1b04\u1b34-\u1b44\u1dc0-\u1dff"
    "\u200c\ua980-\ua983\ua9b3-\ua9c0"
)
HASHTAG_PATTERN: Final = rf"(?<!&)[#\uff03]((?:[\w{_MARKS}])+)"
_URL_PATTERN: Final = r"(?:https?://|www\.)\S+"
_HAS_LETTER: Final = re.compile(r"[^\W\d_]")


def _key(frame: pd.DataFrame, col: str) -> pd.Series:
    return frame[col].astype("string").fillna(NO_GROUP)


def rate_name(basis: str = "reach") -> str:
    """The ratio-of-sums column of ``basis``: ``engagement_rate_by_reach`` (…_impressions, …_followers)."""
    if basis not in RATE_BASES:
        raise UsageError(f"unknown engagement-rate basis {basis!r}; expected one of {', '.join(RATE_BASES)}")
    return RATE_NAMES[basis]


def mean_rate_name(basis: str = "reach") -> str:
    """The mean-of-per-post-rates column of ``basis``: ``mean_engagement_rate_by_reach`` …"""
    return "mean_" + rate_name(basis)


# --------------------------------------------------------------------------------------------
# post types


def performance_by_type(posts: pd.DataFrame, account_daily: pd.DataFrame | None = None) -> pd.DataFrame:
    """Engagement per platform × post type.

    Parameters
    ----------
    posts
        A canonical ``posts`` table.
    account_daily
        Optional ``account_daily`` (for the rate by followers at the time of posting).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`smo_metrics.engagement.by_group`: ``platform``, ``post_type``,
        ``posts``, ``engagements``, ``reach``, ``impressions``, and for each basis (reach,
        impressions, followers) ``engagement_rate_by_<basis>`` (ratio of sums) and
        ``mean_engagement_rate_by_<basis>`` (mean of per-post rates).

    Notes
    -----
    engagement_rate_by_reach = Σ engagements ÷ Σ reach over posts where both are known and
    reach > 0; mean_engagement_rate_by_reach = mean of engagements ÷ reach per post. A missing
    post type is grouped as ``(none)``. Empty ``posts`` → an empty frame; zero reach or all
    rates missing → missing rates, the post still counted in ``posts``.
    """
    return by_group(posts, ["platform", "post_type"], account_daily)


def type_lift(
    posts: pd.DataFrame, basis: RateBasis = "reach", account_daily: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each post type's engagement rate against its platform's rate over all types.

    Parameters
    ----------
    posts
        A canonical ``posts`` table.
    basis
        ``"reach"``, ``"impressions"`` or ``"followers"`` (the workspace's definition).
    account_daily
        Needed for the ``followers`` basis.

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``post_type``, ``posts``, ``posts_rated`` (posts the rate uses),
        ``engagements``, ``rate`` (ratio of sums), ``mean_rate`` (mean of per-post rates),
        ``platform_rate`` (ratio of sums over all the platform's posts), ``lift``. Sorted by
        platform, then rate (highest first).

    Notes
    -----
    rate = Σ engagements ÷ Σ basis over the type's posts with both known and basis > 0;
    platform_rate the same over every post of the platform; lift = rate ÷ platform_rate − 1
    (missing when either is missing). ``rate ÷ rate`` of two types of one platform is how many
    times better one does (reels ÷ images).
    """
    name = rate_name(basis)
    cols = [
        "platform",
        "post_type",
        "posts",
        "posts_rated",
        "engagements",
        "rate",
        "mean_rate",
        "platform_rate",
        "lift",
    ]
    if posts.empty:
        return pd.DataFrame({c: pd.Series(dtype="Float64") for c in cols})
    per = by_group(posts, ["platform", "post_type"], account_daily)
    plat = by_group(posts, ["platform"], account_daily).set_index("platform")[name]
    out = pd.DataFrame(
        {
            "platform": per["platform"].astype("string"),
            "post_type": per["post_type"].astype("string"),
            "posts": per["posts"].astype("int64"),
            "posts_rated": per[f"posts_rated_by_{basis}"].astype("int64"),
            "engagements": per["engagements"].astype("Float64"),
            "rate": per[name].astype("Float64"),
            "mean_rate": per["mean_" + name].astype("Float64"),
        }
    )
    out["platform_rate"] = pd.array(per["platform"].map(plat).to_numpy(dtype=float, na_value=np.nan), dtype="Float64")
    pr = out["platform_rate"]
    out["lift"] = (out["rate"] / pr.where(pr > 0) - 1.0).astype("Float64")
    out = out.assign(_r=out["rate"].astype(float).fillna(-np.inf))
    out = out.sort_values(["platform", "_r"], ascending=[True, False], kind="stable")
    return out.drop(columns="_r").reset_index(drop=True)[cols]


def type_contrast(lift: pd.DataFrame, min_posts: int = 3) -> pd.DataFrame:
    """Per platform, its best and its weakest post type and how many times better the best does.

    Parameters
    ----------
    lift
        :func:`type_lift`.
    min_posts
        Only types with at least this many rated posts take part (one lucky post is no type).

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``best_type``, ``best_rate``, ``best_posts``, ``worst_type``,
        ``worst_rate``, ``worst_posts``, ``ratio`` (best_rate ÷ worst_rate; missing when the
        worst is 0). Platforms with fewer than two such types have no row.

    Notes
    -----
    ratio = rate of the best type ÷ rate of the weakest, both ratios of sums on the same basis
    ("reels get 4.3× the engagement rate of images").
    """
    cols = ["platform", "best_type", "best_rate", "best_posts", "worst_type", "worst_rate", "worst_posts", "ratio"]
    rows = []
    ok = lift[(lift["posts_rated"] >= int(min_posts)) & lift["rate"].notna()] if len(lift) else lift
    for platform, part in ok.groupby("platform", sort=True) if len(ok) else []:
        if len(part) < 2:
            continue
        part = part.sort_values("rate", ascending=False, kind="stable")
        best, worst = part.iloc[0], part.iloc[-1]
        ratio = float(best["rate"]) / float(worst["rate"]) if float(worst["rate"]) > 0 else np.nan
        rows.append(
            [
                str(platform),
                str(best["post_type"]),
                float(best["rate"]),
                int(best["posts_rated"]),
                str(worst["post_type"]),
                float(worst["rate"]),
                int(worst["posts_rated"]),
                ratio,
            ]
        )
    out = pd.DataFrame(rows, columns=cols)
    for c in ("best_rate", "worst_rate", "ratio"):
        out[c] = out[c].astype("Float64")
    for c in ("best_posts", "worst_posts"):
        out[c] = out[c].astype("int64")
    return out


# --------------------------------------------------------------------------------------------
# hashtags


def extract_hashtags(captions: pd.Series) -> pd.DataFrame:
    """Every distinct hashtag of each caption, case-folded: columns ``row`` (position) and ``tag``.

    ``"Ngopi dulu ☕#KopiSusu, #kopisusu!"`` gives one row, ``#kopisusu``. The text is
    NFC-normalised first (so a decomposed "é" matches the composed one); links are removed.
    Vectorised: only captions with a '#' are searched, links are removed and NFC applied only
    where there are any, then ``str.findall`` + ``explode`` (three times faster than
    ``str.extractall``, which builds a frame per match; same pattern, same matches).
    """
    text = captions.reset_index(drop=True).astype("string[pyarrow]")
    has_hash = (text.str.contains("#", regex=False) | text.str.contains("\uff03", regex=False)).fillna(False)
    text = text[has_hash.to_numpy(dtype=bool)]
    has_url = text.str.contains(r"https?://|www\.", regex=True).fillna(False).to_numpy(dtype=bool)
    if has_url.any():
        text = text.copy()
        text[has_url] = text[has_url].str.replace(_URL_PATTERN, " ", regex=True)
    non_ascii = (~text.str.isascii()).fillna(False).to_numpy(dtype=bool)
    if non_ascii.any():
        text = text.copy()
        text[non_ascii] = text[non_ascii].str.normalize("NFC")
    found = text.str.findall(HASHTAG_PATTERN).explode().dropna()
    empty = pd.DataFrame({"row": pd.Series(dtype="int64"), "tag": pd.Series(dtype="string")})
    if found.empty:
        return empty
    # Case-fold and check for a letter once per distinct spelling, not once per use.
    codes, spellings = pd.factorize(found.to_numpy(dtype=object))
    folded = pd.Series(spellings, dtype="string").str.casefold()
    tag_codes, tags = pd.factorize(("#" + folded).to_numpy(dtype=object))
    keep_tag = pd.Series(tags, dtype="string").str.contains(_HAS_LETTER, regex=True).to_numpy(dtype=bool)
    code = tag_codes[codes]
    pairs = pd.DataFrame({"row": found.index.to_numpy(dtype="int64"), "code": code})
    pairs = pairs[keep_tag[code]].drop_duplicates()
    if pairs.empty:
        return empty
    tag_text = pd.array(tags, dtype="string")
    return pd.DataFrame({"row": pairs["row"].to_numpy(), "tag": tag_text[pairs["code"].to_numpy()]})


def hashtags(
    posts: pd.DataFrame,
    min_uses: int = 1,
    by_account: bool = False,
    basis: RateBasis = "reach",
    account_daily: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How posts with each hashtag did against their account's typical post.

    Parameters
    ----------
    posts
        A canonical ``posts`` table (``caption`` and the engagement columns).
    min_uses
        Keep tags used in at least this many posts.
    by_account
        One row per platform × account × tag instead of per tag.
    basis, account_daily
        The engagement-rate basis (``reach`` by default; ``followers`` needs ``account_daily``).
        The rate columns are named after it (``…_by_impressions``).

    Returns
    -------
    pandas.DataFrame
        (``platform``, ``account`` when ``by_account``), ``tag``, ``uses`` (posts with the tag),
        ``posts_with_rate`` (of those, with a known rate), ``accounts``,
        ``mean_engagement_rate_by_reach`` (mean of the per-post rates of the posts using it),
        ``account_median_engagement_rate_by_reach``, ``lift``, ``one_off`` (uses == 1).
        Sorted by uses (most first), then lift, then tag.

    Notes
    -----
    rate = engagements ÷ reach per post (:func:`smo_metrics.engagement.post_rates`). A tag
    counts once per post however often the caption repeats it.

    Per account a: median_a = median rate of all the account's posts; lift_a = mean rate of
    a's posts with the tag ÷ median_a − 1 (missing when median_a is 0 or missing). Combined over
    accounts: lift = Σ w_a · lift_a ÷ Σ w_a, w_a = a's posts with the tag and a known rate, so
    each post weighs the same and a tag is always compared with its own account's norm (never
    a small account's tag with a big account's median). The combined account median is the
    same weighted mean of the median_a.

    Edge cases: no captions or no tags → an empty frame with the columns; zero reach or missing
    metrics → the post counts in ``uses`` but not in the rates (rate columns missing when no
    post has one).
    """
    if int(min_uses) < 1:
        raise UsageError(f"min_uses must be ≥ 1, got {min_uses!r}")
    posts = posts.reset_index(drop=True)
    name, mean_name = rate_name(basis), mean_rate_name(basis)
    rate = post_rates(posts, basis, account_daily).to_numpy(dtype=float, na_value=np.nan)
    platform, account = _key(posts, "platform"), _key(posts, "account")
    acct = pd.DataFrame({"platform": platform, "account": account, "rate": rate})
    median = acct.groupby(["platform", "account"], sort=False)["rate"].transform("median")

    tags = extract_hashtags(posts["caption"]) if "caption" in posts.columns else extract_hashtags(pd.Series([]))
    rows = tags["row"].to_numpy()
    used = pd.DataFrame(
        {
            "platform": platform.to_numpy()[rows],
            "account": account.to_numpy()[rows],
            "tag": tags["tag"].to_numpy(),
            "rate": rate[rows],
            "median": median.to_numpy()[rows],
        }
    )
    keys = ["platform", "account", "tag"]
    g = used.groupby(keys, sort=False)
    per = pd.DataFrame(
        {
            "uses": g.size(),
            "posts_with_rate": g["rate"].count(),
            "rate_sum": g["rate"].sum(),
            "median": g["median"].first(),
        }
    ).reset_index()
    with np.errstate(divide="ignore", invalid="ignore"):
        per["mean"] = np.where(per["posts_with_rate"] > 0, per["rate_sum"] / per["posts_with_rate"], np.nan)
        per["lift"] = np.where(per["median"] > 0, per["mean"] / per["median"] - 1.0, np.nan)
    if by_account:
        per["accounts"] = 1
        out = per.rename(columns={"mean": mean_name, "median": "account_median_" + name})
        cols = ["platform", "account", "tag"]
    else:
        w = per["posts_with_rate"].astype(float)
        lw = w.where(per["lift"].notna(), 0.0)
        per = per.assign(
            _wl=(per["lift"].fillna(0.0) * lw),
            _lw=lw,
            _wm=(per["median"].fillna(0.0) * w.where(per["median"].notna(), 0.0)),
            _mw=w.where(per["median"].notna(), 0.0),
        )
        t = per.groupby("tag", sort=False)
        out = pd.DataFrame(
            {
                "uses": t["uses"].sum(),
                "posts_with_rate": t["posts_with_rate"].sum(),
                "accounts": t.size(),
                "rate_sum": t["rate_sum"].sum(),
                "_wl": t["_wl"].sum(),
                "_lw": t["_lw"].sum(),
                "_wm": t["_wm"].sum(),
                "_mw": t["_mw"].sum(),
            }
        ).reset_index()
        with np.errstate(divide="ignore", invalid="ignore"):
            out[mean_name] = np.where(out["posts_with_rate"] > 0, out["rate_sum"] / out["posts_with_rate"], np.nan)
            out["account_median_" + name] = np.where(out["_mw"] > 0, out["_wm"] / out["_mw"], np.nan)
            out["lift"] = np.where(out["_lw"] > 0, out["_wl"] / out["_lw"], np.nan)
        cols = ["tag"]
    out = out[out["uses"] >= int(min_uses)]
    result = out[cols].copy()
    for col in cols:
        result[col] = result[col].astype("string")
    result["uses"] = out["uses"].astype("int64")
    result["posts_with_rate"] = out["posts_with_rate"].astype("int64")
    result["accounts"] = out["accounts"].astype("int64")
    for col in (mean_name, "account_median_" + name, "lift"):
        result[col] = pd.array(out[col].to_numpy(dtype=float), dtype="Float64")
    result["one_off"] = (out["uses"] == 1).to_numpy()
    result = result.assign(_lift=result["lift"].astype(float).fillna(-np.inf))
    result = result.sort_values(["uses", "_lift", "tag"], ascending=[False, False, True], kind="stable")
    return result.drop(columns="_lift").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# caption length


def _check_bands(bands: Sequence[float]) -> list[float]:
    edges = [float(b) for b in bands]
    if len(edges) < 2:
        raise UsageError("bands needs at least two edges, e.g. (0, 50, inf)")
    if edges[0] < 0 or any(b <= a for a, b in zip(edges, edges[1:], strict=False)):
        raise UsageError(f"bands must start at ≥ 0 and increase strictly, got {tuple(bands)!r}")
    if any(not (math.isinf(e) or e.is_integer()) for e in edges) or any(math.isinf(e) for e in edges[:-1]):
        raise UsageError(f"band edges must be whole numbers of characters (the last may be inf), got {tuple(bands)!r}")
    return edges


def _band_label(lo: float, hi: float) -> str:
    return f"{int(lo)}+" if math.isinf(hi) else f"{int(lo)}–{int(hi) - 1}"


def caption_length_bands(
    posts: pd.DataFrame,
    bands: Sequence[float] = DEFAULT_BANDS,
    basis: RateBasis = "reach",
    account_daily: pd.DataFrame | None = None,
    by: Sequence[str] = (),
) -> pd.DataFrame:
    """Posts and engagement per band of caption length.

    Parameters
    ----------
    posts
        A canonical ``posts`` table.
    bands
        Increasing edges in characters; band i holds lengths in [edge_i, edge_i+1). The default
        (0, 50, 125, 300, 1000, inf) gives 0–49, 50–124, 125–299, 300–999, 1000+.
    basis, account_daily
        The engagement-rate basis; the rate columns are named after it.
    by
        Group columns (e.g. ``["platform"]``): every band for each group, the keys first.
        Platforms differ in how long captions are (LinkedIn long, TikTok short), so a pooled
        band mixes platforms.

    Returns
    -------
    pandas.DataFrame
        One row per band (per group), in order, empty bands included (posts 0): ``band`` (label),
        ``min_chars``, ``max_chars`` (inclusive; missing for an open last band), ``posts``,
        ``engagements``, ``reach``, ``engagement_rate_by_reach`` (ratio of sums),
        ``mean_engagement_rate_by_reach``. ``attrs``: ``posts_without_caption``,
        ``posts_outside_bands``.

    Notes
    -----
    Length = ``len`` of the NFC-normalised caption: Unicode code points, not user-perceived
    characters (an emoji with a skin tone or a family emoji counts 2–7; accents count 1 after
    NFC). Close enough for bands this wide. A missing caption (the canonical table stores an
    empty one as missing, and some exports have none) is left out and counted, never taken as
    length 0. Rates as in :func:`smo_metrics.engagement.by_group`: zero or missing reach → the
    post counts in ``posts`` but not in the rates. Empty ``posts`` → every band with posts 0.
    """
    edges = _check_bands(bands)
    posts = posts.reset_index(drop=True)
    if by:
        keys = list(by)
        parts = []
        attrs: dict[Hashable, Any] = {"posts_without_caption": 0, "posts_outside_bands": 0}
        groups = posts.assign(**{k: _key(posts, k) for k in keys}).groupby(keys, sort=True)
        for values, part in groups:
            got = caption_length_bands(part, edges, basis, account_daily)
            for k, v in zip(keys, values, strict=True):
                got.insert(keys.index(k), k, pd.Series([str(v)] * len(got), dtype="string"))
            for a in attrs:
                attrs[a] += int(got.attrs[a])
            parts.append(got)
        if parts:
            out = pd.concat(parts, ignore_index=True)
        else:
            out = caption_length_bands(posts, edges, basis, account_daily).iloc[0:0]
            for i, k in enumerate(keys):
                out.insert(i, k, pd.Series(dtype="string"))
        out.attrs = attrs
        return out
    name, mean_name = rate_name(basis), mean_rate_name(basis)
    if "caption" in posts.columns:
        caption = posts["caption"].astype("string")
    else:
        caption = pd.Series(pd.NA, index=posts.index, dtype="string")
    length = caption.str.normalize("NFC").str.len().astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    code = pd.cut(length, bins=edges, right=False, labels=False)
    code = np.asarray(code, dtype=float)
    inside = ~np.isnan(code)
    frame = posts.loc[inside].assign(_band=code[inside].astype("int64"))
    n_bands = len(edges) - 1
    if len(frame):
        got = by_group(frame, ["_band"], account_daily).set_index("_band")
        got.index = got.index.astype("int64")
    else:
        got = pd.DataFrame(columns=["posts", "engagements", "reach", name, mean_name])
    got = got.reindex(range(n_bands))
    out = pd.DataFrame(
        {
            "band": pd.array([_band_label(edges[i], edges[i + 1]) for i in range(n_bands)], dtype="string"),
            "min_chars": np.array(edges[:-1], dtype="int64"),
            "max_chars": pd.array(
                [None if math.isinf(edges[i + 1]) else int(edges[i + 1]) - 1 for i in range(n_bands)], dtype="Int64"
            ),
            "posts": got["posts"].fillna(0).to_numpy(dtype="int64"),
        }
    )
    for col in ("engagements", "reach", name, mean_name):
        out[col] = pd.array(got[col].astype("Float64").to_numpy(dtype=float, na_value=np.nan), dtype="Float64")
    no_caption = int(caption.isna().sum())
    out.attrs = {
        "posts_without_caption": no_caption,
        "posts_outside_bands": int(len(posts) - no_caption - inside.sum()),
    }
    return out


# --------------------------------------------------------------------------------------------
# posting frequency


@dataclass(frozen=True)
class FrequencyResult:
    """Posting frequency against engagement.

    ``weekly``: one row per platform × account × ISO week with at least one post: ``platform``,
    ``account``, ``week`` ("2026-W10"), ``week_start`` (the Monday), ``posts``, ``engagements``,
    ``reach``, ``engagement_rate_by_reach`` (that week's Σ engagements ÷ Σ reach).
    ``summary``: one row per posts-per-week value: ``posts_per_week``, ``weeks``,
    ``weeks_with_rate``, ``mean_weekly_engagement_rate_by_reach``,
    ``median_weekly_engagement_rate_by_reach``.
    ``posts_without_date``: posts left out because they have neither time nor date.
    ``by_platform``: the summary per platform: ``platform`` then the summary's columns.
    The rate columns are named after the basis asked for (``…_by_reach`` by default).
    """

    weekly: pd.DataFrame
    summary: pd.DataFrame
    posts_without_date: int
    by_platform: pd.DataFrame = field(default_factory=pd.DataFrame)


def local_dates(posts: pd.DataFrame, tz: str = DEFAULT_TZ) -> pd.Series:
    """The calendar date of each post in ``tz`` (naive midnight timestamps, NaT when unknown).

    From ``published_at`` converted to ``tz`` where the posting time is known; else the
    export's own ``published_date`` (a date-only post has no time to convert).
    """
    known = hour_known(posts)
    local = local_time(posts["published_at"], tz).dt.tz_localize(None).dt.normalize()
    own = pd.to_datetime(posts["published_date"]).dt.normalize()
    return local.where(known, own)


def _frequency_summary(weekly: pd.DataFrame, name: str, by: Sequence[str] = ()) -> pd.DataFrame:
    """Weeks with k posts and their mean/median weekly rate, per ``by`` group."""
    keys = [*by, "posts"]
    rate = weekly[name].astype(float)
    s = rate.groupby([weekly[k] for k in keys], sort=True)
    size = s.size()
    out = size.index.to_frame(index=False).rename(columns={"posts": "posts_per_week"})
    for k in by:
        out[k] = out[k].astype("string")
    out["posts_per_week"] = out["posts_per_week"].to_numpy(dtype="int64")
    out["weeks"] = size.to_numpy(dtype="int64")
    out["weeks_with_rate"] = s.count().to_numpy(dtype="int64")
    out["mean_weekly_" + name] = pd.array(s.mean().to_numpy(dtype=float), dtype="Float64")
    out["median_weekly_" + name] = pd.array(s.median().to_numpy(dtype=float), dtype="Float64")
    return out.reset_index(drop=True)


def frequency_vs_engagement(
    posts: pd.DataFrame,
    tz: str = DEFAULT_TZ,
    basis: RateBasis = "reach",
    account_daily: pd.DataFrame | None = None,
) -> FrequencyResult:
    """Posts per account per ISO week against that week's engagement rate.

    Parameters
    ----------
    posts
        A canonical ``posts`` table.
    tz
        The workspace time zone in which weeks (Monday–Sunday, ISO 8601) are counted.
    basis, account_daily
        The engagement-rate basis; the rate columns are named after it.

    Returns
    -------
    FrequencyResult
        ``weekly`` and ``summary`` frames (see :class:`FrequencyResult`).

    Notes
    -----
    weekly rate = Σ engagements ÷ Σ reach over the account's posts of that week (both known,
    reach > 0; :func:`smo_metrics.engagement.by_group`). summary: for k = 1, 2, 3, … the mean
    (and median) of the weekly rates of the weeks with k posts, each account-week weighing the
    same. Weeks without posts are not rows (they have no rate). This is a correlation: busy
    weeks may be campaign weeks; compare within one account or platform.

    Edge cases: empty → empty frames; a week whose posts all lack reach (or have reach 0) has
    a missing rate and counts in ``weeks`` but not ``weeks_with_rate``.
    """
    name = rate_name(basis)
    posts = posts.reset_index(drop=True)
    date = local_dates(posts, tz)
    has = date.notna().to_numpy(dtype=bool)
    iso = date[has].dt.isocalendar()
    week_start = date[has] - pd.to_timedelta(iso["day"].astype("int64") - 1, unit="D")
    frame = posts.loc[has].assign(
        platform=_key(posts.loc[has], "platform"),
        account=_key(posts.loc[has], "account"),
        week_start=week_start,
    )
    weekly_cols = ["platform", "account", "week", "week_start", "posts", "engagements", "reach", name]
    if len(frame):
        g = by_group(frame, ["platform", "account", "week_start"], account_daily)
        ws = pd.to_datetime(g["week_start"])
        wiso = ws.dt.isocalendar()
        weekly = pd.DataFrame(
            {
                "platform": g["platform"].astype("string"),
                "account": g["account"].astype("string"),
                "week": (wiso["year"].astype(str) + "-W" + wiso["week"].astype(int).map("{:02d}".format)).astype(
                    "string"
                ),
                "week_start": ws.astype("datetime64[ns]"),
                "posts": g["posts"].astype("int64"),
                "engagements": g["engagements"].astype("Float64"),
                "reach": g["reach"].astype("Float64"),
                name: g[name].astype("Float64"),
            }
        )
    else:
        weekly = pd.DataFrame(
            {
                "platform": pd.Series(dtype="string"),
                "account": pd.Series(dtype="string"),
                "week": pd.Series(dtype="string"),
                "week_start": pd.Series(dtype="datetime64[ns]"),
                "posts": pd.Series(dtype="int64"),
                "engagements": pd.Series(dtype="Float64"),
                "reach": pd.Series(dtype="Float64"),
                name: pd.Series(dtype="Float64"),
            }
        )
    weekly = weekly[weekly_cols].reset_index(drop=True)
    return FrequencyResult(
        weekly=weekly,
        summary=_frequency_summary(weekly, name),
        posts_without_date=int((~has).sum()),
        by_platform=_frequency_summary(weekly, name, ["platform"]),
    )


# --------------------------------------------------------------------------------------------
# outliers


def outliers(
    posts: pd.DataFrame,
    z: float = 3.5,
    basis: RateBasis = "reach",
    account_daily: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Posts far above ("viral") or below ("flop") their account's usual engagement rate.

    Parameters
    ----------
    posts
        A canonical ``posts`` table.
    z
        The threshold on the robust z-score (3.5, Iglewicz & Hoaglin 1993).
    basis, account_daily
        The engagement-rate basis (reach by default); the rate column is named after it.

    Returns
    -------
    pandas.DataFrame
        One row per post, in the order (and with the index) of ``posts``: ``platform``,
        ``account``, ``post_id``, ``published_at``, ``engagement_rate_by_<basis>``,
        ``account_median``, ``mad``, ``robust_z``, ``outlier`` (``viral``, ``flop`` or missing),
        then what a reader needs to look the post up: ``published_date``, ``post_type``,
        ``caption``, ``permalink`` (missing where the export has none) and ``engagements``.

    Notes
    -----
    Within each platform × account, over the posts with a known rate (engagements ÷ reach):
    median m, MAD = median |x − m|, robust z = 0.6745 · (x − m) ÷ MAD. viral: z ≥ threshold;
    flop: z ≤ −threshold. MAD = 0 (half or more of the posts share one rate, or one post) →
    z missing and nothing flagged: there is no spread to measure surprise against. A rate is
    ≥ 0 and right-skewed, so flops are rarer than virals by construction.

    Edge cases: empty → empty frame; one post → MAD 0, not flagged; zero reach or missing
    metrics → rate and z missing, not flagged, not used for the median.

    References
    ----------
    B. Iglewicz and D. C. Hoaglin, *How to Detect and Handle Outliers*, ASQC, 1993.
    """
    zf = float(z)
    if not np.isfinite(zf) or zf <= 0:
        raise UsageError(f"z must be a positive number, got {z!r}")
    rate = post_rates(posts, basis, account_daily)
    x = rate.to_numpy(dtype=float, na_value=np.nan)
    key = [_key(posts, "platform").to_numpy(), _key(posts, "account").to_numpy()]
    xs = pd.Series(x, index=posts.index)
    med = xs.groupby(key, sort=False).transform("median")
    mad = (xs - med).abs().groupby(key, sort=False).transform("median")
    with np.errstate(divide="ignore", invalid="ignore"):
        robust = np.where(mad.to_numpy() > 0, 0.6745 * (x - med.to_numpy()) / mad.to_numpy(), np.nan)
    flag = pd.Series(pd.NA, index=posts.index, dtype="string")
    flag[robust >= zf] = "viral"
    flag[robust <= -zf] = "flop"
    out = pd.DataFrame(index=posts.index)
    for col in ("platform", "account", "post_id"):
        out[col] = posts[col].astype("string") if col in posts.columns else pd.Series(pd.NA, dtype="string")
    out["published_at"] = posts["published_at"] if "published_at" in posts.columns else pd.NaT
    out[rate_name(basis)] = rate
    out["account_median"] = pd.array(med.to_numpy(dtype=float), dtype="Float64")
    out["mad"] = pd.array(mad.to_numpy(dtype=float), dtype="Float64")
    out["robust_z"] = pd.array(robust, dtype="Float64")
    out["outlier"] = flag
    out["published_date"] = posts["published_date"] if "published_date" in posts.columns else pd.NaT
    for col in ("post_type", "caption", "permalink"):
        out[col] = posts[col].astype("string") if col in posts.columns else pd.Series(pd.NA, dtype="string")
    out["engagements"] = post_engagements(posts)
    return out
