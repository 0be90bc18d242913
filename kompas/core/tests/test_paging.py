"""``render_list``: every list page pages its items the same way."""

from django.http import HttpResponse

from kompas.core import paging


def _render(monkeypatch, rf, query: str, **kwargs) -> dict:
    seen: dict = {}

    def fake_render(request, template_name, context):
        seen.update(context, template_name=template_name)
        return HttpResponse()

    monkeypatch.setattr(paging, "render", fake_render)
    paging.render_list(rf.get(f"/list/{query}"), "some/list.html", list(range(30)), **kwargs)
    return seen


def test_the_requested_page_and_the_rest_of_the_context_reach_the_template(monkeypatch, rf):
    seen = _render(monkeypatch, rf, "?page=2", form="the filter")
    assert list(seen["page"]) == list(range(25, 30))
    assert seen["form"] == "the filter" and seen["template_name"] == "some/list.html"


def test_a_page_that_is_not_one_gives_the_first_or_the_last(monkeypatch, rf):
    assert _render(monkeypatch, rf, "?page=abc")["page"].number == 1
    assert _render(monkeypatch, rf, "?page=99")["page"].number == 2
    assert _render(monkeypatch, rf, "")["page"].number == 1


def test_a_list_may_show_more_a_page(monkeypatch, rf):
    seen = _render(monkeypatch, rf, "?page=2", per_page=10)
    assert list(seen["page"]) == list(range(10, 20)) and seen["page"].paginator.num_pages == 3
