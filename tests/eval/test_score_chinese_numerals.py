"""A cited quote that writes a figure in Chinese numerals supports the same figure in digits."""

from assistant.eval.score import _supported


def test_digits_are_supported_by_a_chinese_numeral_quote() -> None:
    cites = [{"quote": "本所年末在职职工五人，综合得分八十六点五分。"}]
    assert _supported("在职职工5人，得分86.5分。", cites, [])
    assert not _supported("在职职工6人。", cites, [])
