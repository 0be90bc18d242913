from hypothesis import given
from hypothesis import strategies as st

from kompas.core.searchterms import MAX_TERMS, MIN_STEM, WORD, query_terms, snippet, stem


def test_danish_endings_meet_in_one_stem():
    assert stem("samarbejder") == stem("samarbejde") == "samarbejd"
    assert stem("borgerne") == stem("borgere") == stem("borger")[:4]
    assert stem("Læring") == "læring"
    assert stem("ældre") == "ældr"


def test_query_terms_drop_stop_words_and_duplicates():
    assert query_terms("Samarbejde og samarbejder i Gellerup") == ["samarbejd", "gellerup"]
    assert query_terms("  ") == []
    assert query_terms("og i at") == []


def test_snippet_marks_whole_words_around_the_first_hit():
    text = "Indledning. " * 30 + "Vi lærte at samarbejde med foreningerne. " + "Afslutning. " * 30
    parts = snippet(text, ["samarbejd", "forening"], width=120)
    hits = [p.text for p in parts if p.hit]
    assert hits == ["samarbejde", "foreningerne"]
    assert parts[0].text == "… " and parts[-1].text == " …"


@given(st.text(max_size=60))
def test_stem_keeps_at_least_the_minimum(word):
    result = stem(word)
    assert word.lower().startswith(result)
    assert len(result) >= min(len(word.lower()), MIN_STEM)


@given(st.text(max_size=300))
def test_query_terms_are_bounded_and_distinct(query):
    terms = query_terms(query)
    assert len(terms) <= MAX_TERMS
    assert len(terms) == len(set(terms))


@given(st.text(max_size=500), st.lists(st.text(min_size=1, max_size=8), max_size=3))
def test_snippet_is_a_piece_of_the_text(text, terms):
    parts = snippet(text, terms, width=100)
    joined = "".join(p.text for p in parts).removeprefix("… ").removesuffix(" …")
    assert joined in " ".join(text.split())
    assert len(joined) <= 100


def test_snippet_marks_words_whatever_their_capitals():
    parts = snippet("ÆBLETRÆET og Æblerne, men ikke græsæbler eller t-shirts.", ["æble", "t-shirt"])
    assert [p.text for p in parts if p.hit] == ["ÆBLETRÆET", "Æblerne"]


@given(
    st.text(alphabet="abcæøåÆØÅÉéAB -.,\n", max_size=300),
    st.lists(st.text(alphabet="abæøåÆAB-", min_size=1, max_size=4), max_size=3),
)
def test_a_snippet_marks_exactly_the_words_that_start_with_a_term(text, terms):
    parts = snippet(text, terms, width=1000)
    lowered = [t.lower() for t in terms]
    words = WORD.findall(" ".join(text.split()))
    assert [p.text for p in parts if p.hit] == [
        w for w in words if any(w.lower().startswith(t) for t in lowered)
    ]
