"""readability.py on hand-counted Danish examples, and its rules as properties (hypothesis)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompas.proposals import readability


@pytest.mark.parametrize(
    ("text", "words", "sentences", "long_words", "lix"),
    [
        # 6 words, 2 sentences, no word over six letters: 6/2 + 0 = 3.0
        ("Katten sad på måtten. Hunden løb.", 6, 2, 0, 3.0),
        # 3 words, 1 sentence, all three long: 3/1 + 100 = 103.0
        ("Kommunalbestyrelsen godkender budgettet.", 3, 1, 3, 103.0),
        # Seed 000: 8 words, 1 sentence, Aarhuskompasset and inddragelsesproces long ("blevet" has six): 8 + 25
        ("Aarhuskompasset er blevet til i en bred inddragelsesproces.", 8, 1, 2, 33.0),
        # "f.eks." is one word and does not end the sentence; "Gellerup" is long: 8/2 + 100/8 = 16.5
        ("Vi mødes f.eks. i Gellerup. Det er godt.", 8, 2, 1, 16.5),
        # A line break ends a sentence (list items): 4 words, 2 sentences, gentænke and eksperimentere long:
        # 4/2 + 100 × 2/4 = 52.0
        ("At gentænke\nAt eksperimentere", 4, 2, 2, 52.0),
        # Numbers are words, not letters: "2021-2023" is one short word; "perioden" is long: 4 + 25
        ("I perioden 2021-2023 dialog.", 4, 1, 1, 29.0),
    ],
)
def test_hand_counted_examples(text, words, sentences, long_words, lix):
    result = readability.analyse(text)
    assert (result.words, result.sentences, result.long_words) == (words, sentences, long_words)
    assert readability.lix(text) == lix
    assert result.lix == lix


def test_empty_text_has_lix_zero():
    assert readability.lix("") == 0.0
    assert readability.lix("  \n\n ") == 0.0
    assert readability.analyse("").sentences == 0


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0.0, "very_easy"),
        (24.9, "very_easy"),
        (25.0, "easy"),
        (34.9, "easy"),
        (35.0, "medium"),
        (44.9, "medium"),
        (45.0, "difficult"),
        (54.9, "difficult"),
        (55.0, "very_difficult"),
        (103.0, "very_difficult"),
    ],
)
def test_danish_bands(value, band):
    assert readability.band(value) == band


def test_character_count_counts_spaces_once():
    assert readability.character_count("  Hej   verden \n\n") == len("Hej verden")
    assert readability.character_count("") == 0


def test_longest_sentences_longest_first_and_stable():
    text = "En to tre. En to tre fire fem. En to. Et to tre fire fem."
    longest = readability.longest_sentences(text, limit=3)
    assert [s.words for s in longest] == [5, 5, 3]
    assert longest[0].text == "En to tre fire fem."  # the earlier of two equally long ones first


_word = st.text(alphabet="abcdefghijklmnoprstuvyæøå", min_size=1, max_size=14)


@given(st.lists(_word, min_size=1, max_size=60))
def test_one_sentence_follows_the_formula(words):
    text = " ".join(words) + "."
    n = len(words)
    long_words = sum(1 for word in words if len(word) > 6)
    assert readability.lix(text) == round(n + 100 * long_words / n, 1)


@given(st.lists(st.lists(_word, min_size=1, max_size=20), min_size=1, max_size=10))
def test_sentences_and_words_are_counted(sentences):
    text = " ".join(" ".join(words).capitalize() + "." for words in sentences)
    result = readability.analyse(text)
    assert result.sentences == len(sentences)
    assert result.words == sum(len(words) for words in sentences)
    assert 0 <= result.lix <= max(len(words) for words in sentences) + 100


@given(st.floats(min_value=0, max_value=200), st.floats(min_value=0, max_value=200))
def test_bands_never_go_down_as_lix_goes_up(a, b):
    order = [code for _bound, code in readability.BANDS]
    low, high = sorted((a, b))
    assert order.index(readability.band(low)) <= order.index(readability.band(high))


@given(st.text(max_size=400))
def test_any_text_is_analysed_without_error(text):
    result = readability.analyse(text)
    assert result.lix >= 0
    assert result.characters <= len(text)
    assert len(result.longest) <= 3
