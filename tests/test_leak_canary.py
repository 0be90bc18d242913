"""The leak canary: a unique marker in every kind of private object, and no page shows it to the wrong role.

``tests/canary_plant.py`` builds the data once for the module (inside a transaction that is rolled back at the
end): one user per role and one private object per marker kind, with ``ALLOWED`` saying which roles may see
each kind. The crawl then requests, with GET, every URL pattern of the URLconf (``get_resolver()`` walked
recursively, Django's admin left out) and every GET path of ``/api/openapi.json``, as every role, and looks
for every marker in every body – HTML, CSV, JSON, ZIP members, and the text of DOCX (python-docx) and PDF
(pypdf) files.

Path parameters are filled by name and by the model the URL looks up (``PK_MODELS``, matched on the route):
every planted instance of that model is requested, so a URL with ``<int:pk>`` is requested once per planted
object of its model (at most ``SAMPLE`` of them); ``activity:history`` is requested once per planted object of
every model (its ``type_id``/``object_id`` pair). A URL with a parameter the canary cannot fill fails the test,
so a new URL is never silently skipped.

Skipped: ``core:language`` (changes the session's language on GET) and ``accounts:logout``. POST-only views
answer a GET with 405 and are requested anyway. The run prints ``URLs × roles × markers`` at the end (``-s``).
Measured on SQLite: see the report line printed by the test.
"""

import io
import json
import re
import time
import zipfile
from collections import defaultdict

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.canary_plant import ALLOWED, ROLES, plant

# Marked so that pytest-django sets up the test database; each test only reads the crawl's findings.
pytestmark = pytest.mark.django_db

SKIP = {"core:language", "accounts:logout", "api:api-root"}
SAMPLE = 6
PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
API_PARAM = re.compile(r"{(?P<name>[^}]+)}")

# Which model an integer ``pk`` names, by the start of the URL's route (first match wins).
PK_MODELS = [
    ("accounts/people/", "accounts.User"),
    ("accounts/profile/tokens/", "accounts.ApiToken"),
    ("city-goals/manage/", "citygoals.CityGoal"),
    ("goals/indicators/", "goals.Indicator"),
    ("goals/", "goals.Goal"),
    ("value-map/city-goal/", "citygoals.CityGoal"),
    ("dialogues/", "dialogues.Forum"),
    ("fund/rounds/", "fund.Round"),
    ("fund/projects/", "fund.Project"),
    ("fund/milestones/", "fund.Milestone"),
    ("fund/applications/", "fund.Application"),
    ("fund/co-applicants/", "fund.CoApplicant"),
    ("fund/attachments/", "fund.Attachment"),
    ("fund/confirmations/", "fund.CoApplicant"),
    ("fund/assess/", "fund.Assignment"),
    ("fund/advisory/", "fund.Application"),
    ("fund/directors/", "fund.Application"),
    ("fund/manage/rounds/", "fund.Round"),
    ("fund/manage/applications/", "fund.Application"),
    ("fund/manage/settings/", "fund.Theme"),
    ("collaborations/rounds/", "collaborations.ReflectionRound"),
    ("collaborations/", "collaborations.Collaboration"),
    ("farewell/", "stoplist.FarewellProposal"),
    ("surveys/spoergeskema/", "surveys.Instrument"),
    ("surveys/runde/", "surveys.Wave"),
    ("trials/iterations/", "trials.Iteration"),
    ("trials/", "trials.Trial"),
    ("proposals/from-fund/", "fund.Application"),
    ("proposals/templates/", "proposals.ProposalTemplate"),
    ("proposals/", "proposals.Proposal"),
    ("hearings/foretraede/", "hearings.ForetraedeRequest"),
    ("hearings/attachments/", "hearings.AnswerAttachment"),
    ("hearings/", "hearings.Hearing"),
    ("library/", "library.LibraryItem"),
    ("learning/sessions/", "learning.Session"),
    ("learning/materials/", "learning.Material"),
    ("learning/", "learning.LearningForum"),
    ("paths/manage/paths/", "compass.Path"),
    ("paths/manage/pivots/", "compass.Pivot"),
]
# A secret link is the key: whoever holds it (whatever their role) may see these kinds on that page.
TOKEN_HOLDER = {"hearings:receipt": {"hearinganswer"}, "collaborations:answer-external": {"collaboration"}}
# API parameters: which model (or token) an id names.
API_MODELS = {
    "forum_id": "dialogues.Forum",
    "wave_id": "surveys.Wave",
    "proposal_id": "proposals.Proposal",
}


def _walk(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or '?'}", prefix + str(entry.pattern)


def _pks(p, label: str) -> list:
    from django.apps import apps

    planted = [o.pk for o in p.objects.get(label, [])]
    if planted:
        return planted[:SAMPLE]
    model = apps.get_model(label)
    return list(model.objects.order_by("pk").values_list("pk", flat=True)[:1]) or [999999]


def _fill(route: str, name: str, p) -> list[dict[str, str]]:
    """Every combination of arguments to request ``route`` with; raises KeyError for one it cannot fill."""
    params = [m.group("name") for m in PARAM.finditer(route)]
    if not params:
        return [{}]
    from django.apps import apps

    from kompas.citygoals.models import CityGoal
    from kompas.core import paths as core_paths

    if name == "activity:history":
        out = []
        for label, objects in p.objects.items():
            type_id = ContentType.objects.get_for_model(apps.get_model(label)).pk
            out += [{"type_id": type_id, "object_id": o.pk} for o in objects[:SAMPLE]]
        return out
    owner_dept = p.extra["owner_unit"].department.slug
    fixed = {
        "surveys:unit-results": [{"pk": w, "unit_pk": u} for w, u in p.extra["survey_units"]],
        "valuemap:download": [
            {"dataset": d, "fmt": f} for d in ("goals", "indicators", "data-points") for f in ("csv", "json")
        ],
        "valuemap:goal": [{"goal_id": pk} for pk in _pks(p, "goals.Goal")],
        "proposals:version": [{"pk": pk, "number": 1} for pk in _pks(p, "proposals.Proposal")],
        "proposals:citable": [
            {"pk": pk, "field": field}
            for pk in _pks(p, "proposals.Proposal")
            for field in ("cited_goals", "cited_trials")
        ],
        "surveys:wave-action": [{"pk": pk, "action": "open"} for pk in _pks(p, "surveys.Wave")],
        "fund:config-new": [{"kind": "theme"}],
        "fund:config-edit": [{"kind": "theme", "pk": pk} for pk in _pks(p, "fund.Theme")],
        "accounts:password-reset-confirm": [{"uidb64": "MQ", "token": "invalid-token"}],
        "collaborations:answer-external": [{"token": t} for t in p.tokens["collab_token"]],
        "surveys:answer": [{"token": t} for t in p.tokens["survey_token"]],
        "hearings:confirm": [{"token": t} for t in p.tokens["hearing_confirm"]],
        "hearings:receipt": [{"token": t} for t in p.tokens["hearing_receipt"]],
        "council:committee": [{"slug": s} for s in ("boern-og-unge-udvalget", "oekonomiudvalget")],
        "compass:path": [{"slug": s} for s in ("lytte", "loese", "laere", "lede")],
        # The tag page names the item: every planted object of a kind that is on the paths.
        "compass:tag": [
            {"label": label.lower(), "pk": o.pk}
            for label, objects in p.objects.items()
            if core_paths.provider_for(label) is not None
            for o in objects[:SAMPLE]
        ]
        or [{"label": "library.libraryitem", "pk": 999999}],
    }
    if name in fixed:
        return fixed[name]
    if params == ["slug"]:
        if name.startswith("citygoals:"):
            return [{"slug": CityGoal.objects.order_by("order").first().slug}]
        return [{"slug": owner_dept}]
    if params == ["slug", "year"]:
        return [{"slug": owner_dept, "year": p.extra["fund_year"]}]
    if params == ["pk"]:
        for start, label in PK_MODELS:
            if route.startswith(start):
                return [{"pk": pk} for pk in _pks(p, label)]
    raise KeyError(f"{name} ({route}): the canary cannot fill {params}")


def _concrete(route: str, kwargs: dict) -> str:
    return "/" + PARAM.sub(lambda m: str(kwargs[m.group("name")]), route)


def _api_urls(client, p) -> list[tuple[str, str]]:
    schema = json.loads(client.get("/api/openapi.json").content)
    urls = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        names = API_MODELS.keys() & {m.group("name") for m in API_PARAM.finditer(path)}
        if not API_PARAM.search(path):
            urls.append(("api " + path, path))
            continue
        if "slug" in path:
            from kompas.citygoals.models import CityGoal

            urls.append(
                ("api " + path, path.replace("{slug}", CityGoal.objects.order_by("order").first().slug))
            )
            continue
        (param,) = names
        urls += [
            ("api " + path, path.replace("{" + param + "}", str(pk))) for pk in _pks(p, API_MODELS[param])
        ]
    return urls


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "wordprocessingml" in kind or body[:2] == b"PK" and b"word/" in body[:2000]:
        import docx

        document = docx.Document(io.BytesIO(body))
        parts = [para.text for para in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join(parts).lower()
    if "pdf" in kind or body[:5] == b"%PDF-":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages).lower()
    if "zip" in kind or body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()).lower()
    return body.decode("utf-8", "replace").lower()


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker):
    """Plant, crawl, and hand the findings to the tests; everything is rolled back afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _crawl(plant())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _crawl(p) -> dict:
    started = time.monotonic()
    clients = {}
    for role in ROLES:
        clients[role] = Client(raise_request_exception=False)
        if role != "anonymous":
            clients[role].force_login(p.users[role])
    targets: list[tuple[str, str]] = []  # (name, url)
    unfillable = []
    for name, route in _walk():
        if name.startswith("admin:") or name in SKIP or route.startswith("api/"):
            continue
        try:
            targets += [(name, _concrete(route, kwargs)) for kwargs in _fill(route, name, p)]
        except KeyError as exc:
            unfillable.append(str(exc))
    targets += _api_urls(clients["anonymous"], p)
    targets = list(dict.fromkeys(targets))
    needles = dict(p.markers)
    leaks, seen, errors = [], defaultdict(set), []
    statuses = defaultdict(int)
    for name, url in targets:
        for role in ROLES:
            response = clients[role].get(url)
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                errors.append(f"{response.status_code} {role} {url} ({name})")
                continue
            text = _text(response)
            for kind, needle in needles.items():
                if needle in text:
                    seen[kind].add(role)
                    if role not in ALLOWED[kind] and kind not in TOKEN_HOLDER.get(name, ()):
                        leaks.append((url, role, kind))
    elapsed = time.monotonic() - started
    summary = (
        f"leak canary: {len(targets)} URLs × {len(ROLES)} roles × {len(needles)} markers = "
        f"{len(targets) * len(ROLES) * len(needles)} checks ({len(targets) * len(ROLES)} requests, "
        f"statuses {dict(sorted(statuses.items()))}) in {elapsed:.0f} s"
    )
    print("\n" + summary)
    return {"leaks": leaks, "seen": seen, "errors": errors, "unfillable": unfillable, "summary": summary}


def test_every_url_can_be_filled(crawl):
    assert not crawl["unfillable"], crawl["unfillable"]


def test_no_private_marker_reaches_a_role_that_may_not_see_it(crawl):
    leaks = sorted(set(crawl["leaks"]), key=lambda leak: (leak[2], leak[0], leak[1]))
    listing = "\n".join(f"  {kind:17} {role:20} {url}" for url, role, kind in leaks)
    assert not leaks, f"{len(leaks)} leaks (marker kind, role, url):\n{listing}\n{crawl['summary']}"


def test_the_canary_sees_markers_where_they_are_allowed(crawl):
    """The positive control: every kind that someone may see shows to at least one allowed role, so a page
    that stops rendering markers (or a crawl that stops reaching them) cannot make the canary pass."""
    unseen = [
        kind
        for kind, allowed in ALLOWED.items()
        if allowed and kind not in UNSHOWN and not (crawl["seen"][kind] & allowed)
    ]
    assert not unseen, f"kinds never shown to an allowed role: {unseen}; seen: {dict(crawl['seen'])}"


def test_no_page_fails_while_crawled(crawl):
    assert not crawl["errors"], "\n".join(crawl["errors"])


# Kinds that no page is meant to show, even to those allowed (kept in the data so a leak would be caught):
# the population's e-mail addresses are used for sending invitations only; a dialogue participant's own id
# (``external_id``, the "voter" kind) is not in the Pol.is export either, which numbers participants itself.
UNSHOWN: set[str] = {"invitee", "voter"}
