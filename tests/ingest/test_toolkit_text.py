"""The text toolkit (``smo_metrics.ingest.text``): one small test per quirk of real exports.

Every fixture is written out in the test; expected values are worked out by hand from the
bytes shown, and the comment next to each says how.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smo_metrics.errors import DataError
from smo_metrics.ingest.base import Builder
from smo_metrics.ingest.text import TextSheet, decode, dedupe_headers, normalize_header, sniff_delimiter


def cells(raw, header: str) -> list[str]:
    return raw.series(header).tolist()


# -- decode: bytes to text --------------------------------------------------------------------


def test_decode_utf8_bom_is_removed():
    d = decode(b"\xef\xbb\xbfPost ID,Views\n1,2\n")
    assert d.text == "Post ID,Views\n1,2\n"  # the three BOM bytes EF BB BF are not text
    assert d.encoding == "utf-8-sig"
    assert d.warnings == []


def test_decode_utf16le_with_bom():
    # FF FE then UTF-16LE: "é" is E9 00, "," is 2C 00 (Meta Business Suite Insights files).
    data = b"\xff\xfe" + 'sep=,\n"Date","Primary"\n"Café","1"\n'.encode("utf-16-le")
    d = decode(data)
    assert d.text == 'sep=,\n"Date","Primary"\n"Café","1"\n'
    assert d.encoding == "utf-16"


def test_decode_utf16be_with_bom():
    d = decode(b"\xfe\xff" + "Date,Primary\n".encode("utf-16-be"))
    assert d.text == "Date,Primary\n"


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_bom(enc):
    # ASCII text in UTF-16 is half NUL bytes: "D" is 44 00 (LE) or 00 44 (BE). The NULs sit in
    # the odd positions for LE and the even ones for BE, which is how the byte order is told.
    d = decode('"Date","Primary"\n"2026-05-25T00:00:00","14551"\n'.encode(enc))
    assert d.text == '"Date","Primary"\n"2026-05-25T00:00:00","14551"\n'
    assert d.encoding == enc


def test_decode_cp1252_with_a_warning():
    # E9 followed by "," is not UTF-8 (E9 opens a 3-byte sequence and needs 80-BF next);
    # in Windows-1252 E9 is "é" and 80 is "€".
    d = decode(b"Page,Caf\xe9\nPrice,\x80 5\n")
    assert d.text == "Page,Café\nPrice,€ 5\n"
    assert d.encoding == "cp1252"
    assert len(d.warnings) == 1 and "Windows-1252" in d.warnings[0]


def test_decode_undecodable_falls_back_to_latin1_with_a_warning():
    # 81 is one of the five bytes Windows-1252 leaves undefined; Latin-1 maps every byte to
    # U+0000-U+00FF, so 81 becomes U+0081 and no byte is dropped.
    d = decode(b"Name,Value\nA\x81B,\xe9\n")
    assert d.text == "Name,Value\nA\x81B,é\n"
    assert d.encoding == "latin-1"
    assert len(d.warnings) == 1 and "Latin-1" in d.warnings[0]


def test_decode_binary_with_nul_bytes_raises_data_error():
    # One NUL in 16 bytes: too few for UTF-16 (that needs more than a quarter), so binary.
    with pytest.raises(DataError, match="NUL"):
        decode(b"Post ID,Vie\x00ws\n", "x.csv")


def test_decode_damaged_utf16_raises_data_error():
    # A UTF-16LE BOM then a lone high surrogate (00 D8) that nothing pairs with.
    with pytest.raises(DataError, match="byte-order mark"):
        decode(b"\xff\xfeA\x00\x00\xd8B\x00", "Reach.csv")


@pytest.mark.parametrize(
    "data",
    [
        # The first 46 bytes of a 256x256 RGBA PNG: signature, IHDR chunk, start of the pHYs
        # chunk (2835 px/m = 00 00 0B 13). 18 NULs in 46 bytes (more than 46 // 4 = 11).
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8\x66"
        b"\x00\x00\x00\x09pHYs\x00\x00\x0b\x13\x00",
        b"\x00" * 100,
    ],
    ids=["png", "nul-bytes"],
)
def test_decode_binary_that_is_mostly_nul_raises_data_error(data):
    with pytest.raises(DataError):
        decode(data, "image.csv")


# -- the sep= hint, line ends, the last line -----------------------------------------------------


@pytest.mark.parametrize("hint", ["sep=,", '"sep=,"', "sep=,\r"])
def test_sep_comma_hint_line_is_skipped(hint):
    # Without the hint ';' would win: "x;y;z,w" splits into 3 fields by ';' and 2 by ','.
    sheet = TextSheet(f"{hint}\nx;y;z,w\n1;2;3,4\n", "Reach.csv")
    assert sheet.delimiter == ","
    head = sheet.head()
    assert [r.cells for r in head] == [["x;y;z", "w"], ["1;2;3", "4"]]
    assert [r.line for r in head] == [2, 3]  # the hint is physical line 1
    raw = sheet.table(0)
    assert raw.header == ["x;y;z", "w"]
    assert raw.lines().tolist() == [3]


def test_sep_semicolon_hint_line():
    sheet = TextSheet("sep=;\nName;Value\nA;1,5\n", "x.csv")
    assert sheet.delimiter == ";"
    raw = sheet.table(0)
    assert raw.header == ["Name", "Value"]
    assert cells(raw, "Value") == ["1,5"]  # the comma is a decimal mark here, not a delimiter
    assert raw.lines().tolist() == [3]


def test_sep_tab_hint_line():
    sheet = TextSheet("sep=\t\nName\tValue\nA\t1\n", "x.csv")
    assert sheet.delimiter == "\t"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_line_ends_lf_crlf_cr_give_the_same_records(newline):
    text = newline.join(["Date,Views", "2026-01-01,5", "", "2026-01-02,7"]) + newline
    for sheet in (TextSheet(text, "x.csv"), TextSheet(text + "2026-01-03" + newline, "x.csv")):
        # The second sheet ends with a short row, which sends it down the csv-module path.
        raw = sheet.table(0)
        assert cells(raw, "Date")[:2] == ["2026-01-01", "2026-01-02"]
        assert cells(raw, "Views")[:2] == ["5", "7"]
        # Line 1 header, 2 first row, 3 blank, 4 second row (5 the short row).
        assert raw.lines().tolist()[:2] == [2, 4]


def test_last_line_without_newline_is_read():
    for text in ("a,b\n1,2\n3,4", "a,b\r\n1,2\r\n3,4", "a,b\n1,2\n3"):
        raw = TextSheet(text, "x.csv").table(0)
        assert raw.n == 2
        assert cells(raw, "a") == ["1", "3"]
        assert raw.lines().tolist() == [2, 3]


def test_quoted_captions_with_newlines_commas_emoji_and_quotes():
    caption = 'They don’t tell you this, friends.\n\nAgree or "disagree"? 👇🏼'
    text = 'id,caption,likes\n1,"They don’t tell you this, friends.\n\nAgree or ""disagree""? 👇🏼",5\n2,plain,6\n'
    raw = TextSheet(text, "x.csv").table(0)
    assert cells(raw, "caption") == [caption, "plain"]
    assert cells(raw, "likes") == ["5", "6"]
    # Record 1 starts on line 2 and its caption spans lines 2-4; record 2 is on line 5.
    assert raw.lines().tolist() == [2, 5]


def test_a_long_first_record_is_read_whole_by_head():
    # head() parses a 64 KiB prefix first; a 70 000-character caption must make it read more.
    long = "x" * 70_000
    sheet = TextSheet(f'id,caption\n1,"{long}\nend"\n2,b\n', "x.csv")
    head = sheet.head(5)
    assert [r.line for r in head] == [1, 2, 4]
    assert head[1].cells == ["1", long + "\nend"]


# -- preambles, description rows, headers ---------------------------------------------------------


def test_hash_preamble_lines_are_not_used_to_sniff_and_stay_in_head():
    # The '#' lines split best by ';' (4 fields each) but are ignored by the sniffer: the two
    # body lines and the header split into 2 fields by ','.
    text = "# a;b;c;d\n# e;f;g;h\nPage,Views\n/,5\n/x,6\n"
    assert sniff_delimiter(text) == ","
    sheet = TextSheet(text, "ga4.csv")
    assert [r.cells[0] for r in sheet.head()[:3]] == ["# a;b;c;d", "# e;f;g;h", "Page"]
    raw = sheet.table(2)  # the header is head row 2 (0-based)
    assert raw.header == ["Page", "Views"]
    assert cells(raw, "Page") == ["/", "/x"]
    assert raw.lines().tolist() == [4, 5]


def test_description_row_under_the_header_is_skipped():
    # Legacy Facebook Insights: row 2 describes each column, first cell empty.
    text = "Date,Daily New Likes\n,Daily: The number of new people who have liked your Page\n8/24/2014,5\n8/25/2014,3\n"
    raw = TextSheet(text, "x.csv").table(0, skip_after_header=1)
    assert raw.n == 2
    assert cells(raw, "Date") == ["8/24/2014", "8/25/2014"]
    assert raw.lines().tolist() == [3, 4]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Views", "Views"], ["Views", "Views (2)"]),
        (["Phone number clicks ", "Likes"], ["Phone number clicks", "Likes"]),
        (["", "Likes", " "], ["column 1", "Likes", "column 3"]),
        # "Views (2)" is taken by a real header, so the second "Views" becomes "Views (3)".
        (["Views", "Views (2)", "Views"], ["Views", "Views (2)", "Views (3)"]),
        # Case-insensitive: "views" repeats "Views".
        (["Views", "views"], ["Views", "views (2)"]),
    ],
)
def test_dedupe_headers(names, expected):
    assert dedupe_headers(names) == expected


def test_duplicate_and_padded_headers_in_a_table():
    raw = TextSheet("Views,Reach,Views,Phone number clicks \n1,2,3,4\n", "x.csv").table(0)
    assert raw.header == ["Views", "Reach", "Views (2)", "Phone number clicks"]
    assert raw.raw_header == ["Views", "Reach", "Views", "Phone number clicks "]
    assert cells(raw, "Views") == ["1"] and cells(raw, "Views (2)") == ["3"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("共有された回数\\", "共有された回数"),  # Japanese X export: the literal backslash is dropped
        ("  Phone  number clicks ", "phone number clicks"),
        ("ＩＤ", "id"),  # full-width letters fold to ASCII under NFKC
        ("Reactions,\tComments", "reactions, comments"),
    ],
)
def test_normalize_header(name, expected):
    assert normalize_header(name) == expected


# -- short, over-long and blank rows -----------------------------------------------------------


def test_short_rows_are_kept_with_missing_cells():
    raw = TextSheet("a,b,c\n1,2,3\n4\n5,6\n", "x.csv").table(0)
    assert raw.n == 3
    assert cells(raw, "a") == ["1", "4", "5"]
    assert cells(raw, "b") == ["2", "", "6"]
    assert cells(raw, "c") == ["3", "", ""]
    assert raw.overlong == {}
    assert raw.lines().tolist() == [2, 3, 4]


def test_over_long_rows_are_flagged_with_their_index_and_rejected_with_their_line():
    # Record 1 (line 3) has 4 fields under a 3-field header. Record 2 (line 4) has 5 fields
    # but the extra two are empty (a trailing comma): not over-long.
    raw = TextSheet("a,b,c\n1,2,3\n4,5,6,7\n8,9,10,,\n", "x.csv").table(0)
    assert raw.n == 3
    assert raw.overlong == {1: "the row has 4 fields but the header has 3"}
    assert cells(raw, "c") == ["3", "6", "10"]
    b = Builder(raw)
    b.text("post_id", "a")
    table = b.finish("posts", "x", None, "x.csv", "test")
    assert table.rejected["line"].tolist() == [3]
    assert "4 fields" in table.rejected["reason"].iloc[0]
    assert table.data["post_id"].tolist() == ["1", "8"]


def test_blank_lines_are_skipped_and_line_numbers_count_them():
    text = "a,b\n\n1,2\n\n\n3,4\n,\n\n"
    fast = TextSheet(text, "x.csv").table(0)
    # Lines: 1 header, 2 blank, 3 "1,2", 4-5 blank, 6 "3,4", 7 "," (all cells empty), 8 blank.
    assert fast.n == 2
    assert fast.lines().tolist() == [3, 6]
    slow = TextSheet(text + "5\n", "x.csv").table(0)  # a short row on line 9: csv-module path
    assert slow.n == 3
    assert slow.lines().tolist() == [3, 6, 9]


def test_whitespace_only_record_is_blank_on_both_paths():
    fast = TextSheet("a,b\n1,2\n  ,  \n3,4\n", "x.csv").table(0)
    slow = TextSheet("a,b\n1,2\n  ,  \n3,4\n5\n", "x.csv").table(0)
    assert slow.lines().tolist() == [2, 4, 5]  # line 3 is blank to the csv-module path
    assert fast.n == 2
    assert fast.lines().tolist() == [2, 4]


# -- delimiter sniffing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("Nama kampanye;Impresi;CTR\nPromo;18.415;2,14\nBrand;1.000;0,5\n", ";"),
        ("a\tb\n1\t2\n", "\t"),
        ("a|b|c\n1|2|3\n", "|"),
        ("only one column\nvalue\n", ","),  # nothing splits: the default
    ],
    ids=["comma", "semicolon-id-ID", "tab", "pipe", "one-column"],
)
def test_sniff_delimiter(text, expected):
    assert sniff_delimiter(text) == expected


def test_sniff_delimiter_keeps_hashtag_lines_inside_quoted_captions():
    caption = '"Nice day, friends\n#travel #fun, yes"'
    text = "id;caption;likes\n" + "".join(f"{i};{caption};{i}\n" for i in range(4))
    assert sniff_delimiter(text) == ";"


# -- fast path (pyarrow) and slow path (csv module) agree ---------------------------------------

WELL_FORMED = (
    '"Post ID",Description,Likes,"Publish time"\r\n'
    '1,"Line one, with a comma\r\nline two ""quoted"" 😀",5,"05/26/2026 10:23"\r\n'
    "2,plain,,06/21/2026 09:49\r\n"
    "\r\n"
    '3,"ends with a quote """,-,"06/19/2026 12:33"\r\n'
    '4,ab"c,7,06/20/2026 08:00'
)


def test_fast_and_slow_paths_give_identical_records():
    fast = TextSheet(WELL_FORMED, "x.csv").table(0)
    slow = TextSheet(WELL_FORMED + "\r\n5,short\r\n", "x.csv").table(0)
    # White-box check that each sheet took the path the test is about: the fast path computes
    # line numbers lazily (None until asked), the csv-module path at once.
    assert fast._lines is None
    assert slow._lines is not None
    assert fast.header == slow.header == ["Post ID", "Description", "Likes", "Publish time"]
    assert (fast.n, slow.n) == (4, 5)
    for h in fast.header:
        assert fast.series(h).tolist() == slow.series(h).tolist()[:4], h
    assert fast.series("Description").tolist() == [
        'Line one, with a comma\r\nline two "quoted" 😀',
        "plain",
        'ends with a quote "',
        'ab"c',
    ]
    # Line 1 header; record 1 spans lines 2-3; record 2 line 4; line 5 blank; record 3 line 6;
    # record 4 line 7; the short record 5 on line 8.
    assert fast.lines().tolist() == [2, 4, 6, 7]
    assert slow.lines().tolist() == [2, 4, 6, 7, 8]


@pytest.mark.parametrize("force_slow", [False, True], ids=["fast", "slow"])
def test_rejected_line_numbers_count_newlines_inside_earlier_captions(force_slow):
    text = (
        "id,caption,likes\n"
        '1,"first\nsecond\nthird",5\n'  # lines 2-4
        '2,"one more\nline",abc\n'  # lines 5-6: 'abc' is not a number
        "3,ok,x\n"  # line 7: 'x' is not a number
    )
    if force_slow:
        text += "4\n"  # a short row on line 8, read as a row with missing cells
    raw = TextSheet(text, "x.csv").table(0)
    b = Builder(raw)
    b.text("post_id", "id")
    b.number("likes", "likes")
    table = b.finish("posts", "x", None, "x.csv", "test")
    assert table.rejected["line"].tolist() == [5, 7]
    assert table.rejected["reason"].tolist() == [
        "column 'likes': 'abc' is not a number",
        "column 'likes': 'x' is not a number",
    ]
    assert table.data["post_id"].tolist() == (["1", "4"] if force_slow else ["1"])


def test_rejected_line_numbers_on_both_paths_match_over_many_rows():
    rows = [f'{i},"caption {i}\nline",{"bad" if i % 7 == 0 else i}\n' for i in range(1, 50)]
    text = "id,caption,likes\n" + "".join(rows)
    # Record i starts on line 2 + 2 (i - 1) = 2i: every caption spans two lines.
    expected = [2 * i for i in range(1, 50) if i % 7 == 0]
    for body in (text, text + "99\n"):
        raw = TextSheet(body, "x.csv").table(0)
        b = Builder(raw)
        b.number("likes", "likes")
        table = b.finish("posts", "x", None, "x.csv", "test")
        assert table.rejected["line"].tolist() == expected
        assert np.array_equal(raw.lines()[:49], np.arange(2, 100, 2))


def test_cells_are_text_not_typed():
    raw = TextSheet("a,b\n007,1e3\n", "x.csv").table(0)
    # Leading zeros and exponents survive: typing is the parse module's job.
    assert cells(raw, "a") == ["007"] and cells(raw, "b") == ["1e3"]
    assert isinstance(raw.series("a").dtype, pd.StringDtype)
