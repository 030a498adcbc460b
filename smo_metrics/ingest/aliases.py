"""The one table of header names: which export header means which canonical column.

Grouped by *family* (one export layout); within a family, canonical column → the header
spellings seen, in any UI language. Matching ignores case, padding, repeated spaces and a
trailing backslash (see :func:`smo_metrics.ingest.text.normalize_header`). To support a new
spelling, add it here; no reader needs to change.

Languages present: English (en), Indonesian (id), Japanese (ja), Swedish (sv), Spanish (es),
Portuguese (pt), French (fr), Arabic (ar) where exports were seen with them.
"""

from __future__ import annotations

from collections.abc import Sequence

from smo_metrics.ingest.text import normalize_header

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    # Meta Business Suite content export: Instagram and Facebook posts.
    "meta_posts": {
        "post_id": (
            "Post ID",
            "ID Postingan",
            "ID postingan",
            "Inläggs-ID",
            "ID de la publicación",
            "ID da publicação",
        ),
        "account_id": ("Account ID", "Page ID", "ID Akun", "ID Halaman", "Konto-ID", "Sid-ID"),
        "account": ("Account username", "Nama pengguna akun", "Kontots användarnamn"),
        "account_name": ("Account name", "Page name", "Nama akun", "Nama Halaman", "Kontonamn", "Sidnamn"),
        "title": ("Title", "Judul", "Titel"),
        "caption": ("Description", "Deskripsi", "Beskrivning", "Descripción", "Descrição"),
        "duration_s": ("Duration (sec)", "Duration (secs)", "Durasi (detik)", "Längd (sek)"),
        "published_at": (
            "Publish time",
            "Waktu publikasi",
            "Publiceringstid",
            "Hora de publicación",
            "Horário de publicação",
        ),
        "permalink": ("Permalink", "Tautan permanen", "Permanent länk"),
        "post_type": ("Post type", "Jenis postingan", "Typ av inlägg", "Inläggstyp", "Tipo de publicación"),
        "period": ("Date", "Tanggal", "Datum", "Fecha", "Data"),
        "views": ("Views", "Tayangan", "Visningar", "Impressions (views)"),
        "impressions": ("Impressions", "Impresi", "Exponeringar"),
        "reach": ("Reach", "Jangkauan", "Räckvidd", "Alcance"),
        "likes": ("Likes", "Reactions", "Suka", "Reaksi", "Gilla-markeringar", "Reaktioner", "Me gusta", "Curtidas"),
        "comments": ("Comments", "Komentar", "Kommentarer", "Comentarios", "Comentários"),
        "shares": ("Shares", "Dibagikan", "Bagikan", "Delningar", "Compartidos", "Compartilhamentos"),
        "saves": ("Saves", "Disimpan", "Sparade objekt", "Sparningar", "Guardados"),
        "follows": ("Follows", "Mengikuti", "Pengikut baru", "Följer", "Nya följare"),
        "clicks": ("Total clicks", "Total klik", "Totalt antal klick"),
        "link_clicks": ("Link Clicks", "Link clicks", "Klik tautan", "Länkklick"),
        "profile_visits": ("Profile visits", "Kunjungan profil", "Profilbesök"),
        "platform_engagements": (
            "Reactions, Comments and Shares",
            "Reactions, comments and shares",
            "Reaksi, komentar, dan bagikan",
            "Interactions",
        ),
    },
    # Legacy Facebook Insights (2014-2018).
    "fb_legacy_page": {
        "date": ("Date",),
        "followers": ("Lifetime Total Likes",),
        "followers_gained": ("Daily New Likes",),
        "followers_lost": ("Daily Unlikes",),
        "reach": ("Daily Total Reach",),
        "impressions": ("Daily Total Impressions",),
        "engagements": ("Daily Page Engaged Users",),
        "views": ("Daily Total Page Views", "Daily Page Views (Total Count)"),
    },
    "fb_legacy_post": {
        "post_id": ("Post ID",),
        "permalink": ("Permalink",),
        "caption": ("Post Message",),
        "post_type": ("Type",),
        "published_at": ("Posted",),
        "reach": ("Lifetime Post Total Reach",),
        "impressions": ("Lifetime Post Total Impressions",),
        "clicks": ("Lifetime Post Consumers",),
        "likes": ("Lifetime Talking About This (Post) by action type - like",),
        "comments": ("Lifetime Talking About This (Post) by action type - comment",),
        "shares": ("Lifetime Talking About This (Post) by action type - share",),
        "link_clicks": ("Lifetime Post Consumptions by type - link clicks",),
        "views": ("Lifetime Post Total Views", "Lifetime Total Video Views"),
    },
    # X / Twitter legacy tweet activity (per tweet) and the 2024+ content export (per post).
    "x_posts": {
        "post_id": ("Tweet id", "Post id", "ポストID", "ID de la publicación", "ID do post"),
        "permalink": ("Tweet permalink", "Post Link", "ポストのリンク", "Enlace de la publicación"),
        "caption": ("Tweet text", "Post text", "ポスト本文", "Texto de la publicación"),
        "published_at": ("time", "Date", "日付", "Fecha", "Data"),
        "impressions": ("impressions", "Impressions", "インプレッション数", "Impresiones"),
        "platform_engagements": ("engagements", "Engagements", "エンゲージメント", "Interacciones"),
        "likes": ("likes", "Likes", "いいね", "Me gusta"),
        "saves": ("Bookmarks", "ブックマーク", "Elementos guardados"),
        "shares": ("retweets", "Reposts", "リポスト", "Reposts"),
        "comments": ("replies", "Replies", "返信", "Respuestas"),
        "follows": ("follows", "New follows", "新しいフォロー", "Nuevos seguidores"),
        "profile_visits": ("user profile clicks", "Profile visits", "プロフィールへのアクセス数", "Visitas al perfil"),
        "link_clicks": ("url clicks", "URL Clicks", "URLのクリック数", "Clics en la URL"),
        "views": ("media views", "Media views", "メディアの再生数"),
    },
    "x_daily": {
        "date": ("Date", "日付", "Fecha"),
        "posts_published": ("Tweets published", "Create Post", "ポストを作成"),
        "impressions": ("impressions", "Impressions", "インプレッション数"),
        "engagements": ("engagements", "Engagements", "エンゲージメント"),
        "likes": ("likes", "Likes", "いいね"),
        "saves": ("Bookmarks", "ブックマーク"),
        "shares": ("retweets", "Reposts", "リポスト"),
        "comments": ("replies", "Replies", "返信"),
        "followers_gained": ("follows", "New follows", "新しいフォロー"),
        "followers_lost": ("Unfollows", "フォロー解除"),
        "profile_visits": ("user profile clicks", "Profile visits", "プロフィールへのアクセス数"),
        "link_clicks": ("url clicks", "URL Clicks", "URLのクリック数"),
        "views": ("Video views", "動画再生数"),
    },
    # TikTok Studio (creator) and the business-account variant.
    "tiktok_overview": {
        "date": ("Date", "Fecha", "Data", "Tanggal", "Date (UTC)"),
        "views": (
            "Video Views",
            "Video views",
            "Visualizaciones de videos",
            "Visualizações de vídeo",
            "Penayangan video",
        ),
        "profile_visits": (
            "Profile Views",
            "Profile views",
            "Visualizaciones del perfil",
            "Visualizações do perfil",
            "Penayangan profil",
        ),
        "likes": ("Likes", "Me gusta", "Curtidas", "Suka"),
        "comments": ("Comments", "Comentarios", "Comentários", "Komentar"),
        "shares": ("Shares", "Veces compartido", "Compartilhamentos", "Dibagikan"),
        "reach": ("Reached audience", "Audiens yang dijangkau"),
        "followers_net": ("Net growth", "Pertumbuhan bersih"),
        "followers_gained": ("New followers", "Pengikut baru"),
        "followers_lost": ("Lost followers", "Pengikut hilang"),
    },
    "tiktok_content": {
        "exported": ("Time", "Hora", "Horário", "Waktu"),
        "caption": ("Video title", "Título del video", "Título do vídeo", "Judul video"),
        "permalink": ("Video link", "Enlace del video", "Link do vídeo", "Tautan video"),
        "published_at": ("Post time", "Hora de publicación", "Horário da publicação", "Waktu posting"),
        "likes": ("Total likes", "Total de me gusta", "Total de curtidas", "Total suka"),
        "comments": ("Total comments", "Total de comentarios", "Total de comentários", "Total komentar"),
        "shares": ("Total shares", "Total de veces compartido", "Total de compartilhamentos", "Total dibagikan"),
        "views": ("Total views", "Total de visualizaciones", "Total de visualizações", "Total penayangan"),
    },
    "tiktok_viewers": {
        "date": ("Date", "Fecha", "Data", "Tanggal", "Date (UTC)"),
        "viewers": ("Total Viewers", "Total viewers", "Total de espectadores", "Total penonton"),
        "new_viewers": ("New Viewers", "New viewers", "Nuevos espectadores", "Penonton baru"),
        "returning_viewers": ("Returning Viewers", "Returning viewers", "Espectadores recurrentes", "Penonton kembali"),
    },
    # FollowerHistory.csv, and the follower breakdowns FollowerGender.csv / FollowerTopTerritories.csv
    # ("gender" and "territory" name the segment column, "distribution" its share).
    "tiktok_followers": {
        "date": ("Date", "Fecha", "Data", "Tanggal", "Date (UTC)"),
        "followers": ("Followers", "Seguidores", "Pengikut"),
        "followers_net": (
            "Difference in followers from previous day",
            "Diferencia de seguidores con respecto al día anterior",
            "Diferença de seguidores em relação ao dia anterior",
            "Selisih pengikut dari hari sebelumnya",
        ),
        "gender": ("Gender", "Género", "Gênero", "Jenis kelamin"),
        "territory": ("Top territories", "Principales territorios", "Principais territórios", "Wilayah teratas"),
        "distribution": ("Distribution", "Distribución", "Distribuição", "Distribusi"),
    },
    "tiktok_activity": {
        "date": ("Date", "Fecha", "Data", "Tanggal", "Date (UTC)"),
        "hour": ("Hour", "Hora", "Jam"),
        "active_followers": ("Active followers", "Seguidores activos", "Seguidores ativos", "Pengikut aktif"),
    },
    # TikTok Ads Manager. The spend column may carry the currency: "Cost (IDR)" (read by the reader).
    "tiktok_ads": {
        "campaign": ("Campaign name", "Campaign Name", "Nama kampanye"),
        "ad_set": ("Ad Group Name", "Ad group name", "Nama grup iklan"),
        "ad": ("Ad Name", "Ad name", "Nama iklan"),
        "date": ("Date", "By Day", "Tanggal", "Stat time day"),
        "currency": ("Currency", "Mata uang"),
        "spend": ("Cost", "Total cost", "Biaya", "Spend"),
        "impressions": ("Impression", "Impressions", "Impresi"),
        "reach": ("Reach", "Jangkauan"),
        "clicks": ("Clicks (all)", "Clicks (All)", "Clicks", "Klik (semua)"),
        "link_clicks": ("Clicks (Destination)", "Clicks (destination)", "Klik (tujuan)"),
        "conversions": ("Conversions", "Konversi"),
        "conversion_value": ("Total complete payment value", "Total purchase value", "Nilai pembayaran lengkap total"),
        "results": ("Results", "Hasil"),
        "video_views": ("Video views", "Video Views", "Penayangan video"),
        "engagements": ("Engagements", "Interaksi"),
        "age": ("Age", "Usia"),
        "gender": ("Gender", "Jenis kelamin"),
    },
    # LinkedIn Page workbooks.
    "linkedin_metrics": {
        "date": ("Date",),
        "impressions": ("Impressions (total)",),
        "clicks": ("Clicks (total)",),
        "likes": ("Reactions (total)",),
        "comments": ("Comments (total)",),
        "shares": ("Reposts (total)", "Shares (total)"),  # "Shares" before LinkedIn's 2023 rename
    },
    "linkedin_posts": {
        "caption": ("Post title",),
        "permalink": ("Post link",),
        "paid": ("Post type",),
        "published_at": ("Created date",),
        "impressions": ("Impressions",),
        "views": ("Views",),
        "clicks": ("Clicks",),
        "likes": ("Likes", "Reactions"),
        "comments": ("Comments",),
        "shares": ("Reposts", "Shares"),
        "follows": ("Follows",),
        "post_type": ("Content Type", "Content type"),
    },
    "linkedin_new_followers": {
        "date": ("Date",),
        "followers_gained": ("Total followers",),
    },
    "linkedin_visitors": {
        "date": ("Date",),
        "views": ("Total page views (total)",),
        "viewers": ("Total unique visitors (total)",),
    },
    # YouTube Studio.
    "youtube_table": {
        "post_id": ("Content", "Konten", "Contenido", "Conteúdo"),
        "caption": ("Video title", "Judul video", "Título del video", "Título do vídeo"),
        "published_at": (
            "Video publish time",
            "Waktu publikasi video",
            "Hora de publicación del video",
            "Horário de publicação do vídeo",
        ),
        "duration_s": ("Duration", "Durasi", "Duración", "Duração"),
        "views": ("Views", "Penayangan", "Visualizaciones", "Visualizações"),
        "watch_time_hours": (
            "Watch time (hours)",
            "Waktu tonton (jam)",
            "Tiempo de visualización (horas)",
            "Tempo de exibição (horas)",
        ),
        "follows": ("Subscribers", "Subscriber", "Suscriptores", "Inscritos"),
        "impressions": ("Impressions", "Tayangan", "Impresiones", "Impressões"),
        "likes": ("Likes", "Suka", "Me gusta", 'Marcações "Gostei"'),
        "comments": ("Comments added", "Komentar yang ditambahkan", "Comentarios añadidos", "Comentários adicionados"),
        "shares": ("Shares", "Dibagikan", "Veces compartido", "Compartilhamentos"),
        "date": ("Date", "Tanggal", "Fecha", "Data"),
    },
    "youtube_totals": {
        "date": ("Date", "Tanggal", "Fecha", "Data"),
        "views": ("Views", "Penayangan", "Visualizaciones", "Visualizações"),
        "watch_time_hours": ("Watch time (hours)", "Waktu tonton (jam)"),
        "followers_net": ("Subscribers", "Subscriber", "Suscriptores", "Inscritos"),
        "impressions": ("Impressions", "Impresiones", "Impressões"),
        "likes": ("Likes", "Suka"),
        "comments": ("Comments added", "Komentar yang ditambahkan"),
        "shares": ("Shares", "Dibagikan"),
        "followers_gained": ("Subscribers gained", "Subscriber yang diperoleh"),
        "followers_lost": ("Subscribers lost", "Subscriber yang hilang"),
    },
    # Meta Ads Manager.
    "meta_ads": {
        "date_start": (
            "Reporting starts",
            "Awal pelaporan",
            "Inicio del informe",
            "Início dos relatórios",
            "Début des rapports",
            "بدء إعداد التقارير",
        ),
        "date_end": (
            "Reporting ends",
            "Akhir pelaporan",
            "Fin del informe",
            "Término dos relatórios",
            "Fin des rapports",
            "انتهاء إعداد التقارير",
        ),
        "day": ("Day", "Hari", "Día", "Dia", "Jour"),
        "campaign": (
            "Campaign name",
            "Nama kampanye",
            "Nombre de la campaña",
            "Nome da campanha",
            "Nom de la campagne",
            "اسم الحملة",
        ),
        "ad_set": (
            "Ad set name",
            "Nama set iklan",
            "Nombre del conjunto de anuncios",
            "Nome do conjunto de anúncios",
            "Nom de l’ensemble de publicités",
            "Nom de l'ensemble de publicités",
        ),
        "ad": ("Ad name", "Nama iklan", "Nombre del anuncio", "Nome do anúncio", "Nom de la publicité", "اسم الإعلان"),
        "impressions": ("Impressions", "Impresi", "Impresiones", "Impressões"),
        "reach": ("Reach", "Jangkauan", "Alcance", "Couverture"),
        "clicks": ("Clicks (all)", "Klik (semua)", "Clics (todos)", "Cliques (todos)", "Clics (tous)"),
        "link_clicks": ("Link clicks", "Klik tautan", "Clics en el enlace", "Cliques no link", "Clics sur un lien"),
        "results": ("Results", "Hasil", "Resultados", "Résultats"),
        "result_type": (
            "Result indicator",
            "Indikator hasil",
            "Indicador de resultado",
            "Indicador de resultados",
            "Indicateur de résultats",
        ),
        "conversions": ("Purchases", "Pembelian", "Compras", "Achats", "Website purchases", "Conversions"),
        "conversion_value": (
            "Purchases conversion value",
            "Nilai konversi pembelian",
            "Valor de conversión de compras",
            "Valor de conversão da compra",
            "Valeur de conversion des achats",
            "Website purchases conversion value",
        ),
        "video_views": ("3-second video plays", "Pemutaran video 3 detik", "ThruPlays"),
        "engagements": (
            "Post engagements",
            "Post engagement",
            "Interaksi dengan postingan",
            "Interacción con la publicación",
        ),
        "age": ("Age", "Usia", "Edad", "Idade", "Âge"),
        "gender": ("Gender", "Jenis kelamin", "Sexo", "Género", "Gênero", "Sexe"),
        "currency": ("Currency", "Mata uang", "Moneda", "Moeda", "Devise"),
    },
    # Google Analytics 4.
    "ga4": {
        "views": ("Views", "Tampilan", "Vistas", "Visualizações"),
        "active_users": ("Active users", "Pengguna aktif", "Usuarios activos", "Usuários ativos"),
        "avg_engagement_time": (
            "Average engagement time per active user",
            "Average engagement time",
            "Rata-rata waktu engagement per pengguna aktif",
        ),
        "event_count": ("Event count", "Jumlah peristiwa", "Número de eventos", "Contagem de eventos"),
        "key_events": ("Key events", "Peristiwa utama", "Eventos clave", "Eventos-chave", "Conversions"),
        "revenue": ("Total revenue", "Total pendapatan", "Ingresos totales", "Receita total"),
    },
}

# Ads breakdown columns other than age and gender (Meta and TikTok, several UI languages).
# Their values are kept as columns and also joined into the canonical `breakdown` key, so rows
# that differ only by a breakdown stay distinct.
BREAKDOWNS: tuple[str, ...] = (
    "Audience segments",
    "Segmen pemirsa",
    "Country",
    "Negara",
    "Region",
    "Wilayah",
    "DMA region",
    "Placement",
    "Penempatan",
    "Platform",
    "Publisher platform",
    "Platform position",
    "Device platform",
    "Platform perangkat",
    "Impression device",
    "Perangkat tayangan",
    "Time of day (ad account time zone)",
    "Time of day (viewer's time zone)",
    "Placements",
    "OS",
    "Location",
)

# The spend column carries the currency in its name: "Amount spent (IDR)".
SPEND_PREFIXES: tuple[str, ...] = (
    "amount spent",
    "jumlah yang dibelanjakan",
    "importe gastado",
    "valor usado",
    "montant dépensé",
    "المبلغ الذي تم إنفاقه",
)


def aliases(family: str, canonical: str) -> tuple[str, ...]:
    """The header spellings of ``canonical`` in ``family`` (empty when none)."""
    return ALIASES.get(family, {}).get(canonical, ())


def match_columns(headers: Sequence[str], family: str) -> dict[str, str]:
    """Map canonical columns to headers present, using the first matching header.

    Headers are compared after :func:`normalize_header`; for duplicate headers (two ``Views``)
    the first one wins and the second stays unmapped under its suffixed name.
    """
    table = ALIASES[family]
    by_norm: dict[str, str] = {}
    for h in headers:
        by_norm.setdefault(normalize_header(h), h)
    out: dict[str, str] = {}
    for canonical, names in table.items():
        for name in names:
            found = by_norm.get(normalize_header(name))
            if found is not None and found not in out.values():
                out[canonical] = found
                break
    return out


def breakdown_headers(headers: Sequence[str]) -> list[str]:
    """The headers of ``headers`` that are ads breakdowns (see :data:`BREAKDOWNS`)."""
    known = {normalize_header(b) for b in BREAKDOWNS}
    return [h for h in headers if normalize_header(h) in known]


def normalized_set(family: str, canonical: str) -> set[str]:
    return {normalize_header(a) for a in aliases(family, canonical)}


# Words that mark an Indonesian-UI export. Such exports write numbers id-ID (1.234,5), so a
# lone "18.415" in them is eighteen thousand, not eighteen.
_INDONESIAN_WORDS = frozenset(
    "jangkauan tayangan suka komentar dibagikan bagikan disimpan tanggal impresi hasil jumlah "
    "dibelanjakan biaya pengikut waktu publikasi postingan nama kampanye iklan pelaporan akhir awal "
    "penayangan kunjungan tautan klik konversi pembelian nilai usia jenis kelamin".split()
)


def prefers_comma_decimal(headers: Sequence[str]) -> bool:
    """True when the header row is in Indonesian (at least two Indonesian words)."""
    words = {w for h in headers for w in normalize_header(h).replace("(", " ").replace(")", " ").split()}
    return len(words & _INDONESIAN_WORDS) >= 2
