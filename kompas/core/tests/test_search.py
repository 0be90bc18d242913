"""The site search: the registry, the page, who finds what, and a query count that does not grow with data."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.citygoals.models import CityGoal
from kompas.collaborations.tests import factories as collaboration_factories
from kompas.core import search as site_search
from kompas.core.choices import Visibility
from kompas.core.search import SearchHit, SearchProvider, search_all
from kompas.core.textsearch import matching
from kompas.dialogues.choices import ForumVisibility
from kompas.dialogues.tests import factories as dialogue_factories
from kompas.fund.tests import factories as fund_factories
from kompas.goals.tests import factories as goal_factories
from kompas.library.choices import Audience
from kompas.library.tests import factories as library_factories
from kompas.stoplist.choices import FarewellStatus
from kompas.stoplist.models import FarewellProposal
from kompas.stoplist.tests import factories as stoplist_factories
from kompas.trials.tests import factories as trial_factories

WORD = "zebrafinker"


# --- The registry ---------------------------------------------------------------------------------------


class _Staff:
    def test(self, user) -> bool:
        return getattr(user, "is_staff_test", False)


def _fake(key: str, n: int, order: int = 1, rule=None) -> SearchProvider:
    def search(user, query, limit):
        return [SearchHit(f"{query} {i}", f"/{key}/{i}/", "Om zebrafinker i haven.", key) for i in range(n)][
            :limit
        ]

    return SearchProvider(key=key, label=key.title(), order=order, search=search, rule=rule)


@pytest.fixture
def fake_registry(monkeypatch):
    registry: list[SearchProvider] = []
    monkeypatch.setattr(site_search, "_providers", registry)
    return registry


def test_register_keeps_one_provider_per_key_in_order(fake_registry):
    site_search.register(_fake("b", 1, order=2))
    site_search.register(_fake("a", 1, order=1))
    site_search.register(_fake("a", 5, order=9))
    assert [p.key for p in site_search.providers()] == ["a", "b"]


def test_search_all_groups_limits_and_skips_empty_and_forbidden(fake_registry):
    class User:
        is_staff_test = False

    site_search.register(_fake("many", 7, order=1))
    site_search.register(_fake("none", 0, order=2))
    site_search.register(_fake("staff", 2, order=3, rule=_Staff()))
    groups = search_all(User(), "zebrafinker", limit=5)
    assert [g.provider.key for g in groups] == ["many"]
    assert groups[0].count == 5 and groups[0].more
    marked = [part.text for part in groups[0].hits[0].parts if part.hit]
    assert marked == ["zebrafinker"]
    staff = User()
    staff.is_staff_test = True
    assert [g.provider.key for g in search_all(staff, "zebrafinker", limit=5)] == ["many", "staff"]
    # Only stop words or nothing: no search at all.
    assert search_all(staff, "og i at", limit=5) == []
    assert search_all(staff, "   ", limit=5) == []


def test_every_module_registers_its_provider():
    keys = {p.key for p in site_search.providers()}
    assert {
        "citygoals",
        "goals",
        "dialogues",
        "fund",
        "collaborations",
        "trials",
        "stoplist",
        "library",
    } <= keys


# --- Who finds what ---------------------------------------------------------------------------------------


def _plant(n: int = 1, suffix: str = "") -> dict:
    """Data in every module with the word in the title: what each role may and may not find."""
    planted = {}
    for i in range(n):
        tag = f"{suffix}{i}"
        planted["internal_goal"] = goal_factories.goal(
            title=f"Interne zebrafinker i skolegården {tag}", visibility=Visibility.INTERNAL
        )
        planted["public_forum"] = dialogue_factories.forum(title=f"Skal zebrafinker bo i parken {tag}?")
        planted["staff_forum"] = dialogue_factories.forum(
            title=f"Personalets zebrafinker {tag}", visibility=ForumVisibility.STAFF
        )
        planted["trial"] = trial_factories.trial(title=f"Zebrafinker i klubben {tag}")
        planted["collaboration"] = collaboration_factories.collaboration(title=f"Sammen om zebrafinker {tag}")
        planted["proposal"] = stoplist_factories.proposal(title=f"Ugentlig optælling af zebrafinker {tag}")
        stopped = stoplist_factories.proposal(title=f"Månedlig rapport om zebrafinker {tag}")
        FarewellProposal.objects.filter(pk=stopped.pk).update(
            status=FarewellStatus.STOPPED,
            hours_freed=Decimal("10"),
            decided_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
        )
        planted["stopped"] = stopped
        planted["public_item"] = library_factories.item(title=f"Værktøj om zebrafinker {tag}")
        planted["staff_item"] = library_factories.item(
            title=f"Intern læring om zebrafinker {tag}", audience=Audience.STAFF
        )
        planted["city_goal"] = CityGoal.objects.create(
            slug=f"zebrafinker-{tag}",
            title=f"En by med zebrafinker {tag}",
            description="Fugle i byen.",
            order=90,
        )
        round_ = fund_factories.open_round(title=f"Runde {tag}")
        planted["draft"] = fund_factories.application(
            title=f"Kladde om zebrafinker {tag}", round_=round_, submit=False
        )
        planted["submitted"] = fund_factories.application(
            title=f"Indsendt ansøgning om zebrafinker {tag}", round_=round_
        )
    return planted


def _page(client, query: str = WORD) -> str:
    response = client.get(reverse("core:search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_anonymous_and_citizens_find_only_public_things(client_for):
    planted = _plant()
    for role in ("anonymous", "citizen"):
        html = _page(client_for(role))
        for public in ("public_forum", "stopped", "public_item", "city_goal"):
            assert planted[public].title in html, (role, public)
        for hidden in ("internal_goal", "staff_forum", "trial", "collaboration", "proposal", "staff_item"):
            assert planted[hidden].title not in html, (role, hidden)
        assert planted["draft"].title not in html and planted["submitted"].title not in html
        assert "Interne zebrafinker" not in html


@pytest.mark.django_db
def test_staff_find_the_internal_goal_and_programme_the_submitted_application(client_for):
    planted = _plant()
    html = _page(client_for("employee"))
    for seen in ("internal_goal", "staff_forum", "trial", "collaboration", "proposal", "staff_item"):
        assert planted[seen].title in html, seen
    assert reverse("goals:detail", kwargs={"pk": planted["internal_goal"].pk}) in html
    assert planted["draft"].title not in html and planted["submitted"].title not in html
    programme = _page(client_for("programme"))
    assert planted["submitted"].title in programme
    assert planted["draft"].title not in programme  # a draft is the applicant's own
    assert reverse("fund:manage-application", kwargs={"pk": planted["submitted"].pk}) in programme
    assert f"{reverse('trials:list')}?q={WORD}" in programme  # "see all" in the module's own list


@pytest.mark.django_db
def test_applicants_find_their_own_draft(client, role_users):
    planted = _plant()
    client.force_login(planted["draft"].applicant)
    html = _page(client)
    assert planted["draft"].title in html
    assert reverse("fund:application", kwargs={"pk": planted["draft"].pk}) in html


@pytest.mark.django_db
def test_the_page_explains_a_search_without_words(client_for):
    html = _page(client_for("anonymous"), "og i")
    assert "søgeord" in html
    assert _page(client_for("anonymous"), "")  # the empty form


@pytest.mark.django_db
def test_the_header_has_a_labelled_search_field(client_for):
    html = client_for("anonymous").get(reverse("core:home")).content.decode()
    assert 'role="search"' in html and 'for="header-search"' in html and 'id="header-search"' in html


# --- Hits shared by the readers of one scope ----------------------------------------------------------------


def _fresh(client, query: str = WORD) -> str:
    """The page as rendered now, not the reader's own cached copy: what the hits kept per scope decide."""
    response = client.get(reverse("core:search"), {"q": query}, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_hits_kept_for_staff_never_reach_citizens_and_back(client_for):
    planted = _plant()
    staff_only = ("internal_goal", "staff_forum", "trial", "collaboration", "proposal", "staff_item")
    for order in (("employee", "citizen", "anonymous"), ("anonymous", "citizen", "leader")):
        for role in order:
            html = _fresh(client_for(role))
            for name in staff_only:
                assert (planted[name].title in html) == (role in ("employee", "leader")), (role, name)
            assert planted["public_item"].title in html and planted["city_goal"].title in html


@pytest.mark.django_db
def test_a_draft_proposal_stays_with_those_who_may_read_it(client_for):
    """Programme staff share their hits; other staff find their own departments' drafts, which are theirs."""
    from kompas.proposals.tests import factories as proposal_factories

    draft = proposal_factories.proposal(title=f"Kladde om {WORD}", author_email="leder@test.kompas.dk")
    assert draft.title in _fresh(client_for("leader"))  # its author
    assert draft.title in _fresh(client_for("programme"))
    assert draft.title not in _fresh(client_for("employee"))  # not of her department
    proposal_factories.member_of("medarbejder@test.kompas.dk")  # now she works in the draft's department
    assert draft.title in _fresh(client_for("employee"))
    assert draft.title not in _fresh(client_for("citizen"))


@pytest.mark.django_db
def test_a_change_shows_in_the_next_search(client_for, role_users):
    from kompas.library import services as library_services
    from kompas.library.choices import ItemKind

    library_factories.item(title=f"Værktøj om {WORD}")
    client = client_for("employee")
    assert "Værktøj om" in _fresh(client) and "Historien om" not in _fresh(client)
    library_services.item_save(
        actor=role_users["programme"],
        kind=ItemKind.CASE,
        title=f"Historien om {WORD}",
        body="Sådan gjorde vi.",
        dated=dt.date(2026, 3, 1),
        publication_status="published",
        audience=Audience.PUBLIC,
    )
    assert "Historien om" in _fresh(client)
    assert "Historien om" in _fresh(client_for("citizen"))


@pytest.mark.django_db
def test_readers_of_one_scope_find_the_same(role_users):
    """A module's ``scope`` is exactly what decides what a reader finds: every two users its app puts in one
    scope find the same hits, so sharing them shows nobody anything else than their own search would."""
    from django.contrib.auth.models import AnonymousUser

    from kompas.proposals.tests import factories as proposal_factories

    _plant()
    proposal_factories.proposal(title=f"Kladde om {WORD}")
    users = [AnonymousUser(), *role_users.values()]
    shared = 0
    for provider in site_search.providers():
        if provider.scope is None:
            continue
        found: dict[object, list[tuple[str, str]]] = {}
        for user in users:
            scope = provider.scope(user)
            if scope is None or (provider.rule is not None and not provider.rule.test(user)):
                continue
            hits = [(hit.title, hit.url) for hit in provider.search(user, WORD, 50)]
            if scope in found:
                shared += 1
                assert hits == found[scope], (provider.key, scope, user)
            found[scope] = hits
    assert shared > 10


@pytest.mark.django_db
def test_staff_share_the_search_of_the_modules_everyone_on_staff_sees(client_for):
    """The second member of staff to search reads the shared modules' hits: only their own modules are asked."""
    _plant()
    with CaptureQueriesContext(connection) as first:
        _fresh(client_for("employee"))
    with CaptureQueriesContext(connection) as second:
        html = _fresh(client_for("leader"))
    assert "Interne zebrafinker i skolegården" in html
    assert len(second.captured_queries) < len(first.captured_queries) - 5


# --- Queries --------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "employee", "programme"])
def test_the_query_count_does_not_depend_on_the_data(client_for, role):
    client = client_for(role)
    _plant(1, "a")
    _page(client)  # warm caches (sessions, content types)
    cache.clear()  # the page as rendered, not the anonymous page cache (the factories bump no version)
    with CaptureQueriesContext(connection) as small:
        _page(client)
    _plant(10, "b")
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        html = _page(client)
    seen = "Værktøj om zebrafinker b" if role == "anonymous" else "Interne zebrafinker i skolegården b"
    assert seen in html
    assert len(large.captured_queries) == len(small.captured_queries), (
        len(small.captured_queries),
        len(large.captured_queries),
    )


# --- The page ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_hit_is_escaped_and_its_words_marked(client_for):
    item = library_factories.item(
        title="<script>alert(1)</script> om zebrafinker", body="Når <b>zebrafinker</b> & spurve synger."
    )
    html = _page(client_for("anonymous"))
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>zebrafinker</mark>" in html and "&lt;b&gt;" in html and "&amp; spurve" in html
    assert f'href="{reverse("library:detail", kwargs={"pk": item.pk})}"' in html


@pytest.mark.parametrize(
    ("name", "key", "value"),
    [
        ("library:detail", "pk", 12),
        ("citygoals:detail", "slug", "groenne-tage_2"),
        ("collaborations:answer-external", "token", "a b æ?x=1&y#"),
    ],
)
def test_a_hit_links_where_reverse_links(name, key, value):
    assert site_search.url_maker(name, key)(value) == reverse(name, kwargs={key: value})


# --- Matching -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_matching_ranks_the_title_above_the_text(role_users):
    in_title = CityGoal.objects.create(slug="a", title="Zebrafinker i byen", description="Fugle.", order=90)
    in_text = CityGoal.objects.create(slug="b", title="Fugle i byen", description="Om zebrafinker.", order=91)
    CityGoal.objects.create(slug="c", title="Grønne tage", description="Planter.", order=92)
    found = list(
        matching(
            CityGoal.objects.all(), "zebrafinke", fields=(("title", "A"), ("description", "B"))
        ).order_by("-rank", "pk")
    )
    assert found == [in_title, in_text]
    assert not matching(CityGoal.objects.all(), "   ", fields=(("title", "A"),)).exists()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's danish text search")
def test_postgres_stems_danish_words(role_users):
    goal = CityGoal.objects.create(
        slug="samarbejde",
        title="Stærke fællesskaber",
        description="Vi samarbejder med foreningerne.",
        order=90,
    )
    other = CityGoal.objects.create(
        slug="tage", title="Grønne tage", description="Planter på husene.", order=91
    )
    planted = CityGoal.objects.filter(pk__in=[goal.pk, other.pk])
    fields = (("title", "A"), ("description", "B"))
    for query in ("samarbejde", "forening", "fællesskabet", "foreninger og samarbejder", "huset"):
        expected = [other] if query == "huset" else [goal]
        assert list(matching(planted, query, fields=fields)) == expected, query
    assert not matching(planted, "samarbejde -forening", fields=fields).exists()
    groups = search_all(role_users["citizen"], "samarbejdet foreningerne", limit=5)
    assert "Stærke fællesskaber" in [shown.hit.title for group in groups for shown in group.hits]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "employee", "programme"])
def test_a_hit_reads_only_what_its_row_loaded(client_for, monkeypatch, role):
    """Each module loads only the fields its hits show (``Hits.reads`` names what its functions read, such as a
    status label): a field read from a row that did not load it would cost one more query per hit."""
    from django.db.models import Model

    from kompas.proposals.tests import factories as proposal_factories

    _plant(2, "a")
    proposal_factories.proposal(title="Zebrafinker i rådhushaven")
    loaded: list[tuple[str, object]] = []
    original = Model.refresh_from_db

    def refresh(self, *args, **kwargs):
        loaded.append((type(self).__name__, kwargs.get("fields")))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Model, "refresh_from_db", refresh)
    html = _page(client_for(role))
    if role == "programme":  # status labels read by functions: the farewell list's and the council proposal's
        assert "Zebrafinker i rådhushaven" in html and "Ugentlig optælling af zebrafinker a1" in html
    assert "Værktøj om zebrafinker a1" in html
    assert loaded == []


def test_a_hit_keeps_its_date_kind_and_marks_escaped():
    hit = SearchHit(
        title='Tom & "Jerry" <b>',
        url="/a/?x=1&y=2",
        snippet="",
        kind_label="Mål <i>",
        date=dt.datetime(2026, 5, 31, 22, 30, tzinfo=dt.UTC),  # 1 June in Copenhagen
    )
    parts = [site_search.Part("Om ", False), site_search.Part("<zebra>", True)]
    html = site_search.ShownHit(hit, parts).html
    assert html == (
        '<li class="mb-5"><h3 class="h4 mb-1"><a href="/a/?x=1&amp;y=2">Tom &amp; &quot;Jerry&quot; &lt;b&gt;</a>'
        '</h3><p class="mt-0 mb-1"><small>Mål &lt;i&gt; · 01.06.2026</small></p>'
        '<p class="mt-0">Om <mark>&lt;zebra&gt;</mark></p></li>'
    )
