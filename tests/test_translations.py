"""Danish is complete, and the compiled catalogues that ship are the ones the .po files say.

The project catalogue lives in ``locale/``; apps built later keep their own in ``kompas/<app>/locale/``
(``make messages`` fills both: Django's makemessages files each string under the nearest ``locale`` folder).
"""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALES = [ROOT / "locale", *sorted(p.parent for p in (ROOT / "kompas").glob("*/locale/da"))]


def _catalogues(language: str) -> list[Path]:
    return [folder / language / "LC_MESSAGES" for folder in LOCALES]


def _ids(folders: list[Path]) -> list[str]:
    return [str(f.relative_to(ROOT)) for f in folders]


@pytest.mark.parametrize("folder", _catalogues("da"), ids=_ids(_catalogues("da")))
def test_catalogue_is_complete(folder):
    assert (folder / "django.po").exists(), f"{folder}: no django.po – run `make messages`"
    po = polib.pofile(str(folder / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{folder}: untranslated: {untranslated[:10]}"
    assert not fuzzy, f"{folder}: fuzzy: {fuzzy[:10]}"


@pytest.mark.parametrize(
    "folder", _catalogues("da") + _catalogues("en"), ids=_ids(_catalogues("da") + _catalogues("en"))
)
def test_compiled_catalogue_matches_the_po_file(folder):
    assert (folder / "django.po").exists(), f"{folder}: no django.po – run `make messages`"
    po = polib.pofile(str(folder / "django.po"))
    mo = polib.mofile(str(folder / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert key in compiled, f"{folder}: '{entry.msgid}' is not compiled – run `make messages`"
        assert compiled[key] == (entry.msgstr, tuple(sorted(entry.msgstr_plural.items()))), (
            f"{folder}: '{entry.msgid}' differs in django.mo – run `make messages`"
        )
