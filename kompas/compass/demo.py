"""Demo data for the compass: the library's articles (the seed's fourth kind under each path, beside cases,
portraits and tools) and a few items that people put on further paths than their module's own.

Runs after the modules' builders (it tags their items). Deterministic (the first items by title and id) and
idempotent (articles are looked up by title; a tag is unique per object and path). The paths and the pivots
themselves come with the migrations as default wording; the builder installs what is missing of them too, as
the platform builder does for departments and city goals (a test database emptied between tests has none).
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from kompas.core.models import PublicationStatus
from kompas.library.choices import Audience, ItemKind
from kompas.library.models import LibraryItem
from kompas.library.services import item_save

from .defaults import install
from .models import Path, PathTag, Pivot

# (title, summary, body, paths, date) – our own words, after the kinds of examples seed 001 names.
ARTICLES = [
    (
        "Når borgeren sætter dagsordenen for mødet",
        "Et hjemmeplejeteam lod borgerne skrive det første punkt på dagsordenen. Det ændrede samtalen.",
        "I et hjemmeplejeteam begyndte hvert opfølgningsmøde med det punkt, borgeren selv havde skrevet. "
        "Medarbejderne fortæller, at de hørte om andre ting end før: om naboen, om haven, om at kunne "
        "handle selv. Flere aftaler blev korte og konkrete, og nogle ydelser blev overflødige, fordi "
        "borgeren og naboen fandt en løsning sammen.",
        ("listen", "learn"),
        dt.date(2026, 3, 12),
    ),
    (
        "Fælles ansvar for et grønt gårdrum",
        "Beboere, boligforening og kommune delte opgaverne i et gårdrum – og kommunen sad ikke for bordenden.",
        "Beboerne ville have et grønnere gårdrum, boligforeningen havde pladsen, og kommunen havde viden om "
        "regn og beplantning. I stedet for at kommunen lavede en plan, mødtes alle tre om bordet på lige fod. "
        "Beboerne passer bedene, boligforeningen betaler jorden, og kommunen hjælper med regnvandet. "
        "Erfaringerne deles nu med to andre boligområder.",
        ("solve", "lead"),
        dt.date(2026, 4, 2),
    ),
]

# (the model label, how to find the item, the further path) – who tags it is the item's owner or manager.
TAGS = [
    ("dialogues.forum", "listen-to-lead", "lead"),
    ("trials.trial", "solve-to-learn", "learn"),
]


def _first(label: str):
    model = ContentType.objects.get_by_natural_key(*label.split(".")).model_class()
    return model._default_manager.order_by("pk").first() if model is not None else None


def build(ctx) -> None:
    install(Path, Pivot)
    programme = get_user_model().objects.filter(email="programstab@demo.kompas.dk").first()
    if programme is None:
        return
    for title, summary, body, paths, dated in ARTICLES:
        if LibraryItem.objects.filter(title=title, kind=ItemKind.ARTICLE).exists():
            continue
        item_save(
            actor=programme,
            kind=ItemKind.ARTICLE,
            title=title,
            summary=summary,
            body=body,
            dated=dated,
            audience=Audience.PUBLIC,
            publication_status=PublicationStatus.PUBLISHED,
            paths=paths,
        )
    by_code = {path.code: path for path in Path.objects.all()}
    for label, _purpose, code in TAGS:
        target = _first(label)
        if target is None or code not in by_code:
            continue
        PathTag.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
            path=by_code[code],
            defaults={"tagged_by": programme},
        )
    ctx.counts["path_tags"] = PathTag.objects.count()
