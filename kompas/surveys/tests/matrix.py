from kompas.core.access_matrix import LEADERS, PROGRAMME, PUBLIC, SIGNED_IN, Expect, api, redirecting

# A unit's page: its leaders and programme staff; the test leader leads no unit, so gets the same 404 as for a
# unit that does not exist.
UNIT_PAGE = {**PROGRAMME, "leader": 404}


def _fixture() -> dict:
    from kompas.surveys.models import Wave
    from kompas.surveys.tests import factories

    wave = Wave.objects.filter(title="Matrix-måling").first()
    if wave is None:
        unit = factories.unit("Matrix-enhed")
        pop = factories.population([(unit, "employee", 6), (unit, "leader", 2)], name="Matrix-population")
        wave = factories.closed_wave(pop)
        wave.title = "Matrix-måling"
        wave.save()
    return {"wave": wave, "unit": wave.population.people.first().unit}


def _wave():
    return {"pk": _fixture()["wave"].pk}


def _unit():
    found = _fixture()
    return {"pk": found["wave"].pk, "unit_pk": found["unit"].pk}


def _instrument():
    return {"pk": _fixture()["wave"].instrument_id}


def _draft_wave():
    from kompas.surveys.models import Population, Wave

    _fixture()
    wave = Wave.objects.filter(title="Matrix-kladde").first()
    if wave is None:
        from kompas.surveys import services

        wave = services.wave_create(
            instrument=services.instrument_install_default(),
            population=Population.objects.get(name="Matrix-population"),
            title="Matrix-kladde",
            year=2030,
            actor=None,
        )
    return wave


def _token():
    import secrets

    from kompas.surveys import services
    from kompas.surveys.choices import WaveStatus
    from kompas.surveys.models import Invitation, InvitationLink, Person

    wave = _draft_wave()
    if wave.status == WaveStatus.DRAFT:
        wave.status = WaveStatus.OPEN
        wave.save()
    person = Person.objects.filter(population=wave.population).first()
    invitation, _created = Invitation.objects.get_or_create(wave=wave, person=person)
    token = secrets.token_urlsafe(24)
    InvitationLink.objects.create(invitation=invitation, digest=services.invitation_digest(token))
    return {"token": token}


def _action_open():
    from kompas.surveys.models import Wave

    wave = _draft_wave()
    Wave.objects.filter(pk=wave.pk).update(status="draft")
    return {"pk": wave.pk, "action": "open"}


ENTRIES = {
    "surveys:index": Expect(LEADERS),
    "surveys:trends": Expect(LEADERS),
    "surveys:instrument": Expect(PROGRAMME, kwargs=_instrument),
    "surveys:instrument-succeed": Expect(
        redirecting(PROGRAMME),
        method="post",
        kwargs=_instrument,
    ),
    "surveys:population-import": Expect(PROGRAMME),
    "surveys:wave-create": Expect(PROGRAMME),
    "surveys:wave": Expect(PROGRAMME, kwargs=_wave),
    "surveys:wave-action": Expect(redirecting(PROGRAMME), method="post", kwargs=_action_open),
    "surveys:results": Expect(LEADERS, kwargs=_wave),
    "surveys:unit-results": Expect(UNIT_PAGE, kwargs=_unit),
    "surveys:export": Expect(LEADERS, kwargs=_wave),
    "surveys:answer": Expect(PUBLIC, kwargs=_token),
    "surveys:answer-done": Expect(PUBLIC),
    "surveys:my-invitation": Expect(SIGNED_IN),
    "api:survey_waves": Expect(api(LEADERS)),
    "api:survey_wave_results": Expect(api(LEADERS), kwargs=lambda: {"wave_id": _wave()["pk"]}),
}
