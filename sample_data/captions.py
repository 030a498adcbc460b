"""Captions, titles and hashtags of the fictional brand, in Bahasa Indonesia with some English.

Kopi Senja Nusantara is a made-up chain of coffee-and-snacks outlets (Jakarta, Bandung,
Surabaya, Medan). Texts are built from templates with a seeded random generator, so they vary
like a real feed does while staying reproducible. Any likeness to a real brand is accidental.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DRINKS = (
    "Es Kopi Susu Senja",
    "Kopi Susu Gula Aren",
    "Kopi Susu Pandan",
    "Cold Brew Jeruk Nipis",
    "Americano Kintamani",
    "Kopi Tubruk Toraja",
    "Matcha Latte",
    "Es Cokelat Lava",
    "Teh Tarik Rempah",
    "Kopi Susu Klepon",
    "Latte Rempah Jahe",
    "Es Kopi Susu Durian",
)
SNACKS = (
    "Croissant Pandan",
    "Roti Bakar Srikaya",
    "Pisang Goreng Keju",
    "Donat Gula Aren",
    "Banana Bread Kopi",
    "Cromboloni Cokelat",
    "Risol Mayo",
    "Singkong Goreng Sambal Roa",
)
OUTLETS = (
    "Kemang",
    "Blok M",
    "Kelapa Gading",
    "Tebet",
    "Dago (Bandung)",
    "Tunjungan (Surabaya)",
    "Kesawan (Medan)",
    "BSD",
)
ORIGINS = ("Gayo", "Toraja", "Kintamani", "Flores Bajawa", "Java Preanger", "Mandailing")

BASE_TAGS = (
    "#kopisenja",
    "#ngopidulu",
    "#kopisusu",
    "#kopisusugularen",
    "#kopilokal",
    "#coffeeshopjakarta",
    "#ngopi",
    "#kopiindonesia",
    "#wfc",
    "#kulinerjakarta",
    "#coffeetime",
    "#menubaru",
    "#baristaindonesia",
)
CITY_TAGS = {
    "Dago (Bandung)": "#kulinerbandung",
    "Tunjungan (Surabaya)": "#kulinersurabaya",
    "Kesawan (Medan)": "#kulinermedan",
}
CAMPAIGN_TAGS = {
    "merdeka_2025": ("#hutri80", "#merdeka", "#17agustus", "#dirgahayuri"),
    "merdeka_2026": ("#hutri81", "#merdeka", "#17agustus", "#dirgahayuri"),
    "singles_2025": ("#promo1111", "#1111", "#promokopi"),
    "singles_2026": ("#promo1111", "#1111", "#promokopi"),
    "harbolnas_2025": ("#promo1212", "#harbolnas", "#harbolnas1212", "#1212"),
    "harbolnas_2026": ("#promo1212", "#harbolnas", "#harbolnas1212", "#1212"),
    "ramadan_2026": ("#ramadhan", "#bukapuasa", "#ngabuburit", "#sahur", "#ramadanberkah"),
    "lebaran_2026": ("#lebaran", "#idulfitri", "#hamperslebaran", "#mudik"),
}

HOOKS = (
    "Senin lagi, kopi dulu baru kerja ☕",
    "Hujan-hujan gini paling pas ditemenin {drink} 🌧️",
    "Lunch break? Mampir bentar ke outlet terdekat 🙌",
    "Weekend mood: slow morning + {drink} 🌤️",
    "POV: kamu nemu tempat ngopi yang enak buat WFC 💻",
    "Siapa di sini yang tim manis? 🙋",
    "New menu alert! 🚨 {drink} sudah bisa dipesan",
    "Tebak-tebakan: ini menu apa? Jawab di komentar 👇",
    "Behind the bar: barista kami lagi latihan latte art ☕✨",
    "Dari kebun {origin} sampai ke cangkirmu 🌱",
    "Pagi-pagi udah ngantuk? {drink} jawabannya",
    "Jumat berkah, jajan {snack} dulu 😋",
    "Me time sore ini: {drink} + {snack}",
    "Kamu lebih suka panas atau dingin? 🔥🧊",
    "Rekomendasi teman nongkrong akhir pekan: {snack}",
    "Gajian tiba! Saatnya traktir diri sendiri ✨",
    "Outlet {outlet} sudah buka jam 7 pagi, ya!",
    "Satu gelas {drink}, seribu cerita ☕",
    "Throwback ke awal kami buka di {outlet} 🥹",
    "Coffee break ala Kopi Senja: simple, hangat, enak",
)
BODIES = (
    "{drink} pakai espresso {origin} dan gula aren asli, manisnya pas.",
    "{snack} baru keluar dari oven, masih hangat!",
    "Perpaduan {drink} dan {snack} = kombinasi paling laris minggu ini.",
    "Biji kopi {origin} kami sangrai sendiri setiap minggu.",
    "Tersedia di semua outlet Jabodetabek, Bandung, Surabaya, dan Medan.",
    "Less sugar? Bisa request ke barista ya.",
    "Colokan banyak, Wi-Fi kencang, kopinya enak.",
    "Harga mulai Rp{price} aja.",
    "Ada 12 topping baru, mana favoritmu?",
    "",
)
CTAS = (
    "Tag teman ngopimu 👇",
    "Pesan lewat GoFood & GrabFood, atau pick-up di app Kopi Senja.",
    "Link di bio ya!",
    "Save dulu biar nggak lupa 📌",
    "Mampir ke outlet {outlet} ya!",
    "Share ke grup kantor, siapa tahu ada yang mau traktir 😆",
    "Comment menu favoritmu di bawah!",
    "",
)

CAMPAIGN_LINES = {
    "merdeka": (
        "Dirgahayu Republik Indonesia ke-{n}! 🇮🇩",
        "Pakai baju merah-putih ke outlet, dapat diskon 17% semua minuman.",
        "Promo Merdeka: {drink} cuma Rp17.845 sampai 18 Agustus 🇮🇩",
        "Lomba 17-an versi Kopi Senja: tebak rasa kopi, hadiahnya voucher 1 bulan!",
    ),
    "singles": (
        "Promo 11.11: semua kopi susu Rp11.111 😱 khusus di app Kopi Senja.",
        "Cuma sehari! 11.11 beli 1 gratis 1 {snack}.",
        "Siap-siap war voucher 11.11 jam 11.11 siang ⏰",
        "Single? Nggak masalah, {drink} selalu setia ☕💔",
    ),
    "harbolnas": (
        "Harbolnas 12.12! Buy 1 Get 1 semua minuman + gratis ongkir 🎉",
        "Countdown 12.12 ⏳ voucher Rp12.000 untuk 1.212 pembeli pertama.",
        "Hari Belanja Online Nasional: {drink} + {snack} cuma Rp35.000",
        "Check out keranjangmu sekarang, promo 12.12 berakhir tengah malam!",
    ),
    "ramadan": (
        "Menu buka puasa sudah siap! {drink} + {snack} cuma Rp{price} 🌙",
        "Ngabuburit di Kopi Senja? Bisa banget 🌅",
        "Paket sahur tersedia jam 02.00–04.00 di outlet {outlet} 🌙",
        "Bukber kantor? Reservasi area outlet {outlet} lewat DM ya 🤲",
        "Takjil gratis untuk 50 pembeli pertama setiap sore 🍡",
    ),
    "lebaran": (
        "Hampers Lebaran Kopi Senja sudah bisa dipesan 🎁 Isi: kopi bubuk {origin}, nastar, dan kue kering.",
        "Selamat Hari Raya Idul Fitri 1447 H. Mohon maaf lahir dan batin 🙏🤍",
        "Mudik aman, ngopi tenang: outlet rest area kami buka 24 jam selama arus mudik 🚗",
        "Kirim hampers ke keluarga di kampung, gratis ongkir se-Jawa 📦",
    ),
}

TIKTOK_LINES = (
    "POV: barista kita bikin 200 gelas pas jam makan siang 😵‍💫",
    "Tes rasa menu baru: {drink} 🌿",
    "Rating jajanan pinggir jalan vs {snack} kita 😂",
    "Cara bikin {drink} di rumah, cuma 3 bahan!",
    "Day in my life jadi barista Kopi Senja {outlet}",
    "Reaksi pelanggan pertama kali coba {drink} 🤯",
    "Ngopi sambil nunggu hujan reda di {outlet} 🌧️",
    "ASMR bikin {drink} ☕",
    "Tim panas atau tim dingin? Duet sama kami!",
    "Kopi {origin} vs kopi sachet: blind test 👀",
    "Yang kerja di kopi shop pasti relate 😭",
    "Latte art gagal compilation 🤣",
)
TIKTOK_TAGS = (
    "#fyp",
    "#fypシ",
    "#kopisenja",
    "#kopisusu",
    "#baristalife",
    "#kulinerjakarta",
    "#ngopidulu",
    "#coffeetok",
)

X_LINES = (
    "Pagi semua! Udah ngopi belum? ☕",
    "Menu favorit kalian di Kopi Senja apa? Reply dong 👇",
    "Update: outlet {outlet} hari ini buka sampai jam 23.00 ya.",
    "Hari ini {drink} lagi diskon 20% di app. Gas!",
    "Jam segini enaknya {drink} atau {snack}?",
    "Terima kasih sudah antre dengan sabar di {outlet} hari ini 🙏",
    "Poll: kopi susu paling enak itu pakai gula aren atau gula pasir?",
    "Senja hari ini cantik banget. Kamu ngopi di mana?",
    "Info: pembayaran QRIS sudah bisa di semua outlet.",
    "Thread: 5 fakta soal biji kopi {origin} yang jarang orang tahu 🧵",
    "Hujan deras di Jakarta, hati-hati di jalan ya. Kalau mau neduh, outlet {outlet} buka 🌧️",
    "Yang belum sarapan, {snack} masih ada nih di {outlet}",
    "Kopi pertama hari ini: {drink}. Kalian?",
    "Mohon maaf, app sempat error 15 menit tadi. Sudah normal lagi ya 🙏",
    "Stok {snack} hari ini habis lebih cepat dari biasanya. Besok kami siapkan lebih banyak!",
    "Playlist outlet minggu ini isinya lagu indie lokal semua 🎶",
    "Weekend ini ada cupping session gratis di {outlet}, kuota 20 orang. Daftar di bio!",
    "Lagi WFC di mana hari ini? Spill dong 👀",
)
X_REPLIES = (
    "@{user} Makasih banyak kak! Ditunggu lagi di {outlet} ya 🙏",
    "@{user} Halo kak, mohon maaf atas ketidaknyamanannya. Boleh DM nomor pesanannya?",
    "@{user} Siap kak, kami sampaikan ke tim outlet {outlet} 🙌",
    "@{user} Hehe iya kak, {drink} memang juara 😆",
)
X_USERS = ("rara_ngopi", "dimasprtm", "kopiholic_id", "anggitaa", "budi_s", "nadnad", "wfc_jkt", "sekar_ayu")

LINKEDIN_LINES = (
    "Kami membuka outlet baru di {outlet}! Terima kasih untuk tim operasional yang bekerja keras. #ekspansi #fnbindonesia",
    "Lowongan: Barista dan Store Supervisor untuk outlet {outlet}. Kirim CV melalui tautan di bawah. #lowongankerja #karir #barista",
    "Kolaborasi dengan petani kopi {origin}: tahun ini kami membeli 40 ton green bean langsung dari koperasi petani. #sustainability #kopiindonesia",
    "Behind the brand: bagaimana kami melatih 300+ barista lewat Akademi Kopi Senja. #learninganddevelopment #peopledevelopment",
    "Kopi Senja Nusantara terpilih sebagai salah satu Top Local Coffee Chain 2026. Terima kasih pelanggan dan mitra! #award",
    "Insight dari tim data kami: penjualan {drink} naik 32% saat jam makan siang hari kerja. #dataanalytics #retail",
    "We are hiring: Social Media Specialist (Jakarta). Join our marketing team! #hiring #digitalmarketing",
    "Program gelas guna ulang: 1,2 juta gelas plastik berhasil dikurangi sejak 2024. #sustainability #esg",
    "Sharing session bersama UMKM mitra pemasok {snack} di {outlet}. #umkm #kemitraan",
    "Refleksi 5 tahun perjalanan Kopi Senja Nusantara: dari satu gerobak di Blok M menjadi 28 outlet. #entrepreneurship",
)
LINKEDIN_AUTHORS = ("Rina Wulandari", "Rina Wulandari", "Rina Wulandari", "Andi Pratama")

YOUTUBE_SHORTS = (
    "Cara Bikin {drink} ala Kopi Senja #shorts",
    "Latte art challenge: barista vs manager 😂 #shorts",
    "{snack} paling laris minggu ini #shorts #kulinerjakarta",
    "Tebak harga {drink} di Kopi Senja! #shorts",
    "1 menit di balik bar outlet {outlet} #shorts",
    "Kopi {origin}: dari biji ke gelas #shorts",
)
YOUTUBE_LONG = (
    "Resep {drink} di Rumah | Kopi Senja Nusantara",
    "Behind the Scenes: Roasting Biji Kopi {origin}",
    "Vlog Buka Outlet Baru di {outlet}!",
    "Blind Test 5 Kopi Susu Gula Aren | Mana yang Paling Enak?",
    "Perjalanan ke Kebun Kopi {origin} bersama Petani Mitra",
    "Training Barista Baru: Hari Pertama di Akademi Kopi Senja",
)


@dataclass(frozen=True)
class Text:
    caption: str
    tags: tuple[str, ...]


def _fill(template: str, rng: np.random.Generator, **extra: str) -> str:
    values = {
        "drink": str(rng.choice(DRINKS)),
        "snack": str(rng.choice(SNACKS)),
        "outlet": str(rng.choice(OUTLETS)),
        "origin": str(rng.choice(ORIGINS)),
        "price": f"{int(rng.choice([18, 22, 25, 28, 29, 33])):d}.000",
        "user": str(rng.choice(X_USERS)),
        "n": "80",
    }
    values.update(extra)
    return template.format(**values)


def _pick_tags(rng: np.random.Generator, campaign: str | None, k: int) -> tuple[str, ...]:
    tags = ["#kopisenja"]
    if campaign:
        tags += list(CAMPAIGN_TAGS[campaign][: 2 + int(rng.integers(0, 2))])
    pool = [t for t in BASE_TAGS if t not in tags]
    extra = rng.choice(len(pool), size=max(0, k - len(tags)), replace=False)
    tags += [pool[i] for i in sorted(extra)]
    return tuple(tags)


def _campaign_family(campaign: str) -> str:
    return campaign.rsplit("_", 1)[0]


def _campaign_n(campaign: str) -> str:
    return "81" if campaign.endswith("2026") else "80"


def feed_caption(rng: np.random.Generator, campaign: str | None, long: bool = False) -> Text:
    """An Instagram or Facebook caption: hook, body, call to action, hashtags."""
    parts: list[str] = []
    if campaign:
        lines = CAMPAIGN_LINES[_campaign_family(campaign)]
        parts.append(_fill(str(rng.choice(lines)), rng, n=_campaign_n(campaign)))
        if rng.random() < 0.6:
            parts.append(_fill(str(rng.choice(BODIES)), rng))
    else:
        parts.append(_fill(str(rng.choice(HOOKS)), rng))
        body = _fill(str(rng.choice(BODIES)), rng)
        if body:
            parts.append(body)
        if long and rng.random() < 0.5:
            parts.append(_fill(str(rng.choice(BODIES)), rng))
    cta = _fill(str(rng.choice(CTAS)), rng)
    if cta:
        parts.append(cta)
    tags = _pick_tags(rng, campaign, int(rng.integers(3, 7)))
    sep = "\n\n" if rng.random() < 0.7 else "\n"
    caption = sep.join(p for p in parts if p)
    if rng.random() < 0.85:
        caption += "\n\n" + " ".join(tags)
    else:
        tags = ()
    return Text(caption, tags)


def tiktok_title(rng: np.random.Generator, campaign: str | None) -> Text:
    if campaign and rng.random() < 0.7:
        line = _fill(str(rng.choice(CAMPAIGN_LINES[_campaign_family(campaign)])), rng, n=_campaign_n(campaign))
        tags = ("#fyp", *CAMPAIGN_TAGS[campaign][:2], "#kopisenja")
    else:
        line = _fill(str(rng.choice(TIKTOK_LINES)), rng)
        idx = rng.choice(len(TIKTOK_TAGS), size=int(rng.integers(2, 5)), replace=False)
        tags = tuple(TIKTOK_TAGS[i] for i in sorted(idx))
    return Text(line + " " + " ".join(tags), tags)


def x_text(rng: np.random.Generator, campaign: str | None) -> tuple[str, bool]:
    """A post text, and whether it is a reply to a customer."""
    if rng.random() < 0.18:
        return _fill(str(rng.choice(X_REPLIES)), rng), True
    if campaign and rng.random() < 0.7:
        line = _fill(str(rng.choice(CAMPAIGN_LINES[_campaign_family(campaign)])), rng, n=_campaign_n(campaign))
        tag = CAMPAIGN_TAGS[campaign][0]
        return f"{line} {tag} https://kopisenja.id/promo", False
    line = _fill(str(rng.choice(X_LINES)), rng)
    if rng.random() < 0.4:
        line += " #ngopidulu"
    return line, False


def linkedin_text(rng: np.random.Generator) -> str:
    return _fill(str(rng.choice(LINKEDIN_LINES)), rng)


def youtube_title(rng: np.random.Generator, short: bool) -> str:
    return _fill(str(rng.choice(YOUTUBE_SHORTS if short else YOUTUBE_LONG)), rng)
