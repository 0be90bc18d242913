"""The compass's demo data: the library's articles on their paths, and items put on further paths."""

import random
from types import SimpleNamespace

import pytest
from django.urls import reverse

from kompas.accounts.services import user_create
from kompas.compass.demo import build
from kompas.compass.models import PathTag
from kompas.core.roles import RoleCode
from kompas.library.choices import ItemKind
from kompas.library.models import LibraryItem
from kompas.trials.tests import factories as trial_factories

pytestmark = pytest.mark.django_db


def test_the_demo_adds_articles_and_further_paths_once(client, role_users):
    user_create(
        email="programstab@demo.kompas.dk",
        full_name="Pia Demo",
        password="x" * 12,
        roles=[RoleCode.PROGRAMME],
        actor=None,
    )
    trial = trial_factories.trial(title="Lektiecafé i klubben")
    ctx = SimpleNamespace(scale="small", rng=random.Random(1), counts={})
    build(ctx)
    build(ctx)  # idempotent
    articles = LibraryItem.objects.filter(kind=ItemKind.ARTICLE)
    assert articles.count() == 2
    assert PathTag.objects.filter(object_id=trial.pk, path__code="learn").count() == 1
    assert ctx.counts["path_tags"] == PathTag.objects.count()
    # A public article is on the paths it names, also for visitors, and shown as an article.
    html = client.get(reverse("compass:path", kwargs={"slug": "lytte"})).content.decode()
    assert "Når borgeren sætter dagsordenen for mødet" in html
    assert "Artikel" in html
    assert "Artikler, cases, portrætter og værktøjer" in html
