"""The content plan: matching plans to published posts, caption checks, cadence and exports.

A **plan** is a row of the workspace's content calendar (``Store.plans()``: ``planned_at`` UTC,
``platform``, ``account``, ``post_type``, ``caption``, ``hashtags``, ``status``
planned|published|cancelled, ``campaign``, ``published_post_id``, ``notes``). This module

- matches plans to the published posts of the canonical ``posts`` table and gives each plan a
  **state** (:func:`match_plans`): ``published``, ``missed`` (planned, its time has passed, the
  data covers that day and no post matches), ``not_found`` (marked published, yet no such post in
  the data), ``no_data`` (its day is after the last day the platform's exports cover: we cannot
  tell yet), ``upcoming`` or ``cancelled``;
- checks a caption against each platform's limits (:data:`TEXT_LIMITS`, :data:`HASHTAG_LIMITS`,
  :func:`check_caption`), counting the way each platform counts (X: :func:`x_weighted_length`);
- compares a planned slot with the best slots of :mod:`smo_metrics.timing` (:func:`slot_check`);
- counts posts per platform per ISO week and flags gaps (:func:`weekly_cadence`);
- lays out the calendar's items and days (:func:`calendar_items`, :func:`day_summary`,
  :func:`plan_summary`);
- writes the plan as CSV and Excel with user text kept inert (:func:`export_csv`,
  :func:`export_xlsx`).

Local dates and times are in the workspace time zone ``tz``. A post's local day is its
``published_at`` in ``tz`` when the export gives the hour, else the export's own
``published_date`` (TikTok, YouTube, LinkedIn and new X exports give dates only).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from smo_metrics.errors import UsageError
from smo_metrics.timing import best_slots, hour_known, prime_time_by

DEFAULT_TZ: Final = "Asia/Jakarta"

# --------------------------------------------------------------------------------------------
# platform limits


@dataclass(frozen=True)
class TextLimit:
    """The most a platform accepts in one text field, how it counts, and where that is written.

    ``unit``: ``x_weighted`` (:func:`x_weighted_length`), ``utf16`` (UTF-16 code units, as
    JavaScript's ``length``), ``chars`` (Unicode code points) or ``utf8_bytes``.
    """

    platform: str
    field: str  # "caption", "title" or "description"
    limit: int
    unit: str
    source: str
    note: str = ""


TEXT_LIMITS: Final[dict[str, tuple[TextLimit, ...]]] = {
    "x": (
        TextLimit(
            "x",
            "caption",
            280,
            "x_weighted",
            "X developer docs, 'Counting characters'; twitter-text config v3 "
            "(github.com/twitter/twitter-text/blob/master/config/v3.json)",
            "X Premium accounts may post up to 25,000 characters.",
        ),
    ),
    "instagram": (
        TextLimit(
            "instagram",
            "caption",
            2200,
            "chars",
            "Instagram Graph API, IG User Media reference: caption 'maximum 2,200 characters' "
            "(developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media)",
        ),
    ),
    "tiktok": (
        TextLimit(
            "tiktok",
            "caption",
            2200,
            "utf16",
            "TikTok Content Posting API, Direct Post reference: post_info.title 'max 2200 UTF-16 runes' "
            "(developers.tiktok.com/doc/content-posting-api-reference-direct-post)",
            "The TikTok app itself accepts up to 4,000 characters for many accounts; 2,200 is what "
            "scheduling tools (which post through the API) can send.",
        ),
    ),
    "linkedin": (
        TextLimit(
            "linkedin",
            "caption",
            3000,
            "chars",
            "LinkedIn Posts API: commentary up to 3,000 characters "
            "(learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api)",
        ),
    ),
    "facebook": (
        TextLimit(
            "facebook",
            "caption",
            63206,
            "chars",
            "Facebook's post text limit of 63,206 characters (the figure Meta's composer enforces and "
            "social-media references cite; Meta does not document it in its API reference)",
        ),
    ),
    "youtube": (
        TextLimit(
            "youtube",
            "title",
            100,
            "chars",
            "YouTube Data API, videos resource: snippet.title 'maximum length of 100 characters' "
            "(developers.google.com/youtube/v3/docs/videos)",
        ),
        TextLimit(
            "youtube",
            "description",
            5000,
            "utf8_bytes",
            "YouTube Data API, videos resource: snippet.description 'maximum length of 5000 bytes' "
            "(developers.google.com/youtube/v3/docs/videos)",
        ),
    ),
}


@dataclass(frozen=True)
class HashtagLimit:
    """The most hashtags a platform takes on one post, and what happens beyond it."""

    platform: str
    limit: int
    source: str
    note: str = ""


HASHTAG_LIMITS: Final[dict[str, HashtagLimit]] = {
    "instagram": HashtagLimit(
        "instagram",
        5,
        "Instagram, December 2025: 'Instagram will gradually update the number of hashtags you can "
        "include in a caption for a reel or post to 5' (announced by Adam Mosseri; reported by "
        "Social Media Today, 2025-12)",
        "Until then the limit was 30 (Instagram Graph API, IG User Media: 'maximum 30 hashtags').",
    ),
    "youtube": HashtagLimit(
        "youtube",
        60,
        "YouTube Help, 'Use hashtags for YouTube videos': with more than 60 hashtags YouTube ignores "
        "every hashtag on the video (support.google.com/youtube/answer/6390658)",
    ),
}

# The workspace keeps captions and notes up to this many characters (smo_metrics.store).
STORE_TEXT_LIMIT: Final = 10_000

# twitter-text config v3 (see TEXT_LIMITS["x"]): weights in 1/100 of a character.
_X_SCALE: Final = 100
_X_DEFAULT_WEIGHT: Final = 200
_X_RANGES: Final = ((0, 4351, 100), (8192, 8205, 100), (8208, 8223, 100), (8242, 8247, 100))
_X_URL_LENGTH: Final = 23

# URLs as X counts them, simplified from twitter-text's extractor: http(s):// links, and bare
# domains ending in a common generic TLD or any two-letter country code, not right after @ # $
# or a letter (``@kopisenja.id`` is a mention, not a link). Domain labels are at most 63
# characters, as in DNS. Trailing punctuation is not part of the link.
_COMMON_TLDS: Final = (
    "com|net|org|info|biz|io|co|app|dev|xyz|online|site|store|shop|me|tv|ly|gg|ai|news|blog|link|"
    "id|asia|tech|web|page|live|art|club|design|digital|email|media|world|today"
)
_LABEL: Final = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_URL_RE: Final = re.compile(
    r"(?:https?://[^\s]+)"
    rf"|(?<![\w@#$.＠＃/-])(?:{_LABEL}\.)+(?:{_COMMON_TLDS}|[a-z]{{2}})(?![\w-])(?:/[^\s]*)?",
    re.IGNORECASE,
)
_URL_TRAILING: Final = ".,!?:;'\")]}"

# Emoji as single units (twitter-text v3 counts each emoji sequence as 2 characters).
_PICTOGRAPHIC: Final = (
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2194, 0x2199),
    (0x21A9, 0x21AA),
    (0x231A, 0x231B),
    (0x2328, 0x2328),
    (0x23CF, 0x23CF),
    (0x23E9, 0x23F3),
    (0x23F8, 0x23FA),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25AB),
    (0x25B6, 0x25B6),
    (0x25C0, 0x25C0),
    (0x25FB, 0x25FE),
    (0x2600, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B07),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3297),
    (0x3299, 0x3299),
    (0x1F000, 0x1FAFF),
)
_ZWJ: Final = 0x200D
_VS15, _VS16 = 0xFE0E, 0xFE0F
_KEYCAP: Final = 0x20E3

_HASHTAG_RE: Final = re.compile(r"(?<![\w&#＃])[#＃](\w*[^\W\d_]\w*)")


def _check_tz(tz: str) -> str:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise UsageError(f"unknown time zone {tz!r}; expected an IANA name such as 'Asia/Jakarta'") from None
    return tz


def _pictographic(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _PICTOGRAPHIC)


def _regional(cp: int) -> bool:
    return 0x1F1E6 <= cp <= 0x1F1FF


def _x_weight(cp: int) -> int:
    for lo, hi, weight in _X_RANGES:
        if lo <= cp <= hi:
            return weight
    return _X_DEFAULT_WEIGHT


def _emoji_end(cps: Sequence[int], i: int) -> int:
    """The index after the emoji sequence starting at ``i``, or ``i`` when none starts there."""
    n = len(cps)
    cp = cps[i]
    nxt = cps[i + 1] if i + 1 < n else None
    if chr(cp) in "0123456789#*":  # keycap: digit, optional VS16, U+20E3
        j = i + 1 + (nxt == _VS16)
        return j + 1 if j < n and cps[j] == _KEYCAP else i
    if _regional(cp):
        return i + 2 if nxt is not None and _regional(nxt) else i + 1
    if cp in (0xA9, 0xAE):  # © ® are text unless followed by VS16
        return i + 2 if nxt == _VS16 else i
    if not _pictographic(cp):
        return i
    j = i + 1
    while j < n:
        c = cps[j]
        if c in (_VS15, _VS16) or 0x1F3FB <= c <= 0x1F3FF or 0xE0020 <= c <= 0xE007F:
            j += 1
        elif c == _ZWJ and j + 1 < n and _pictographic(cps[j + 1]):
            j += 2
        else:
            break
    return j


def x_weighted_length(text: str) -> int:
    """The length X gives a post: what its 280-character limit is checked against.

    Parameters
    ----------
    text
        The post's text.

    Returns
    -------
    int
        The weighted length, in characters.

    Notes
    -----
    twitter-text configuration v3 (X's reference implementation): the text is normalised to
    NFC; each link counts 23 (t.co); each emoji sequence (with its skin tone, variation selector
    and zero-width joiners) counts 2; any other code point counts 1 in U+0000–U+10FF, U+2000–
    U+200D, U+2010–U+201F and U+2032–U+2037 (Latin, Indonesian, most European scripts and
    common punctuation) and 2 elsewhere (CJK, most symbols). Weighted length = Σ weights ÷ 100.

    The link and emoji rules are simplified from twitter-text's (its TLD list and the Unicode
    emoji data are not bundled): bare domains count as links when they end in a common generic
    TLD or any two-letter code. Checked against twitter-text's own conformance cases
    (``conformance/validate.yml``, WeightedTweetsWithDiscountedEmojiCounterTest).
    """
    text = unicodedata.normalize("NFC", text or "")
    total = 0
    pos = 0
    pieces: list[str] = []
    for m in _URL_RE.finditer(text):
        url = m.group(0).rstrip(_URL_TRAILING)
        if not url:
            continue
        pieces.append(text[pos : m.start()])
        total += _X_URL_LENGTH * _X_SCALE
        pos = m.start() + len(url)
    pieces.append(text[pos:])
    for piece in pieces:
        cps = [ord(c) for c in piece]
        i = 0
        while i < len(cps):
            end = _emoji_end(cps, i)
            if end > i:
                total += _X_DEFAULT_WEIGHT
                i = end
            else:
                total += _x_weight(cps[i])
                i += 1
    return total // _X_SCALE


def text_length(text: str, unit: str) -> int:
    """The length of ``text`` in ``unit``: ``x_weighted``, ``utf16``, ``chars`` or ``utf8_bytes``."""
    text = text or ""
    if unit == "x_weighted":
        return x_weighted_length(text)
    if unit == "utf16":
        return len(text.encode("utf-16-le")) // 2
    if unit == "chars":
        return len(text)
    if unit == "utf8_bytes":
        return len(text.encode("utf-8"))
    raise UsageError(f"unknown length unit {unit!r}; expected x_weighted, utf16, chars or utf8_bytes")


def hashtags_in(caption: str | None, hashtags: str | Iterable[str] | None = None) -> list[str]:
    """The distinct hashtags of a post (caption and hashtag field together), lower-cased, in order.

    A hashtag is ``#`` followed by letters, digits or ``_`` with at least one letter
    (``#2026`` is not a hashtag, as on Instagram and X), not preceded by a letter or ``&``.
    """
    if hashtags is None:
        tag_text = ""
    elif isinstance(hashtags, str):
        tag_text = hashtags
    else:
        tag_text = " ".join("#" + str(t).lstrip("#＃") for t in hashtags)
    found = _HASHTAG_RE.findall(f"{caption or ''}\n{tag_text}")
    return list(dict.fromkeys(t.casefold() for t in found))


def post_text(caption: str | None, hashtags: str | None) -> str:
    """The text that goes out: the caption, then a blank line and the hashtags not already in it."""
    caption = caption or ""
    have = set(hashtags_in(caption))
    extra = [t for t in (hashtags or "").replace(",", " ").split() if t.strip("#＃")]
    extra = ["#" + t.lstrip("#＃") for t in extra]
    extra = [t for t in dict.fromkeys(extra) if t[1:].casefold() not in have]
    if not extra:
        return caption
    return f"{caption}\n\n{' '.join(extra)}" if caption else " ".join(extra)


@dataclass(frozen=True)
class TextMeasure:
    """One text field of a planned post measured against its platform's limit."""

    field: str
    length: int
    limit: int
    unit: str
    source: str
    note: str

    @property
    def over(self) -> bool:
        return self.length > self.limit


def measure_text(platform: str, caption: str | None, hashtags: str | None = None) -> list[TextMeasure]:
    """Each limited text field of the post on ``platform``, with its length and limit.

    Notes
    -----
    The post's text is :func:`post_text` (caption, blank line, hashtags). YouTube: the first line
    of the caption is the title and the rest (with the hashtags) the description. Platforms
    without a known limit give an empty list.
    """
    limits = TEXT_LIMITS.get(platform, ())
    text = post_text(caption, hashtags)
    out = []
    for lim in limits:
        if lim.field == "title":
            value = (caption or "").split("\n", 1)[0]
        elif lim.field == "description":
            rest = (caption or "").split("\n", 1)
            value = post_text(rest[1] if len(rest) > 1 else "", hashtags)
        else:
            value = text
        out.append(TextMeasure(lim.field, text_length(value, lim.unit), lim.limit, lim.unit, lim.source, lim.note))
    return out


@dataclass(frozen=True)
class CaptionIssue:
    """A problem with a planned post's text: the page words it from ``code`` and the numbers.

    ``code``: ``too_long`` (``field`` over ``limit`` in ``unit``), ``too_many_hashtags``,
    ``angle_brackets`` (YouTube refuses ``<`` and ``>`` in titles and descriptions) or
    ``store_limit`` (longer than the workspace keeps).
    """

    code: str
    field: str
    value: int
    limit: int
    unit: str
    source: str
    note: str = ""


def check_caption(platform: str, caption: str | None, hashtags: str | None = None) -> list[CaptionIssue]:
    """Every limit the planned post's text breaks on ``platform`` (empty when it is fine).

    Parameters
    ----------
    platform
        Canonical platform name.
    caption, hashtags
        The plan's caption and hashtags (space-separated).

    Notes
    -----
    Limits and how each is counted: :data:`TEXT_LIMITS` (X 280 weighted, Instagram 2,200,
    TikTok 2,200 UTF-16 units, LinkedIn 3,000, Facebook 63,206, YouTube title 100 and
    description 5,000 bytes) and :data:`HASHTAG_LIMITS` (Instagram 5, YouTube 60), each with its
    source. Hashtags are counted once each, over caption and hashtag field together
    (:func:`hashtags_in`).
    """
    issues = [
        CaptionIssue("too_long", m.field, m.length, m.limit, m.unit, m.source, m.note)
        for m in measure_text(platform, caption, hashtags)
        if m.over
    ]
    tag_limit = HASHTAG_LIMITS.get(platform)
    if tag_limit is not None:
        count = len(hashtags_in(caption, hashtags))
        if count > tag_limit.limit:
            issues.append(
                CaptionIssue(
                    "too_many_hashtags",
                    "hashtags",
                    count,
                    tag_limit.limit,
                    "hashtags",
                    tag_limit.source,
                    tag_limit.note,
                )
            )
    if platform == "youtube" and re.search(r"[<>]", post_text(caption, hashtags)):
        issues.append(
            CaptionIssue(
                "angle_brackets",
                "caption",
                0,
                0,
                "chars",
                "YouTube Data API, videos resource: title and description 'may contain all valid UTF-8 "
                "characters except < and >'",
            )
        )
    for name, value in (("caption", caption), ("hashtags", hashtags)):
        if value and len(value.strip()) > STORE_TEXT_LIMIT:
            issues.append(
                CaptionIssue(
                    "store_limit", name, len(value.strip()), STORE_TEXT_LIMIT, "chars", "smo_metrics.store (plans)"
                )
            )
    return issues


# --------------------------------------------------------------------------------------------
# plans and posts


STATES: Final = ("published", "missed", "not_found", "no_data", "upcoming", "cancelled")
MATCH_WINDOW: Final = pd.Timedelta(hours=3)
MATCH_COLUMNS: Final = (
    "local_at",
    "local_date",
    "matched_post_id",
    "match",
    "published_at",
    "published_local_date",
    "delay_min",
    "state",
)


def post_local_dates(posts: pd.DataFrame, tz: str = DEFAULT_TZ) -> pd.Series:
    """Each post's day in ``tz`` (naive midnight): from ``published_at`` when its hour is known,
    else the export's ``published_date`` (``published_at`` in ``tz`` when that is missing too)."""
    _check_tz(tz)
    if posts.empty:
        return pd.Series(pd.NaT, index=posts.index, dtype="datetime64[ns]")
    local = posts["published_at"].dt.tz_convert(tz).dt.tz_localize(None).dt.normalize()
    if "published_date" in posts.columns:
        stated = pd.to_datetime(posts["published_date"]).dt.normalize()
        known = hour_known(posts) if "time_known" in posts.columns else pd.Series(True, index=posts.index)
        local = local.where(known | stated.isna(), stated)
    return local.astype("datetime64[ns]")


def data_until(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.Timestamp]:
    """The last day each platform's exports cover: the latest post day or account day.

    Uses ``posts.published_date`` and ``account_daily.date`` (the daily export usually runs to
    the end of the export's range even when the last post is days earlier).
    """
    out: dict[str, pd.Timestamp] = {}
    for kind, col in (("posts", "published_date"), ("account_daily", "date")):
        frame = tables.get(kind)
        if frame is None or frame.empty or col not in frame.columns:
            continue
        last = pd.to_datetime(frame[col]).groupby(frame["platform"].astype("string")).max()
        for platform, day in last.items():
            if pd.notna(day):
                out[str(platform)] = max(out.get(str(platform), day), day)
    return out


def data_from(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.Timestamp]:
    """The first day each platform's exports cover (earliest post day or account day)."""
    out: dict[str, pd.Timestamp] = {}
    for kind, col in (("posts", "published_date"), ("account_daily", "date")):
        frame = tables.get(kind)
        if frame is None or frame.empty or col not in frame.columns:
            continue
        first = pd.to_datetime(frame[col]).groupby(frame["platform"].astype("string")).min()
        for platform, day in first.items():
            if pd.notna(day):
                out[str(platform)] = min(out.get(str(platform), day), day)
    return out


def select_plans(
    plans: pd.DataFrame, platforms: Sequence[str] = (), accounts: Sequence[str] = (), posts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The plans in the sidebar's filter: chosen platforms; with accounts chosen, plans of those
    accounts plus plans without an account on a platform of those accounts (found in ``posts``)."""
    keep = pd.Series(True, index=plans.index)
    if platforms:
        keep &= plans["platform"].isin(list(platforms)).fillna(False)
    if accounts:
        of_accounts: set[str] = set()
        if posts is not None and not posts.empty:
            of_accounts = set(posts.loc[posts["account"].isin(list(accounts)), "platform"].dropna().astype(str))
        named = plans["account"].isin(list(accounts)).fillna(False)
        unnamed = plans["account"].isna() & plans["platform"].isin(sorted(of_accounts)).fillna(False)
        keep &= named | unnamed
    return plans.loc[keep.astype(bool)].reset_index(drop=True)


def _require(frame: pd.DataFrame, cols: Sequence[str], what: str) -> None:
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise UsageError(f"{what} lacks column(s) {', '.join(missing)}")


def match_plans(
    plans: pd.DataFrame,
    posts: pd.DataFrame,
    tz: str = DEFAULT_TZ,
    *,
    now: Any = None,
    window: pd.Timedelta = MATCH_WINDOW,
    until: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Match each plan to the post that published it, and give each plan its state.

    Parameters
    ----------
    plans
        ``Store.plans()`` (``id``, ``planned_at`` UTC, ``platform``, ``account``, ``status``,
        ``published_post_id``, …).
    posts
        Canonical ``posts`` table.
    tz
        Workspace time zone: plans' and posts' local days.
    now
        The current time (UTC; default: the clock). Decides which plans are past.
    window
        How far from the planned time a post may go out and still match (default 3 hours;
        at most 24 hours).
    until
        Last day the exports cover, per platform (:func:`data_until`); default: each platform's
        latest post day.

    Returns
    -------
    pandas.DataFrame
        ``plans`` in their order with :data:`MATCH_COLUMNS` added: ``local_at`` (planned time in
        ``tz``), ``local_date``, ``matched_post_id``, ``match`` (``id``, ``time`` or missing),
        ``published_at``, ``published_local_date``, ``delay_min`` (minutes from plan to post; missing
        for a post without an hour), ``state`` (one of :data:`STATES`).

    Notes
    -----
    Matching rule, one post per plan and one plan per post, on the same platform (and the same
    account when both name one); cancelled plans are never matched:

    1. **By id**: ``published_post_id`` equals the post's ``post_id``. When two plans name the same
       post, the earlier plan keeps it.
    2. **By time**, for the plans left: a post not taken by an id match, published within
       ``window`` of the planned time (|published_at − planned_at| ≤ window); a post whose
       export gives only the date matches a plan on the same local day. Closest pairs are
       taken first (ties: earlier plan, earlier post).

    State, in this order: ``cancelled`` (status cancelled); ``published`` (matched);
    ``upcoming`` (planned_at + window is still ahead of ``now``); ``no_data`` (planned_at +
    window falls after the end of the last day the platform's data covers, or the platform has
    no data: the post may exist but has not been imported); ``not_found`` (status published but
    no matching post); ``missed`` (planned, past, covered by the data, no post).
    """
    _check_tz(tz)
    _require(plans, ["id", "planned_at", "platform", "account", "status", "published_post_id"], "plans")
    if window < pd.Timedelta(0) or window > pd.Timedelta(hours=24):
        raise UsageError(f"window must be between 0 and 24 hours, got {window}")
    now_ts = pd.Timestamp.now(tz="UTC") if now is None else pd.Timestamp(now)
    if now_ts.tzinfo is None:
        raise UsageError("now must be a time-zone-aware timestamp")

    out = plans.reset_index(drop=True).copy()
    local_at = out["planned_at"].dt.tz_convert(tz)
    out["local_at"] = local_at
    out["local_date"] = local_at.dt.tz_localize(None).dt.normalize().astype("datetime64[ns]")
    n = len(out)
    matched_post = np.full(n, None, dtype=object)
    match_kind = np.full(n, None, dtype=object)
    matched_row = np.full(n, -1, dtype=np.int64)

    if not posts.empty and n:
        _require(posts, ["platform", "account", "post_id", "published_at"], "posts")
        # Only posts a plan could match: named by a plan's id, or published within two days of a
        # planned time (a million posts shrink to the few around the plan before the tz work).
        margin = pd.Timedelta(days=2)
        near = posts["published_at"].between(out["planned_at"].min() - margin, out["planned_at"].max() + margin)
        named = posts["post_id"].isin(out["published_post_id"].dropna().unique())
        sub = posts.loc[(near.fillna(False) | named.fillna(False)).to_numpy(dtype=bool)].reset_index(drop=True)
        p = sub[["platform", "account", "post_id", "published_at"]].copy()
        p["known"] = (
            hour_known(sub).to_numpy(dtype=bool) if "time_known" in sub.columns else np.ones(len(sub), dtype=bool)
        )
        p["local_date"] = post_local_dates(sub, tz).to_numpy()
        p["row"] = np.arange(len(p))
        taken = np.zeros(len(p), dtype=bool)
        active = (out["status"] != "cancelled").fillna(True).to_numpy(dtype=bool)

        # 1. by id
        by_id = out.loc[active & out["published_post_id"].notna().to_numpy(dtype=bool)]
        if not by_id.empty:
            pairs = by_id[["platform", "account", "published_post_id", "planned_at"]].reset_index(names="plan")
            pairs = pairs.merge(
                p[["platform", "account", "post_id", "row"]].rename(columns={"account": "post_account"}),
                left_on=["platform", "published_post_id"],
                right_on=["platform", "post_id"],
            )
            pairs = pairs.loc[_same_account(pairs)]
            for plan, row in _greedy(pairs.assign(dist=0.0), ["dist", "planned_at", "plan", "row"]):
                if matched_row[plan] < 0 and not taken[row]:
                    matched_row[plan], taken[row] = row, True
                    match_kind[plan] = "id"

        # 2. by time
        left = out.loc[active & (matched_row < 0)]
        if not left.empty:
            lo = left["local_date"].min() - pd.Timedelta(days=2)
            hi = left["local_date"].max() + pd.Timedelta(days=2)
            pool = p.loc[~taken & p["local_date"].between(lo, hi) & p["platform"].isin(left["platform"].unique())]
            plan_side = left[["platform", "account", "planned_at", "local_date"]].reset_index(names="plan")
            post_side = pool.rename(columns={"account": "post_account", "local_date": "post_date"})
            pairs = plan_side.merge(post_side, on="platform")
            pairs = pairs.loc[_same_account(pairs)]
            delta = (pairs["published_at"] - pairs["planned_at"]).abs()
            ok_time = pairs["known"].to_numpy(dtype=bool) & (delta <= window).to_numpy(dtype=bool)
            ok_day = ~pairs["known"].to_numpy(dtype=bool) & (pairs["post_date"] == pairs["local_date"]).to_numpy(
                dtype=bool
            )
            dist = np.where(ok_time, delta.dt.total_seconds().to_numpy(dtype=float, na_value=np.nan), 0.0)
            pairs = pairs.assign(dist=dist, pub=pairs["published_at"]).loc[ok_time | ok_day]
            for plan, row in _greedy(pairs, ["dist", "planned_at", "plan", "pub", "post_id"]):
                if matched_row[plan] < 0 and not taken[row]:
                    matched_row[plan], taken[row] = row, True
                    match_kind[plan] = "time"

        has = matched_row >= 0
        rows = matched_row[has]
        matched_post[has] = p["post_id"].to_numpy(dtype=object)[rows]
        published = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns, UTC]")
        published[has] = p["published_at"].to_numpy()[rows]
        pub_date = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
        pub_date[has] = p["local_date"].to_numpy()[rows]
        known = np.zeros(n, dtype=bool)
        known[has] = p["known"].to_numpy(dtype=bool)[rows]
    else:
        published = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns, UTC]")
        pub_date = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
        known = np.zeros(n, dtype=bool)

    out["matched_post_id"] = pd.array(matched_post, dtype="string")
    out["match"] = pd.array(match_kind, dtype="string")
    out["published_at"] = published.astype("datetime64[ns, UTC]")
    out["published_local_date"] = pub_date
    delay = (published - out["planned_at"]).dt.total_seconds() / 60.0
    out["delay_min"] = pd.array(np.where(known, delay, np.nan), dtype="Float64")

    last = dict(until) if until is not None else _last_post_days(posts, tz)
    end_of_data = out["platform"].map(lambda pf: last.get(str(pf))).astype("datetime64[ns]")
    due_at = out["local_at"].dt.tz_localize(None) + window
    state = np.select(
        [
            (out["status"] == "cancelled").fillna(False).to_numpy(dtype=bool),
            out["match"].notna().to_numpy(dtype=bool),
            (out["planned_at"] + window > now_ts).to_numpy(dtype=bool),
            (end_of_data.isna() | (due_at >= end_of_data + pd.Timedelta(days=1))).to_numpy(dtype=bool),
            (out["status"] == "published").fillna(False).to_numpy(dtype=bool),
        ],
        ["cancelled", "published", "upcoming", "no_data", "not_found"],
        "missed",
    )
    out["state"] = pd.array(state, dtype="string")
    return out


def _same_account(pairs: pd.DataFrame) -> pd.Series:
    a, b = pairs["account"], pairs["post_account"]
    return (a.isna() | b.isna() | (a == b)).fillna(True).astype(bool)


def _greedy(pairs: pd.DataFrame, order: list[str]) -> Iterable[tuple[int, int]]:
    ranked = pairs.sort_values(order, kind="stable")
    return zip(ranked["plan"].to_numpy(dtype=np.int64), ranked["row"].to_numpy(dtype=np.int64), strict=True)


def _last_post_days(posts: pd.DataFrame, tz: str) -> dict[str, pd.Timestamp]:
    if posts.empty:
        return {}
    days = post_local_dates(posts, tz)
    last = days.groupby(posts["platform"].astype("string")).max()
    return {str(k): v for k, v in last.items() if pd.notna(v)}


# --------------------------------------------------------------------------------------------
# calendar layout


ITEM_COLUMNS: Final = (
    "date",
    "time",
    "hour",
    "platform",
    "account",
    "post_type",
    "caption",
    "hashtags",
    "state",
    "source",
    "as_planned",
    "plan_id",
    "post_id",
    "campaign",
    "notes",
    "planned_time",
)


def calendar_items(matched: pd.DataFrame, posts: pd.DataFrame, tz: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """What the calendar shows from ``start`` to ``end`` (local days, inclusive), one row per item.

    Parameters
    ----------
    matched
        :func:`match_plans` output.
    posts
        Canonical ``posts`` (the same table the plans were matched against).
    tz, start, end
        Workspace zone and the days shown.

    Returns
    -------
    pandas.DataFrame
        :data:`ITEM_COLUMNS`, sorted by date, hour (posts without an hour first), platform:
        every post published in the range (``source`` ``post``, ``state`` ``published``,
        ``as_planned`` True when a plan matched it, with that plan's id, campaign and planned
        time), and every plan in the range that no post matched (``source`` ``plan``, its state).
        ``time`` is ``HH:MM`` (missing for a post without an hour); ``hour`` the time as a
        fraction of the day (9.5 for 09:30).
    """
    _check_tz(tz)
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    frames = []
    if not posts.empty:
        days = post_local_dates(posts, tz)
        inside = days.between(first, last).to_numpy(dtype=bool)
        p = posts.loc[inside]
        days = days[inside]
        known = hour_known(p) if "time_known" in p.columns else pd.Series(True, index=p.index)
        local = p["published_at"].dt.tz_convert(tz)
        hour = (local.dt.hour + local.dt.minute / 60.0).where(known)
        link = matched.loc[matched["matched_post_id"].notna(), ["platform", "matched_post_id", "id", "campaign"]]
        link = link.assign(planned_time=matched.loc[link.index, "local_at"].dt.strftime("%H:%M"))
        link = link.drop_duplicates(["platform", "matched_post_id"])
        items = pd.DataFrame(
            {
                "date": days.to_numpy(),
                "time": local.dt.strftime("%H:%M").where(known).astype("string").to_numpy(),
                "hour": pd.array(hour.to_numpy(dtype=float, na_value=np.nan), dtype="Float64"),
                "platform": p["platform"].astype("string").to_numpy(),
                "account": p["account"].astype("string").to_numpy(),
                "post_type": _col(p, "post_type"),
                "caption": _col(p, "caption"),
                "hashtags": pd.array([pd.NA] * len(p), dtype="string"),
                "state": "published",
                "source": "post",
                "post_id": p["post_id"].astype("string").to_numpy(),
                "notes": pd.array([pd.NA] * len(p), dtype="string"),
            }
        )
        items = items.merge(
            link.rename(columns={"matched_post_id": "post_id", "id": "plan_id"}),
            on=["platform", "post_id"],
            how="left",
        )
        items["as_planned"] = items["plan_id"].notna()
        frames.append(items)
    if not matched.empty:
        m = matched.loc[matched["match"].isna() & matched["local_date"].between(first, last)]
        local = m["local_at"]
        frames.append(
            pd.DataFrame(
                {
                    "date": m["local_date"].to_numpy(),
                    "time": local.dt.strftime("%H:%M").astype("string").to_numpy(),
                    "hour": pd.array((local.dt.hour + local.dt.minute / 60.0).to_numpy(dtype=float), dtype="Float64"),
                    "platform": m["platform"].astype("string").to_numpy(),
                    "account": m["account"].astype("string").to_numpy(),
                    "post_type": m["post_type"].astype("string").to_numpy(),
                    "caption": m["caption"].astype("string").to_numpy(),
                    "hashtags": m["hashtags"].astype("string").to_numpy(),
                    "state": m["state"].astype("string").to_numpy(),
                    "source": "plan",
                    "as_planned": False,
                    "plan_id": m["id"].to_numpy(),
                    "post_id": pd.array([pd.NA] * len(m), dtype="string"),
                    "campaign": m["campaign"].astype("string").to_numpy(),
                    "notes": m["notes"].astype("string").to_numpy(),
                    "planned_time": local.dt.strftime("%H:%M").astype("string").to_numpy(),
                }
            )
        )
    frames = [f for f in frames if not f.empty]
    if not frames:
        return _empty_items()
    items = pd.concat(frames, ignore_index=True)
    items = items.assign(_h=items["hour"].fillna(-1.0)).sort_values(["date", "_h", "platform"], kind="stable")
    return _typed_items(items.drop(columns="_h").reset_index(drop=True))


def _col(frame: pd.DataFrame, name: str) -> Any:
    if name in frame.columns:
        return frame[name].astype("string").to_numpy()
    return pd.array([pd.NA] * len(frame), dtype="string")


def _typed_items(items: pd.DataFrame) -> pd.DataFrame:
    text = ("time", "platform", "account", "post_type", "caption", "hashtags", "state", "source", "post_id")
    types: dict[str, Any] = {c: "string" for c in (*text, "campaign", "notes", "planned_time")}
    types.update(date="datetime64[ns]", hour="Float64", as_planned="boolean", plan_id="Int64")
    return pd.DataFrame({c: items[c].astype(types[c]) for c in ITEM_COLUMNS})


def _empty_items() -> pd.DataFrame:
    return _typed_items(pd.DataFrame({c: pd.Series([], dtype=object) for c in ITEM_COLUMNS}))


DAY_COLUMNS: Final = (
    "date",
    "published",
    "as_planned",
    "upcoming",
    "missed",
    "not_found",
    "no_data",
    "cancelled",
    "holiday",
    "shopping",
    "season",
    "events",
)


def day_summary(items: pd.DataFrame, events: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """One row per day from ``start`` to ``end``: how many items of each state, and the day's events.

    Parameters
    ----------
    items
        :func:`calendar_items`.
    events
        :func:`smo_metrics.calendar.calendar_events` for the same days.

    Returns
    -------
    pandas.DataFrame
        :data:`DAY_COLUMNS`: counts per state (``published`` counts posts, ``as_planned`` those of
        them a plan matched), ``holiday`` (names of public holidays and cuti bersama, ``; ``-joined,
        missing when none), ``shopping`` (shopping days), ``season`` (Ramadan, Lebaran, year-end
        season) and ``events`` (all names).
    """
    days = pd.DataFrame({"date": pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D")})
    counts = pd.DataFrame(index=days["date"])
    for state in ("published", "upcoming", "missed", "not_found", "no_data", "cancelled"):
        per = items.loc[items["state"] == state].groupby("date").size()
        counts[state] = per.reindex(days["date"], fill_value=0).to_numpy()
    planned = items.loc[items["as_planned"].fillna(False).astype(bool)].groupby("date").size()
    counts["as_planned"] = planned.reindex(days["date"], fill_value=0).to_numpy()
    out = days.merge(counts.reset_index(), on="date", how="left")
    for col, kinds in (
        ("holiday", ("public_holiday", "joint_holiday", "observance")),
        ("shopping", ("shopping_day",)),
        ("season", ("season",)),
        ("events", ()),
    ):
        part = events if not kinds else events.loc[events["kind"].isin(list(kinds))]
        joined = part.groupby("date")["name"].agg(lambda s: "; ".join(dict.fromkeys(s.astype(str))))
        out[col] = pd.array(out["date"].map(joined).to_numpy(dtype=object), dtype="string")
    for col in ("published", "as_planned", "upcoming", "missed", "not_found", "no_data", "cancelled"):
        out[col] = out[col].astype("int64")
    return out[list(DAY_COLUMNS)]


@dataclass(frozen=True)
class PlanSummary:
    """Counts for a range of days (plans by their planned day, posts by their publication day)."""

    posts: int
    plans: int
    published: int
    missed: int
    not_found: int
    no_data: int
    upcoming: int
    cancelled: int

    @property
    def due(self) -> int:
        """Plans whose time has passed and which the data can confirm or deny."""
        return self.published + self.missed + self.not_found

    @property
    def hit_rate(self) -> float | None:
        """published ÷ due; None when no plan was due."""
        return self.published / self.due if self.due else None


def plan_summary(matched: pd.DataFrame, posts: pd.DataFrame, tz: str, start: dt.date, end: dt.date) -> PlanSummary:
    """How the plan went from ``start`` to ``end`` (local days, inclusive).

    Notes
    -----
    ``posts``: posts published on those days (all, planned or not). Plan counts are over plans
    whose planned day falls in the range, by state (:func:`match_plans`). Hit rate (shown as
    "published as planned") = published ÷ (published + missed + not_found): plans that had their
    chance and that the data can confirm; upcoming, not-yet-imported and cancelled plans are
    left out. Missing (None) when no plan was due.
    """
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    n_posts = int(post_local_dates(posts, tz).between(first, last).sum()) if not posts.empty else 0
    if matched.empty:
        return PlanSummary(n_posts, 0, 0, 0, 0, 0, 0, 0)
    m = matched.loc[matched["local_date"].between(first, last)]
    c = m["state"].value_counts()
    return PlanSummary(
        n_posts,
        len(m),
        *(int(c.get(s, 0)) for s in ("published", "missed", "not_found", "no_data", "upcoming", "cancelled")),
    )


def month_weeks(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The Monday on or before the 1st and the Sunday on or after the last day of the month."""
    first = dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return first - dt.timedelta(days=first.weekday()), last + dt.timedelta(days=6 - last.weekday())


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week of ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


# --------------------------------------------------------------------------------------------
# cadence


CADENCE_COLUMNS: Final = ("platform", "week_start", "iso_year", "iso_week", "posts", "complete", "usual", "gap")


def weekly_cadence(
    posts: pd.DataFrame,
    tz: str,
    start: dt.date,
    end: dt.date,
    *,
    baseline_weeks: int = 12,
    min_baseline_weeks: int = 4,
    first_day: Mapping[str, Any] | None = None,
    last_day: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Posts per platform per ISO week, with the weeks a platform that usually posts went quiet.

    Parameters
    ----------
    posts
        Canonical ``posts`` (all dates: the baseline looks back before ``start``).
    tz
        Workspace zone (a post's local day: :func:`post_local_dates`).
    start, end
        The weeks returned are the ISO weeks (Monday–Sunday) that overlap [start, end].
    baseline_weeks, min_baseline_weeks
        The "usual" of a week is the median weekly count over the ``baseline_weeks`` complete
        weeks before it; with fewer than ``min_baseline_weeks`` of them it is missing.
    first_day, last_day
        The days each platform's data covers (:func:`data_from`, :func:`data_until`); default:
        its first and last post.

    Returns
    -------
    pandas.DataFrame
        :data:`CADENCE_COLUMNS`, one row per platform (any platform with a post) and week:
        ``week_start`` (Monday, naive), ``iso_year``, ``iso_week``, ``posts`` (0 when none),
        ``complete`` (the whole week lies inside the platform's data), ``usual`` (Float64),
        ``gap``.

    Notes
    -----
    usual(w) = median of posts over the complete weeks among w − baseline_weeks … w − 1.
    gap(w) = complete(w) and posts(w) = 0 and usual(w) ≥ 1: a week without a post on a platform
    that posted in at least half of its recent weeks. A week the data only partly covers is
    never a gap (the posts may be in an export not imported yet).
    """
    _check_tz(tz)
    if baseline_weeks < 1 or min_baseline_weeks < 1:
        raise UsageError("baseline_weeks and min_baseline_weeks must be at least 1")
    first_week = pd.Timestamp(week_of(start)[0])
    last_week = pd.Timestamp(week_of(end)[0])
    if posts.empty or last_week < first_week:
        return _empty_cadence()
    days = post_local_dates(posts, tz)
    ok = days.notna().to_numpy(dtype=bool)
    platform = posts["platform"].astype("string")[ok]
    days = days[ok]
    week = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    keyed = pd.DataFrame({"platform": platform.to_numpy(), "week_start": week.to_numpy()})
    counts = keyed.groupby(["platform", "week_start"]).size().rename("posts")
    lo = first_week - pd.Timedelta(weeks=baseline_weeks)
    weeks = pd.date_range(lo, last_week, freq="7D")
    first = dict(first_day) if first_day is not None else days.groupby(platform).min().to_dict()
    last = dict(last_day) if last_day is not None else days.groupby(platform).max().to_dict()
    frames = []
    for pf in sorted(platform.dropna().unique()):
        series = counts.xs(pf, level="platform").reindex(weeks, fill_value=0) if pf in counts.index else None
        posts_w = series if series is not None else pd.Series(0, index=weeks)
        f, lday = first.get(pf), last.get(pf)
        if f is None or lday is None or pd.isna(f) or pd.isna(lday):
            complete = np.zeros(len(weeks), dtype=bool)
        else:
            complete = (weeks >= pd.Timestamp(f)) & (weeks + pd.Timedelta(days=6) <= pd.Timestamp(lday))
        masked = posts_w.astype(float).where(complete)
        usual = masked.shift(1).rolling(baseline_weeks, min_periods=min_baseline_weeks).median()
        frame = pd.DataFrame(
            {
                "platform": pf,
                "week_start": weeks,
                "posts": posts_w.to_numpy(dtype=np.int64),
                "complete": np.asarray(complete, dtype=bool),
                "usual": pd.array(usual.to_numpy(), dtype="Float64"),
            }
        )
        frames.append(frame.loc[frame["week_start"] >= first_week])
    if not frames:
        return _empty_cadence()
    out = pd.concat(frames, ignore_index=True)
    iso = out["week_start"].dt.isocalendar()
    out["iso_year"] = iso["year"].astype("int64")
    out["iso_week"] = iso["week"].astype("int64")
    out["gap"] = out["complete"] & (out["posts"] == 0) & (out["usual"] >= 1).fillna(False).astype(bool)
    out["platform"] = out["platform"].astype("string")
    return out[list(CADENCE_COLUMNS)].reset_index(drop=True)


def _empty_cadence() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "platform": pd.Series([], dtype="string"),
            "week_start": pd.Series([], dtype="datetime64[ns]"),
            "iso_year": pd.Series([], dtype="int64"),
            "iso_week": pd.Series([], dtype="int64"),
            "posts": pd.Series([], dtype="int64"),
            "complete": pd.Series([], dtype=bool),
            "usual": pd.Series([], dtype="Float64"),
            "gap": pd.Series([], dtype=bool),
        }
    )


def cadence_by_platform(cadence: pd.DataFrame) -> pd.DataFrame:
    """Per platform over the weeks of :func:`weekly_cadence`: ``weeks`` (complete), ``posts``,
    ``per_week`` (posts ÷ weeks over complete weeks; missing without one) and ``gaps``."""
    if cadence.empty:
        return pd.DataFrame(
            {
                "platform": pd.Series([], dtype="string"),
                "weeks": pd.Series([], dtype="int64"),
                "posts": pd.Series([], dtype="int64"),
                "per_week": pd.Series([], dtype="Float64"),
                "gaps": pd.Series([], dtype="int64"),
            }
        )
    c = cadence.loc[cadence["complete"]]
    g = c.groupby("platform")
    out = pd.DataFrame({"platform": sorted(cadence["platform"].unique())})
    out["weeks"] = out["platform"].map(g.size()).fillna(0).astype("int64")
    out["posts"] = out["platform"].map(g["posts"].sum()).fillna(0).astype("int64")
    out["per_week"] = pd.array((out["posts"] / out["weeks"].where(out["weeks"] > 0)).to_numpy(), dtype="Float64")
    out["gaps"] = out["platform"].map(cadence.groupby("platform")["gap"].sum()).fillna(0).astype("int64")
    out["platform"] = out["platform"].astype("string")
    return out


# --------------------------------------------------------------------------------------------
# prime time for a planned slot


PRIME_TIME_WEEKS: Final = 26  # "recent data": the half year before the data ends
FAR_HOURS: Final = 3
BEST_MIN_POSTS: Final = 3  # a slot is recommended only with at least this many posts in the window


def recent_prime_time(
    posts: pd.DataFrame,
    tz: str,
    until: Any = None,
    weeks: int = PRIME_TIME_WEEKS,
    metric: str = "engagement_rate_by_reach",
) -> pd.DataFrame:
    """:func:`smo_metrics.timing.prime_time_by` platform over the ``weeks`` weeks up to ``until``
    (default: the last post day), the grid the slot check compares plans with."""
    if posts.empty:
        return prime_time_by(posts, ["platform"], tz=tz, metric=metric)
    days = post_local_dates(posts, tz)
    last = pd.Timestamp(until) if until is not None else days.max()
    recent = posts.loc[(days > last - pd.Timedelta(weeks=weeks)) & (days <= last)]
    return prime_time_by(recent, ["platform"], tz=tz, metric=metric)


@dataclass(frozen=True)
class SlotCheck:
    """A planned slot against the platform's best slots.

    ``verdict``: ``no_hours`` (the platform's exports give no posting hours: cannot tell),
    ``no_best`` (no slot has enough posts to recommend), ``best`` (it is one of the best slots),
    ``close`` (within ``far_hours`` of one), ``far`` (further, and the slot has posts: how it did
    is in ``posts``/``mean``), ``far_untested`` (further, but no post ever went out in this slot:
    unknown, not bad).
    """

    platform: str
    weekday: int
    hour: int
    verdict: str
    hours_from_best: int | None
    nearest: tuple[int, int] | None
    best: tuple[tuple[int, int, int, float], ...]  # (weekday, hour, posts, mean)
    posts: int
    mean: float | None
    metric: str


def _week_hours(weekday: int, hour: int) -> int:
    return int(weekday) * 24 + int(hour)


def week_distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Hours between two weekly slots (weekday, hour) on the circle of the week (at most 84)."""
    d = abs(_week_hours(*a) - _week_hours(*b)) % 168
    return min(d, 168 - d)


def slot_check(
    when: Any,
    platform: str,
    grid: pd.DataFrame,
    *,
    n_best: int = 3,
    min_posts: int = BEST_MIN_POSTS,
    far_hours: int = FAR_HOURS,
) -> SlotCheck:
    """How a planned time compares with the platform's best posting slots.

    Parameters
    ----------
    when
        The planned local time (naive wall-clock time in the workspace zone, or aware).
    platform
        The plan's platform.
    grid
        :func:`recent_prime_time` (a ``prime_time_by`` platform grid).
    n_best, min_posts
        The best slots are :func:`smo_metrics.timing.best_slots` (ranked by the shrunk
        estimate) with at least ``min_posts`` posts each.
    far_hours
        A slot more than this many hours from every best slot is "far".

    Notes
    -----
    Distance = hours between the slots on the circle of the week:
    min(|a − b|, 168 − |a − b|), a and b = weekday · 24 + hour. A slot without posts is never
    called bad: its verdict is ``far_untested``.
    """
    stamp = pd.Timestamp(when)
    weekday, hour = int(stamp.weekday()), int(stamp.hour)
    metric = str(grid.attrs.get("metric", "engagement_rate_by_reach"))
    part = grid.loc[grid["platform"] == platform] if "platform" in grid.columns else grid.iloc[0:0]
    part = part.drop(columns=[c for c in part.columns if c == "platform"])
    part.attrs = dict(grid.attrs)
    if part.empty or int(part["posts"].sum()) == 0:
        return SlotCheck(platform, weekday, hour, "no_hours", None, None, (), 0, None, metric)
    cell = part.loc[(part["weekday"] == weekday) & (part["hour"] == hour)]
    posts = int(cell["posts"].iloc[0]) if len(cell) else 0
    mean = cell["mean"].iloc[0] if len(cell) else None
    mean_f = None if mean is None or pd.isna(mean) else float(mean)
    top = best_slots(part, n=n_best, min_posts=min_posts)
    if top.empty:
        return SlotCheck(platform, weekday, hour, "no_best", None, None, (), posts, mean_f, metric)
    best = tuple(
        (int(w), int(h), int(n), float(m))
        for w, h, n, m in zip(top["weekday"], top["hour"], top["posts"], top["mean"], strict=True)
    )
    dists = [week_distance((weekday, hour), (w, h)) for w, h, _, _ in best]
    i = int(np.argmin(dists))
    d = dists[i]
    if d == 0:
        verdict = "best"
    elif d <= far_hours:
        verdict = "close"
    else:
        verdict = "far" if posts > 0 else "far_untested"
    return SlotCheck(platform, weekday, hour, verdict, d, (best[i][0], best[i][1]), best, posts, mean_f, metric)


# --------------------------------------------------------------------------------------------
# export


EXPORT_COLUMNS: Final = (
    "date",
    "time",
    "platform",
    "account",
    "post_type",
    "caption",
    "hashtags",
    "status",
    "state",
    "campaign",
    "notes",
    "published_post_id",
    "matched_post_id",
    "plan_id",
)

# Text a spreadsheet would run as a formula or command (OWASP "CSV injection"); the full-width
# forms too, which some spreadsheet versions in Asian locales treat as their ASCII forms.
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_XLSX_ILLEGAL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def plan_export_frame(matched: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The plans planned from ``start`` to ``end`` (local days, inclusive) as rows to export.

    Returns
    -------
    pandas.DataFrame
        :data:`EXPORT_COLUMNS`: ``date`` (datetime.date, local), ``time`` (``HH:MM`` local),
        the plan's fields as text, ``state`` (:func:`match_plans`) and ``plan_id``; sorted by
        planned time.
    """
    m = matched.loc[matched["local_date"].between(pd.Timestamp(start), pd.Timestamp(end))]
    m = m.sort_values(["planned_at", "id"], kind="stable")
    out = pd.DataFrame(
        {
            "date": [d.date() for d in m["local_at"]],
            "time": m["local_at"].dt.strftime("%H:%M").astype("string").to_numpy(),
        }
    )
    for col in (
        "platform",
        "account",
        "post_type",
        "caption",
        "hashtags",
        "status",
        "state",
        "campaign",
        "notes",
        "published_post_id",
        "matched_post_id",
    ):
        out[col] = m[col].astype("string").to_numpy()
    out["plan_id"] = pd.array(m["id"].to_numpy(), dtype="Int64")
    return out[list(EXPORT_COLUMNS)]


def inert_text(value: str) -> str:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula.

    Notes
    -----
    Text starting with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed (or
    their full-width forms) gets one leading apostrophe (OWASP's advice against CSV injection).
    Excel and LibreOffice show the rest as text; the apostrophe is visible in a text editor.
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_csv(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV bytes that are safe to open in a spreadsheet.

    UTF-8 with a byte-order mark (so Excel reads Indonesian text and emoji correctly), comma
    separated, every text value and header through :func:`inert_text`, missing values empty.
    """
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(lambda v: v if _missing(v) else inert_text(str(v))).astype(object)
    out.columns = [inert_text(str(c)) for c in out.columns]
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\r\n")
    return buf.getvalue().encode("utf-8-sig")


def export_xlsx(frame: pd.DataFrame, sheet: str = "Plan") -> bytes:
    """``frame`` as an Excel workbook in which no cell is a formula.

    Notes
    -----
    Text cells are written with openpyxl's data type ``s`` (a string, whatever it starts
    with) and the ``quotePrefix`` style, so Excel keeps them as text even when a user edits the
    cell; control characters that XML cannot hold are removed, and carriage returns become line
    feeds (as XML would make them on reading). Dates are real dates
    (``yyyy-mm-dd``), whole numbers numbers. The header row is bold and frozen.
    """
    # openpyxl ships no type information (no stubs installed in this project)
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _XLSX_ILLEGAL.sub("", re.sub(r"[\[\]:*?/\\]", " ", sheet))[:31] or "Plan"
    columns = [str(c) for c in frame.columns]
    for j, name in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j)
        _text_cell(cell, name)
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        for j, value in enumerate(row, start=1):
            cell = ws.cell(row=i, column=j)
            if _missing(value):
                continue
            if isinstance(value, dt.datetime | pd.Timestamp):
                cell.value = pd.Timestamp(value).to_pydatetime().replace(tzinfo=None)
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, bool | np.bool_):
                _text_cell(cell, str(bool(value)))
            elif isinstance(value, int | np.integer) or (isinstance(value, float) and math.isfinite(value)):
                cell.value = value.item() if isinstance(value, np.generic) else value
            else:
                _text_cell(cell, str(value))
                if "\n" in str(value):
                    cell.alignment = wrap
    for j, name in enumerate(columns, start=1):
        values = [len(name)] + [len(str(v)) for v in frame.iloc[:200, j - 1] if not _missing(v)]
        ws.column_dimensions[get_column_letter(j)].width = min(60, max(8, max(values) + 2))
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _text_cell(cell: Any, text: str) -> None:
    # XML turns a carriage return into a line feed on reading: write line feeds to begin with
    cell.value = _XLSX_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    cell.data_type = "s"
    cell.quotePrefix = True


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float | np.floating) and math.isnan(value))
    except TypeError:
        return False
