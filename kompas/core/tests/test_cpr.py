"""Tests for the CPR detector in ``kompas.core.cpr``. Plain functions: no Django, no database."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompas.core.cpr import CPR_MESSAGE, contains_cpr, find_cpr_spans

pytestmark: list[pytest.MarkDecorator] = []  # no django_db: nothing here touches the database

SAMPLE_SIZE = 10_000
MIN_CATCH_RATE = 0.99
MAX_FALSE_POSITIVE_RATE = 0.01

FIRST_BIRTH_DATE = date(1900, 1, 1)
LAST_BIRTH_DATE = date(2030, 12, 31)


# --- helpers -------------------------------------------------------------------------------------------


def seventh_digits_for(year: int) -> str:
    """The 7th CPR digits the register allows for someone born in ``year`` (1900-2057)."""
    year_of_century = year % 100
    if year < 2000:
        return "0123" + ("49" if year_of_century >= 37 else "")
    return ("49" if year_of_century <= 36 else "") + "5678"


def random_cpr_digits(rng: random.Random) -> str:
    """Ten digits of a valid CPR number: a random birth date 1900-2030 and a consistent serial."""
    birth = FIRST_BIRTH_DATE + timedelta(days=rng.randrange((LAST_BIRTH_DATE - FIRST_BIRTH_DATE).days + 1))
    seventh = rng.choice(seventh_digits_for(birth.year))
    return f"{birth:%d%m%y}{seventh}{rng.randrange(1000):03d}"


def random_invalid_date_cpr_digits(rng: random.Random) -> str:
    """Ten digits shaped like a CPR number whose DDMMYY is not a real date for its century digit."""
    kind = rng.randrange(6)
    serial = f"{rng.randrange(10_000):04d}"
    if kind == 0:  # day 32-99
        return f"{rng.randint(32, 99)}{rng.randint(1, 12):02d}{rng.randrange(100):02d}{serial}"
    if kind == 1:  # month 00 or 13-99
        month = rng.choice([0, *range(13, 100)])
        return f"{rng.randint(1, 28):02d}{month:02d}{rng.randrange(100):02d}{serial}"
    if kind == 2:  # 31st of a 30-day month, e.g. 310490
        return f"31{rng.choice([4, 6, 9, 11]):02d}{rng.randrange(100):02d}{serial}"
    if kind == 3:  # 29 February in a year that is not a leap year
        return f"2902{rng.choice([y for y in range(100) if y % 4]):02d}{serial}"
    if kind == 4:  # 29 February 1900 (7th digit 0-3), which did not exist, unlike 2000
        return f"290200{rng.choice('0123')}{rng.randrange(1000):03d}"
    return f"00{rng.randint(1, 12):02d}{rng.randrange(100):02d}{serial}"  # day 00


DASHES = "-" * 9 + "\u2013"  # mostly hyphens, sometimes an en dash


def write_dashed(digits: str, rng: random.Random) -> str:
    return f"{digits[:6]}{rng.choice(DASHES)}{digits[6:]}"


def write_plain(digits: str, rng: random.Random) -> str:
    return digits


def write_spaced(digits: str, rng: random.Random) -> str:
    return f"{digits[:6]} {digits[6:]}"


FORMATS: tuple[Callable[[str, random.Random], str], ...] = (write_dashed, write_plain, write_spaced)


def digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def rate_failure(kind: str, rate: float, examples: list[str]) -> str:
    shown = "\n  ".join(repr(example) for example in examples[:8])
    return f"{kind} rate {rate:.2%} ({len(examples)} of {SAMPLE_SIZE}); examples:\n  {shown}"


# --- examples ------------------------------------------------------------------------------------------


def test_the_api_refuses_a_cpr_number_with_the_danish_message() -> None:
    from pydantic import TypeAdapter, ValidationError

    from kompas.core.schema_types import FreeText

    free_text = TypeAdapter(FreeText)
    assert free_text.validate_python("Mødet er den 12. marts.") == "Mødet er den 12. marts."
    with pytest.raises(ValidationError) as refused:
        free_text.validate_python("Borgerens nummer er 010190-1234.")
    assert refused.value.errors()[0]["msg"].endswith(CPR_MESSAGE)
    assert CPR_MESSAGE.startswith("Teksten ser ud til at indeholde et CPR-nummer.")


@pytest.mark.parametrize(
    "text",
    [
        "010190-1234",
        "0101901234",
        "010190 1234",
        "010190\u20131234",
        "010190\u00a01234",
        "Borgerens CPR-nr. er 010190-1234.",
        "Personnummer: 0101901234",
        "Barnet er født 241203 4567 på Skejby.",
        "Hej, mit cpr er 311299-1234 og jeg vil gerne have en tid.",
        "Anne Hansen (010190-1234) har søgt om hjælp.",
        "290200-4234",  # 29 February 2000 existed
        "290296-1234",  # 29 February 1996 existed
        "Tlf. 86123456, CPR 0101901234",  # a CPR word wins over a phone word
        "Sag 12 vedr. cpr 0101901234",
        "Fakturaen er betalt. Kontakt borgeren 0101901234 i morgen.",  # unrelated word, new sentence
        "Vi ringede i går til hende, og bagefter fik vi 0101901234 oplyst.",  # keyword too far away
        "Sagsbehandleren noterede 010190-1234 i journalen.",
        "Kontoret har registreret 010190-1234.",
        "CPR: 010190-1234, 020202-4321",
        "https://eksempel.dk/borger/0101901234",
    ],
)
def test_finds_cpr(text: str) -> None:
    assert contains_cpr(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("010190-1234", [(0, 11)]),
        ("CPR 0101901234.", [(4, 14)]),
        ("A: 010190 1234, B: 020290\u20134321", [(3, 14), (19, 30)]),
        ("Ingen numre her.", []),
    ],
)
def test_spans(text: str, expected: list[tuple[int, int]]) -> None:
    assert find_cpr_spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # phone numbers
        "tlf. 8612 3456",
        "+45 20 30 40 50",
        "ring på 20304050",
        "Tlf.: 0101901234",
        "Telefon 0101901234",
        "Mobil: 010190-1234",
        "+45 0101901234",
        "Telefonnummer til borgeren: 0101901234",
        "Tlf. Nr. 0101901234",
        # case and journal numbers
        "21-030966",
        "Sag 21-0309661234",
        "sagsnr. 0101901234",
        "Sags-nr.: 0101901234",
        "j.nr. 0101901234",
        "J.nr. 2021-1234",
        "Journalnr. 0101901234",
        "Vedr. sag 0101901234",
        # amounts
        "Beløbet er 12.246 kr.",
        "I alt 1.234.567 kr.",
        "kr. 0101901234",
        "0101901234 kr.",
        "DKK 0101901234",
        "Udgiften var 0101901234,- i alt",
        "0101901234,50",
        "0101901234.5",
        "12,0101901234",
        # bank accounts
        "Reg.nr. 1234 kontonr. 0101901234",
        "reg. nr. 1234 konto 0101901234",
        "Kontonummer: 0101901234",
        "NemKonto 0101901234",
        "1234 0101901234",
        "1234-0101901234",
        "IBAN DK50 0040 0440 1162 43",
        "DK50 0040 0440 1162 43",
        "IBAN: 0101901234",
        # business and commerce
        "EAN-nr. 0101901234",
        "EAN 5790001234567",
        "GLN: 0101901234",
        "CVR-nr. 0101901234",
        "P-nummer: 0101901234",
        "P-nr. 0101901234",
        "Faktura 0101901234",
        "Fakturanr. 0101901234",
        "Ordre 0101901234",
        "Ordrenr. 0101901234",
        "Kundenummer 0101901234",
        "Ordre #0101901234",
        # dates and times
        "01-01-1990",
        "Mødet er 2021-03-31 kl. 14:30.",
        "31.03.2021 14.30-15.30",
        "010190",
        # standing inside something longer
        "12345678901234",
        "AB0101901234",
        "0101901234AB",
        "01019012345",
        "010190-1234-01",
        "010190 1234 5678",
        # invalid dates
        "320190-1234",
        "310490-1234",
        "290221-1234",
        "290200-1234",  # 29 February 1900 did not exist
        "011390-1234",
        "000190-1234",
        "CPR 310490-1234",
    ],
)
def test_ignores_non_cpr(text: str) -> None:
    assert not contains_cpr(text)
    assert find_cpr_spans(text) == []


# --- generated catch rate ------------------------------------------------------------------------------

CPR_TEMPLATES: tuple[str, ...] = (
    "{cpr}",
    "Borgerens CPR-nummer er {cpr}.",
    "Henvendelse fra {cpr} vedrørende boligstøtte.",
    "Anne Hansen ({cpr}) har søgt om hjælp til medicin.",
    "Personnummer: {cpr}",
    "Barnet, født {cpr}, er indskrevet i børnehaven Solsikken.",
    "Jeg skriver angående min søn {cpr}, som har fået afslag.",
    "Mødet blev holdt med borgeren, cpr.nr. {cpr}, og hans bisidder.",
    "Vedr. {cpr}: Ansøgningen er modtaget og behandles inden for 4 uger.",
    "Sagsbehandleren noterede {cpr} i journalen efter samtalen.",
    "Oplysninger om {cpr} er videregivet til Udbetaling Danmark.",
    "Hej, mit cpr er {cpr} og jeg vil gerne have en tid hos lægen.",
    "Klient {cpr}\nAdresse: Vestergade 12, 8000 Aarhus C",
    "{cpr} er flyttet til kommunen pr. 1. marts 2021.",
    "Kære Ole. Vi har modtaget din ansøgning om tilskud ({cpr}).",
    "Tlf. 86 12 34 56, CPR {cpr}",
    "Fakturaen er betalt. Kontakt venligst borgeren {cpr} i morgen.",
    "Emne: Bevilling til {cpr} – svar senest fredag",
    "Barn: {cpr}, mor: Lise Jensen, far: Peter Jensen",
    "Vi ringede til hende i går, og bagefter fik vi {cpr} oplyst af egen læge.",
)


def test_catch_rate_on_generated_cpr_numbers() -> None:
    rng = random.Random(2021)
    missed: list[str] = []
    for index in range(SAMPLE_SIZE):
        template = CPR_TEMPLATES[index % len(CPR_TEMPLATES)]
        write = FORMATS[(index // len(CPR_TEMPLATES)) % len(FORMATS)]
        text = template.format(cpr=write(random_cpr_digits(rng), rng))
        if not contains_cpr(text):
            missed.append(text)
    catch_rate = 1 - len(missed) / SAMPLE_SIZE
    assert catch_rate >= MIN_CATCH_RATE, rate_failure("catch", catch_rate, missed)


# --- generated false-positive rate ---------------------------------------------------------------------


def phone_sentence(rng: random.Random) -> str:
    number = f"{rng.randint(20, 99)}{digits(rng, 6)}"
    written = rng.choice(
        [number, f"{number[:4]} {number[4:]}", " ".join(number[i : i + 2] for i in range(0, 8, 2))]
    )
    return rng.choice(
        ["Ring på {n} mellem 9 og 15.", "tlf. {n}", "+45 {n}", "Mobil: {n}", "Kontakt: {n}"]
    ).format(n=written)


def labelled_cpr_shaped_sentence(rng: random.Random) -> str:
    """A valid-date ten-digit number after a label that says it is something else."""
    label = rng.choice(
        [
            "Tlf.:", "Telefon", "Mobil", "+45", "ring på", "Telefonnummer:",
            "Sagsnr.", "sag", "J.nr.", "Journalnr.", "Vores ref.:",
            "kr.", "DKK", "Beløb:",
            "Kontonr.", "konto", "Reg.nr. 1234 kontonr.", "reg. nr. 1234, konto", "IBAN:",
            "EAN:", "GLN-nr.", "CVR", "P-nummer:", "P-nr.",
            "Fakturanr.", "faktura", "Ordre", "Ordrenr.", "Kundenummer",
        ]
    )  # fmt: skip
    number = rng.choice(FORMATS)(random_cpr_digits(rng), rng)
    return rng.choice(
        ["{l} {n}", "Se {l} {n} i systemet.", "Oplys venligst {l} {n} ved henvendelse."]
    ).format(l=label, n=number)


def case_number_sentence(rng: random.Random) -> str:
    return rng.choice(
        [
            f"Sag {rng.randint(10, 25)}-{digits(rng, 6)} er afsluttet.",
            f"J.nr. {rng.randint(2015, 2025)}-{rng.randint(1, 99999)}",
            f"Jeres sagsnummer er {rng.randint(10, 25)}/{digits(rng, 5)}.",
        ]
    )


def amount_sentence(rng: random.Random) -> str:
    thousands = f"{rng.randint(1, 999)}.{digits(rng, 3)}"
    return rng.choice(
        [
            f"Beløbet er {thousands} kr.",
            f"I alt {thousands}.{digits(rng, 3)} kr.",
            f"{random_cpr_digits(rng)} kr. er udbetalt.",
            f"Udgiften var {random_cpr_digits(rng)},{digits(rng, 2)} kr.",
            f"Tilskuddet udgør {rng.randint(1, 99_999)},{digits(rng, 2)} kr. om måneden.",
        ]
    )


def account_sentence(rng: random.Random) -> str:
    return rng.choice(
        [
            f"IBAN: DK{digits(rng, 2)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 2)}",
            f"DK{digits(rng, 2)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 2)}",
            f"Pengene overføres til {digits(rng, 4)} {random_cpr_digits(rng)}.",
            f"Overført til {digits(rng, 4)}-{random_cpr_digits(rng)} i dag.",
        ]
    )


def business_number_sentence(rng: random.Random) -> str:
    return rng.choice(
        [
            f"EAN-nr. 579{digits(rng, 10)}",
            f"GLN: 579{digits(rng, 10)}",
            f"CVR-nr. {rng.randint(10_000_000, 99_999_999)}",
            f"SE-nr. {rng.randint(10_000_000, 99_999_999)}",
            f"Varenummer {digits(rng, 13)} er udsolgt.",
        ]
    )


def date_and_time_sentence(rng: random.Random) -> str:
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(4000))
    return rng.choice(
        [
            f"Mødet er {day:%Y-%m-%d} kl. {rng.randint(8, 16)}:{rng.choice(['00', '15', '30', '45'])}.",
            f"Oprettet {day:%Y-%m-%d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
            f"Frist: {day:%d-%m-%Y}",
            f"Født {day:%d-%m-%Y}",
            f"Dato {day:%d.%m.%Y} kl. {rng.randint(8, 16)}.30-{rng.randint(8, 16)}.30",
            f"Senest {day:%d%m%y}",
        ]
    )


def count_and_postcode_sentence(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.randint(1000, 9990)} {rng.choice(['Aarhus C', 'Viby J', 'Odense', 'København K'])}",
            f"Der deltog {rng.randint(2, 99_999)} borgere i {rng.randint(2015, 2025)}.",
            f"Projektet har {rng.randint(2, 999)} deltagere og {rng.randint(2, 99)} medarbejdere.",
            f"Ventetiden er {rng.randint(2, 52)} uger for {rng.randint(2, 9999)} personer.",
        ]
    )


def long_or_glued_number_sentence(rng: random.Random) -> str:
    cpr = random_cpr_digits(rng)
    return rng.choice(
        [
            f"Id {digits(rng, rng.randint(11, 16))}",
            f"Reference AB{cpr}",
            f"Kode {cpr}{digits(rng, rng.randint(1, 4))}",
            f"{cpr[:6]}-{cpr[6:]}-{digits(rng, 2)}",
            f"{cpr[:6]} {cpr[6:]} {digits(rng, 4)}",
        ]
    )


def invalid_date_sentence(rng: random.Random) -> str:
    number = rng.choice(FORMATS)(random_invalid_date_cpr_digits(rng), rng)
    return rng.choice(
        ["{n}", "Nummeret {n} blev afvist.", "Borgeren oplyste {n} i formularen.", "CPR {n}"]
    ).format(n=number)


NON_CPR_GENERATORS: tuple[Callable[[random.Random], str], ...] = (
    phone_sentence,
    labelled_cpr_shaped_sentence,
    labelled_cpr_shaped_sentence,
    case_number_sentence,
    amount_sentence,
    account_sentence,
    business_number_sentence,
    date_and_time_sentence,
    count_and_postcode_sentence,
    long_or_glued_number_sentence,
    invalid_date_sentence,
    invalid_date_sentence,
)


def test_false_positive_rate_on_other_numbers() -> None:
    rng = random.Random(2021)
    flagged = [
        text
        for text in (rng.choice(NON_CPR_GENERATORS)(rng) for _ in range(SAMPLE_SIZE))
        if contains_cpr(text)
    ]
    rate = len(flagged) / SAMPLE_SIZE
    assert rate < MAX_FALSE_POSITIVE_RATE, rate_failure("false-positive", rate, flagged)


# --- properties ----------------------------------------------------------------------------------------

FRAGMENTS = st.one_of(
    st.text(alphabet="0123456789", min_size=1, max_size=14),
    st.text(alphabet="0123456789 -\u2013.,:+#/\n", max_size=6),
    st.sampled_from(["cpr", "CPR-nr.", "tlf.", "+45", "kr.", "sag", "konto", "født", "æøå", "AB", " ", ". "]),
    st.builds(lambda seed: random_cpr_digits(random.Random(seed)), st.integers(0, 2**32)),
)
CPR_LIKE_TEXT = st.lists(FRAGMENTS, max_size=12).map("".join)


@settings(deadline=None)
@given(st.text())
def test_never_raises_and_agrees_on_arbitrary_text(text: str) -> None:
    assert contains_cpr(text) == bool(find_cpr_spans(text))


@settings(deadline=None, max_examples=300)
@given(CPR_LIKE_TEXT)
def test_spans_are_in_bounds_ordered_and_hold_ten_digits(text: str) -> None:
    spans = find_cpr_spans(text)
    assert contains_cpr(text) == bool(spans)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert sum(character in "0123456789" for character in text[start:end]) == 10
        previous_end = end


@settings(deadline=None)
@given(
    st.dates(min_value=FIRST_BIRTH_DATE, max_value=LAST_BIRTH_DATE),
    st.integers(0, 999),
    st.sampled_from(FORMATS),
    st.data(),
)
def test_every_valid_cpr_alone_is_found_whole(
    birth: date, serial: int, write: Callable[[str, random.Random], str], data: st.DataObject
) -> None:
    seventh = data.draw(st.sampled_from(seventh_digits_for(birth.year)))
    written = write(f"{birth:%d%m%y}{seventh}{serial:03d}", random.Random(serial))
    assert find_cpr_spans(written) == [(0, len(written))]
