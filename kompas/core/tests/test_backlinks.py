"""The backlinks registry: providers answer for their models only, and empty groups are left out."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from kompas.core import backlinks
from kompas.core.backlinks import Backlink, Provider


@pytest.fixture
def fake_provider(monkeypatch):
    monkeypatch.setattr(backlinks, "_providers", {})  # only the fake one answers
    asked = []

    def links(user, label, pk):
        asked.append((user, label, pk))
        return (
            [Backlink("Indstilling om cykler", f"/x/{pk}/", "Byrådsindstilling", "Kladde")] if pk == 1 else []
        )

    backlinks.register(
        Provider(key="test-fake", heading="Omtalt i test", models=frozenset({"Goals.Goal"}), links=links)
    )
    return asked


def test_a_provider_answers_for_its_models_by_object_or_by_label(fake_provider):
    viewer = SimpleNamespace(is_authenticated=False)
    goal = SimpleNamespace(pk=1, _meta=SimpleNamespace(label_lower="goals.goal"))
    groups = backlinks.backlinks_for(user=viewer, obj=goal)
    assert [(group.heading, [link.url for link in group.links]) for group in groups] == [
        ("Omtalt i test", ["/x/1/"])
    ]
    assert backlinks.backlinks_for(user=viewer, label="goals.goal", pk=2) == []  # no empty group
    assert backlinks.backlinks_for(user=viewer, label="surveys.survey", pk=1) == []
    assert backlinks.backlinks_for(user=viewer, label="", pk=1) == []
    assert fake_provider == [(viewer, "goals.goal", 1), (viewer, "goals.goal", 2)]


def test_the_template_tag_renders_a_section_only_when_there_are_links(fake_provider):
    request = RequestFactory().get("/")
    request.user = SimpleNamespace(is_authenticated=False)
    template = Template("{% load kompas %}{% backlinks_section obj %}")
    shown = template.render(
        Context(
            {
                "request": request,
                "obj": SimpleNamespace(pk=1, _meta=SimpleNamespace(label_lower="goals.goal")),
            }
        )
    )
    assert "Omtalt i test" in shown and 'href="/x/1/"' in shown and "Kladde" in shown
    hidden = template.render(
        Context(
            {
                "request": request,
                "obj": SimpleNamespace(pk=3, _meta=SimpleNamespace(label_lower="goals.goal")),
            }
        )
    )
    assert "Omtalt i test" not in hidden


@pytest.mark.django_db
def test_a_reading_page_gives_its_providers_the_version_it_read_first_and_a_writing_one_reads_afresh(
    monkeypatch,
):
    from kompas.core import page_cache, versions

    monkeypatch.setattr(backlinks, "_providers", {})
    keys = []

    def links(user, label, pk):
        keys.append(backlinks.shared(name="test", label=label, pk=pk, build=lambda: pk))
        return [Backlink("Indstilling", f"/x/{pk}/", "Byrådsindstilling")]

    backlinks.register(
        Provider(key="test-version", heading="Omtalt", models=frozenset({"goals.goal"}), links=links)
    )
    read = []
    real = versions.current
    monkeypatch.setattr(versions, "current", lambda key: read.append(key) or real(key))
    template = Template("{% load kompas %}{% backlinks_section obj %}")
    goal = SimpleNamespace(pk=7, _meta=SimpleNamespace(label_lower="goals.goal"))

    reading = RequestFactory().get("/")
    reading.user = SimpleNamespace(is_authenticated=False)
    page_cache.request_versions(reading, "content")  # as the page cache reads it before the view runs
    read.clear()
    assert "Omtalt" in template.render(Context({"request": reading, "obj": goal}))
    assert read == []  # the version the request had already read

    writing = RequestFactory().post("/")
    writing.user = reading.user
    versions.bump("content")  # what the request wrote
    assert "Omtalt" in template.render(Context({"request": writing, "obj": goal}))
    assert read == ["content"]  # read afresh, after the write
