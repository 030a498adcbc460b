"""Writers of the Meta files: Instagram and Facebook content exports, Business Suite Insights
(per-metric files and Audience, UTF-16LE), and the Ads Manager reports (English and Indonesian)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from sample_data.business import META_AGE_GENDER, META_CITIES, META_COUNTRIES, AdRow
from sample_data.common import noise, rnd
from sample_data.formats import Cell, delimited, id_dec, id_int, utf8, utf16le_bom
from sample_data.world import (
    BRAND,
    DAYS,
    FB_PAGE_ID,
    IG_ACCOUNT_ID,
    IG_HANDLE,
    PlatformData,
    Post,
    campaign_on,
    rng_for,
)

# ---------------------------------------------------------------------------------------------
# Meta Business Suite: content exports and Insights

IG_HEADER = (
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Permalink",
    "Post type",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Likes",
    "Shares",
    "Follows",
    "Comments",
    "Saves",
)


def _publish_time(p: Post) -> str:
    t = p.local_time
    return f"{t.month:02d}/{t.day:02d}/{t.year} {t.hour:02d}:{t.minute:02d}"


def instagram_export(posts: list[Post], first: dt.date, last: dt.date, exported: dt.date) -> bytes:
    chosen = sorted((p for p in posts if first <= p.day <= last), key=lambda p: p.local_time, reverse=True)
    rows: list[Sequence[Cell]] = [IG_HEADER]
    for p in chosen:
        m = p.at(exported)
        rows.append(
            [
                p.post_id,
                IG_ACCOUNT_ID,
                IG_HANDLE,
                BRAND,
                p.caption,
                p.duration,
                _publish_time(p),
                p.permalink,
                p.kind,
                None,
                "Lifetime",
                m["views"],
                m["reach"],
                m["likes"],
                m["shares"],
                m["follows"],
                m["comments"],
                m["saves"],
            ]
        )
    return utf8(delimited(rows, quoting="meta"), bom=True)


FB_HEADER = (
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Caption type",
    "Permalink",
    "Is crosspost",
    "Is share",
    "Post type",
    "Languages",
    "Custom labels",
    "Funded content status",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Reactions, Comments and Shares",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
    "Other Clicks",
    "Link Clicks",
)


def facebook_export(posts: list[Post], exported: dt.date) -> bytes:
    rows: list[Sequence[Cell]] = [FB_HEADER]
    for p in sorted(posts, key=lambda p: p.local_time, reverse=True):
        m = p.at(exported)
        video = p.kind in ("Reels", "Videos")
        title = "" if p.kind == "Text" else p.caption.replace("\n", " ")
        if p.kind == "Links":
            title = "Kopi Senja Nusantara | Pesan Online"
        link = m.get("link_clicks")
        rows.append(
            [
                p.post_id,
                FB_PAGE_ID,
                BRAND,
                title,
                p.caption,
                p.duration,
                _publish_time(p),
                "auto" if video else "N/A",
                p.permalink,
                1 if p.kind == "Reels" else 0,
                0,
                p.kind,
                None,
                None,
                None,
                None,
                "Lifetime",
                m["views"],
                m["reach"],
                m["likes"] + m["comments"] + m["shares"],
                m["likes"],
                m["comments"],
                m["shares"],
                m["other_clicks"] + (link or 0),
                m["other_clicks"],
                link,
            ]
        )
    return utf8(delimited(rows, quoting="meta"), bom=True)


def insights_metric(title: str, values: np.ndarray) -> bytes:
    """A Meta Business Suite per-metric file: UTF-16LE, ``sep=,``, the title, Date/Primary."""
    rows: list[Sequence[Cell]] = [[title], ["Date", "Primary"]]
    for day, v in zip(DAYS, values, strict=True):
        rows.append([f"{day.isoformat()}T00:00:00", int(v)])
    return utf16le_bom("sep=,\n" + delimited(rows, quoting="all") + "\n")


def insights_audience(platform: str) -> bytes:
    def pct(v: float) -> str:
        return f"{v:g}"

    cities = META_CITIES[platform]
    countries = META_COUNTRIES[platform]
    rows: list[Sequence[Cell]] = [["Top cities"], [c for c, _ in cities], [pct(v) for _, v in cities]]
    text = delimited(rows, quoting="all") + "\n"
    ages: list[Sequence[Cell]] = [["Age & gender"], ["", "Men", "Women"]]
    ages += [[band, pct(m), pct(w)] for band, m, w in META_AGE_GENDER[platform]]
    text += delimited(ages, quoting="all") + "\n"
    text += delimited([["Top countries"], [c for c, _ in countries], [pct(v) for _, v in countries]], quoting="all")
    return utf16le_bom("sep=,\n" + text + "\n")


def _campaign_days() -> np.ndarray:
    return np.array([campaign_on(d) is not None for d in DAYS])


def meta_insights(ig: PlatformData, fb: PlatformData) -> dict[str, bytes]:
    rng = rng_for("meta_insights")
    camp = _campaign_days()
    f = ig.followers
    reach = np.round(0.62 * ig.daily["reach"] + f * 0.045 * noise(rng, 0.1))
    views = np.round(ig.daily["views"] + f * 0.07 * noise(rng, 0.12))
    engaged = ig.daily["likes"] + ig.daily["comments"] + ig.daily["shares"] + ig.daily["saves"]
    interactions = np.round(engaged + f * 0.0015 * noise(rng, 0.2))
    visits = np.round(reach * 0.017 * noise(rng, 0.1) + ig.gained * 5)
    clicks = np.round(visits * 0.045 * np.where(camp, 1.8, 1.0) * noise(rng, 0.15))
    fbr = np.round(0.7 * fb.daily["reach"] + fb.followers * 0.02 * noise(rng, 0.1))
    fbv = np.round(fb.daily["views"] + fb.followers * 0.03 * noise(rng, 0.12))
    fbvisits = np.round(fbr * 0.012 * noise(rng, 0.15))
    d = "exports/meta_insights/"
    return {
        d + "Reach.csv": insights_metric("Instagram reach", reach),
        d + "Views.csv": insights_metric("Instagram views", views),
        d + "Follows.csv": insights_metric("Instagram follows", ig.gained),
        d + "Visits.csv": insights_metric("Instagram profile visits", visits),
        d + "Interactions.csv": insights_metric("Instagram content interactions", interactions),
        d + "Link clicks.csv": insights_metric("Instagram link clicks", clicks),
        d + "Audience.csv": insights_audience("instagram"),
        d + "Reach (1).csv": insights_metric("Facebook reach", fbr),
        d + "Views (1).csv": insights_metric("Facebook views", fbv),
        d + "Follows (1).csv": insights_metric("Facebook follows", fb.gained),
        d + "Visits (1).csv": insights_metric("Facebook visits", fbvisits),
        d + "Audience (1).csv": insights_audience("facebook"),
    }


# ---------------------------------------------------------------------------------------------
# Ads


_INDICATOR = {
    "awareness": "reach",
    "traffic": "actions:link_click",
    "conversions": "actions:offsite_conversion.fb_pixel_purchase",
}


def _results(r: AdRow) -> int:
    if r.objective == "awareness":
        return r.reach
    if r.objective == "traffic":
        return r.link_clicks
    return r.purchases or 0


def meta_ads_english(rows: list[AdRow], first: dt.date, last: dt.date) -> bytes:
    header = (
        "Reporting starts",
        "Reporting ends",
        "Day",
        "Campaign name",
        "Ad set name",
        "Ad set delivery",
        "Results",
        "Result indicator",
        "Cost per results",
        "Amount spent (IDR)",
        "Impressions",
        "Reach",
        "Frequency",
        "Link clicks",
        "CTR (link click-through rate)",
        "CPC (cost per link click) (IDR)",
        "CPM (cost per 1,000 impressions) (IDR)",
        "Clicks (all)",
        "Purchases",
        "Purchases conversion value",
        "Purchase ROAS (return on ad spend)",
        "Attribution setting",
    )
    out: list[Sequence[Cell]] = [header]
    chosen = [r for r in rows if r.platform == "meta" and first <= r.day <= last]
    chosen.sort(key=lambda r: (-r.day.toordinal(), r.campaign, r.ad_set))
    for r in chosen:
        res = _results(r)
        out.append(
            [
                first.isoformat(),
                last.isoformat(),
                r.day.isoformat(),
                r.campaign,
                r.ad_set,
                "active" if r.active_at_end else "inactive",
                res,
                _INDICATOR[r.objective],
                rnd(r.spend / res, 8) if res else None,
                int(r.spend),
                r.impressions,
                r.reach,
                rnd(r.impressions / r.reach),
                r.link_clicks,
                rnd(r.link_clicks / r.impressions * 100),
                rnd(r.spend / r.link_clicks) if r.link_clicks else None,
                rnd(r.spend / r.impressions * 1000),
                r.clicks_all,
                r.purchases,
                int(r.value) if r.value is not None else None,
                rnd(r.value / r.spend) if r.value is not None else None,
                "7-day click or 1-day view",
            ]
        )
    return utf8(delimited(out, quoting="meta"))


def meta_ads_indonesian(rows: list[AdRow], first: dt.date, last: dt.date) -> bytes:
    """The same report from an Indonesian Ads Manager, saved from Excel: ``;``, id-ID numbers, CRLF, BOM."""
    header = (
        "Awal pelaporan",
        "Akhir pelaporan",
        "Hari",
        "Nama kampanye",
        "Nama set iklan",
        "Penayangan set iklan",
        "Hasil",
        "Indikator hasil",
        "Biaya per hasil",
        "Jumlah yang dibelanjakan (IDR)",
        "Impresi",
        "Jangkauan",
        "Frekuensi",
        "Klik tautan",
        "CTR (Rasio Klik Tayang Tautan)",
        "CPC (Biaya per Klik Tautan) (IDR)",
        "CPM (Biaya Per 1.000 Tayangan) (IDR)",
        "Klik (semua)",
        "Pembelian",
        "Nilai konversi pembelian",
        "ROAS (imbal hasil belanja iklan) pembelian",
        "Pengaturan atribusi",
    )
    out: list[Sequence[Cell]] = [header]
    chosen = [r for r in rows if r.platform == "meta" and first <= r.day <= last]
    chosen.sort(key=lambda r: (-r.day.toordinal(), r.campaign, r.ad_set))
    for r in chosen:
        res = _results(r)
        out.append(
            [
                first.isoformat(),
                last.isoformat(),
                r.day.isoformat(),
                r.campaign,
                r.ad_set,
                "aktif" if r.active_at_end else "tidak aktif",
                id_int(res),
                _INDICATOR[r.objective],
                id_dec(r.spend / res) if res else None,
                id_int(r.spend),
                id_int(r.impressions),
                id_int(r.reach),
                id_dec(r.impressions / r.reach),
                id_int(r.link_clicks),
                id_dec(r.link_clicks / r.impressions * 100),
                id_dec(r.spend / r.link_clicks) if r.link_clicks else None,
                id_dec(r.spend / r.impressions * 1000),
                id_int(r.clicks_all),
                id_int(r.purchases) if r.purchases is not None else None,
                id_int(r.value) if r.value is not None else None,
                id_dec(r.value / r.spend) if r.value is not None else None,
                "Klik 7 hari atau tayang 1 hari",
            ]
        )
    return utf8(delimited(out, quoting="minimal", delimiter=";", newline="\r\n"), bom=True)
