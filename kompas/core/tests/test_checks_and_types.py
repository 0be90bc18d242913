import pytest
from django.core.checks import run_checks
from django.test import override_settings
from pydantic import BaseModel, ValidationError

from kompas.core.checks import check_oidc, check_site_url, check_views_declare_access
from kompas.core.schema_types import FreeText


class Comment(BaseModel):
    text: FreeText


def test_api_free_text_refuses_cpr_with_the_danish_message():
    assert Comment(text="Tlf. 8612 3456").text == "Tlf. 8612 3456"
    with pytest.raises(ValidationError) as error:
        Comment(text="Hans cpr er 0101901234")
    assert "Teksten ser ud til at indeholde et CPR-nummer" in str(error.value)
    assert "0101901234" not in str(error.value.errors()[0]["msg"])


@override_settings(USE_OIDC=True, OIDC_RP_CLIENT_ID="kompas", OIDC_OP_TOKEN_ENDPOINT="")
def test_switching_oidc_on_without_its_settings_is_an_error():
    ids = {error.id for error in check_oidc(None)}
    assert ids == {"kompas.E001"}


def test_oidc_off_needs_nothing():
    assert check_oidc(None) == []


@pytest.mark.parametrize(
    ("url", "warned"),
    [
        ("http://127.0.0.1:8000", True),
        ("https://localhost", True),
        ("http://kompas.aarhus.dk", True),
        ("https://kompas.aarhus.dk", False),
    ],
)
def test_the_deploy_check_wants_the_sites_public_https_address_for_mailed_links(url, warned):
    with override_settings(KOMPAS_SITE_URL=url):
        assert [m.id for m in check_site_url(None)] == (["kompas.W005"] if warned else [])


def test_every_kompas_view_declares_who_may_see_it():
    assert check_views_declare_access(None) == []


def test_no_system_check_complains():
    assert [m for m in run_checks() if m.level >= 30] == []


def test_grouped_navigation_keeps_order_and_marks_the_current_group():
    from kompas.core.navigation import _grouped, flat

    entries = [
        {"label": "A", "url": "/a/", "current": False, "group": None},
        {"label": "B", "url": "/b/", "current": False, "group": "G"},
        {"label": "C", "url": "/c/", "current": True, "group": "G"},
        {"label": "D", "url": "/d/", "current": False, "group": "H"},
    ]
    menu = _grouped([dict(e) for e in entries])
    assert [item["label"] for item in menu] == ["A", "G", "D"]  # a group of one shows as its entry
    assert menu[1]["current"] is True and [link["url"] for link in menu[1]["links"]] == ["/b/", "/c/"]
    assert [link["url"] for link in flat(menu)] == ["/a/", "/b/", "/c/", "/d/"]
