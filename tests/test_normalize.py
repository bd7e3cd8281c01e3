"""lcnews.extract.normalize: same-length script-insensitive normalisation and fingerprints."""

from __future__ import annotations

import re
import zlib
from itertools import islice

import pytest

from lcnews.extract.normalize import (
    NORMALIZER_VERSION,
    content_hash,
    hamming,
    normalize,
    script_of,
    simhash,
    translation_table,
)

SAMPLES = ["新質生產力：2025年", "聊城 ＡＢＣ", "İstanbul ﬁ ㈱", "鋼鐵\u3000產業", "", "🙂𠀀鋼", "\x00\n\t"]


@pytest.mark.parametrize("text", SAMPLES)
def test_normalize_keeps_length(text: str) -> None:
    assert len(normalize(text)) == len(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("鋼", "钢"),
        ("新質生產力", "新质生产力"),
        ("ＡＢＣ１２３", "abc123"),
        ("Hello", "hello"),
        ("：", ":"),
        ("聊城", "聊城"),
    ],
)
def test_normalize_maps_script_width_and_case(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_is_idempotent_over_the_bmp() -> None:
    table = translation_table()
    assert all(ord(v) not in table or table[ord(v)] == v for v in table.values())


def test_normalize_applies_the_table_to_every_code_point() -> None:
    """The fast lookup list translates exactly as the table (BMP, surrogates, beyond the BMP)."""
    text = "".join(map(chr, range(0x10000))) + "🙂𠀀\U0010ffff"
    assert normalize(text) == text.translate(translation_table())


def test_multi_char_nfkc_results_are_left_alone() -> None:
    assert normalize("ﬁ㈱") == "ﬁ㈱"


def test_normalizer_version_is_a_string() -> None:
    assert isinstance(NORMALIZER_VERSION, str) and NORMALIZER_VERSION


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("聊城市委书记主持会议", "simplified"),
        ("聊城市委書記主持會議", "traditional"),
        ("我们的國家和人民都很好，发展经济", "mixed"),
        ("中文", "simplified"),
        ("abc 123", ""),
        ("", ""),
    ],
)
def test_script_of(text: str, script: str) -> None:
    assert script_of(text) == script


def test_content_hash_ignores_script_and_whitespace() -> None:
    assert content_hash("鋼鐵", "產業 發展\n好") == content_hash("钢铁", "产业发展好")


def test_content_hash_sees_text_changes() -> None:
    assert content_hash("钢铁", "产业") != content_hash("钢铁", "产业发展")


def test_simhash_is_16_hex_digits() -> None:
    h = simhash("聊城市召开全市经济工作会议")
    assert len(h) == 16 and int(h, 16) >= 0


def test_simhash_of_empty_text() -> None:
    assert simhash("") == "0" * 16


def test_simhash_is_script_insensitive() -> None:
    assert simhash("今天聊城市召开了全市经济工作会议") == simhash("今天聊城市召開了全市經濟工作會議")


def test_simhash_near_duplicates_are_close_and_others_far() -> None:
    base = "今天上午，聊城市召开全市经济工作会议，总结去年工作，部署今年任务。" * 3
    near = base + "会议强调。"
    other = "东昌府区举办春季招聘会，提供就业岗位三千余个，吸引求职者参加。" * 3
    assert hamming(simhash(base), simhash(near)) <= 6
    assert hamming(simhash(base), simhash(other)) > 10


@pytest.mark.parametrize(("a", "b", "d"), [("0" * 16, "f" * 16, 64), (5, 6, 2), ("ff", "fe", 1)])
def test_hamming(a: str | int, b: str | int, d: int) -> None:
    assert hamming(a, b) == d


def _simhash_by_definition(text: str) -> str:
    """simhash as its docstring defines it, one shingle at a time (the reference for the fast one)."""
    chars = re.sub(r"\s+", "", normalize(text))
    if not chars:
        return "0" * 16
    shingles = [chars[i : i + 4] for i in range(max(1, len(chars) - 3))]
    hashes = [(zlib.crc32(s.encode("utf-32-be")) << 32) | zlib.crc32(s.encode("utf-32-le")) for s in shingles]
    bits = sum(1 << b for b in range(64) if sum((h >> b) & 1 for h in hashes) > len(hashes) / 2)
    return format(bits, "016x")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a",
        "聊城",
        "聊城市",
        "聊城市委",
        "聊 城\n市委书记",
        "ＡＢＣ abc 123",
        "今天聊城市召開了全市經濟工作會議。" * 40,
        "🙂𠀀鋼x",
    ],
)
def test_simhash_is_its_definition(text: str) -> None:
    assert simhash(text) == _simhash_by_definition(text)


def _script_by_definition(text: str) -> str:
    """script_of as its docstring defines it: both OpenCC conversions compared, always."""
    import opencc

    from lcnews.extract.normalize import SCRIPT_SAMPLE

    han = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
    last = next(islice(han.finditer(text), SCRIPT_SAMPLE - 1, None), None)
    if last is not None:
        text = text[: last.end()]
    elif han.search(text) is None:
        return ""

    def changed(converted: str) -> int:
        if len(converted) != len(text):
            return -1
        return sum(1 for a, b in zip(text, converted, strict=True) if a != b and han.fullmatch(a))

    trad, simp = changed(opencc.OpenCC("t2s").convert(text)), changed(opencc.OpenCC("s2t").convert(text))
    if trad < 0 or simp < 0:
        chars = [c for c in text if han.fullmatch(c)]
        trad = sum(1 for c in chars if ord(c) in translation_table())
        simp = sum(1 for c in chars if opencc.OpenCC("s2t").convert(c) != c)
    if trad == 0:
        return "simplified"
    if simp <= trad * 0.05:
        return "traditional"
    return "simplified" if trad <= simp * 0.05 else "mixed"


@pytest.mark.parametrize(
    "text",
    [
        "聊城市委书记主持会议，研究部署经济工作。",
        "聊城市委書記主持會議，研究部署經濟工作。",
        "我们的國家和人民都很好，发展经济",
        "中文 abc",
        "干部",
        "乾隆皇帝",
        "后来的皇后" * 200,  # longer than the sample
        "新闻" * 400 + "國家" * 400,  # the cut at the sample decides
    ],
)
def test_script_of_is_its_definition(text: str) -> None:
    assert script_of(text) == _script_by_definition(text)
