"""textdiff.py: the diff always reads back as the old and the new text (hypothesis)."""

from hypothesis import given
from hypothesis import strategies as st

from kompas.proposals import textdiff

_lines = st.lists(st.text(alphabet="abc æø.", max_size=30), max_size=12)


def _side(lines: list[textdiff.Line], drop: str) -> list[str]:
    result = []
    for line in lines:
        if line.kind == drop:
            continue
        result.append("".join(piece.text for piece in line.pieces if piece.kind != drop))
    return result


@given(_lines, _lines)
def test_the_diff_reads_back_as_both_versions(old, new):
    lines = textdiff.diff_lines(old, new)
    assert _side(lines, drop="removed") == new
    assert _side(lines, drop="added") == old


def test_a_one_word_edit_is_shown_word_by_word():
    (line,) = textdiff.diff_lines(["Borgerne skal forstå det."], ["Børnene skal forstå det."])
    assert line.kind == "changed"
    assert [(p.kind, p.text) for p in line.pieces] == [
        ("removed", "Borgerne"),
        ("added", "Børnene"),
        ("same", " skal forstå det."),
    ]
