from typing import Any, cast

import rules
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kompas.core import formats, versioned
from kompas.core.access import access, public
from kompas.core.csv_export import csv_response
from kompas.core.fragments import cached_html
from kompas.core.page_cache import cache_reader_page
from kompas.core.validators import CPR_ERROR
from kompas.organisations.models import Unit

from . import charts, panel, selectors, services
from .choices import Dimension, PersonRole, ResultsState, WaveStatus
from .forms import ItemForm, PopulationImportForm, SectionAnswerForm, ThresholdForm, WaveForm
from .models import Instrument, Wave, WaveResults
from .permissions import can_manage_surveys, can_view_results, can_view_unit

ROW_ERROR_TEXTS = {
    "missing_header": gettext_lazy("The first row must name the columns: %(detail)s."),
    "missing_field": gettext_lazy("Missing: %(detail)s."),
    "bad_role": gettext_lazy("“%(detail)s” is not a role (use leder or medarbejder)."),
    "duplicate": gettext_lazy("The employee number is already in line %(detail)s."),
    "bad_email": gettext_lazy("“%(detail)s” is not an e-mail address."),
    "unknown_department": gettext_lazy("There is no department called “%(detail)s”."),
    "unknown_unit": gettext_lazy("There is no unit called “%(detail)s” in that department."),
    "too_many_rows": gettext_lazy("The file has more than %(detail)s rows; the rest was not read."),
    "empty": gettext_lazy("The file holds no people."),
    "cpr": gettext_lazy("The line appears to contain a CPR number. Remove it and import the file again."),
    "not_csv": gettext_lazy("The file could not be read as CSV."),
}
SERVICE_ERRORS = {
    "instrument_in_use": gettext_lazy("The questionnaire is in use and cannot change. Make a new version."),
    "already_succeeded": gettext_lazy("This version already has a successor."),
    "duplicate_code": gettext_lazy("The code is already used in this questionnaire."),
    "options_needed": gettext_lazy("A choice question needs at least two answer options."),
    "threshold_too_low": gettext_lazy("The smallest group shown can never be below 3."),
    "panel_key_missing": gettext_lazy(
        "The panel key has not been set up – contact the operations team. Until then, answers cannot be "
        "linked across waves."
    ),
    "bad_transition": gettext_lazy("The wave cannot go to that status from where it is."),
    "not_open": gettext_lazy("The wave is not open."),
    "link_not_valid": gettext_lazy("The link is not valid, or the survey is closed."),
    "already_answered": gettext_lazy("You have already answered. Thank you."),
    "bad_value": gettext_lazy("An answer was not one of the options."),
    "cpr": CPR_ERROR,
    "missing": gettext_lazy("Please answer the required questions."),
    "wrong_section": gettext_lazy("The section belongs to another questionnaire."),
}


def _error(error: services.SurveyError) -> str:
    return str(SERVICE_ERRORS.get(error.code, error.code))


# --- Overview and administration ----------------------------------------------------------------------------


@access(can_view_results, label="leaders")
def index(request):
    manage = can_manage_surveys.test(request.user)
    led = selectors.led_unit_ids(request.user)
    return render(
        request,
        "surveys/index.html",
        {
            "waves": selectors.waves_all() if manage else selectors.waves_closed(),
            "instruments": selectors.instruments() if manage else [],
            "populations": selectors.populations() if manage else [],
            "manage": manage,
            "families": selectors.instrument_families(),
            "led_units": Unit.objects.filter(pk__in=led),
        },
    )


@access(can_manage_surveys, label="programme")
def instrument_detail(request, pk):
    try:
        instrument = selectors.instrument_detail(pk)
    except Instrument.DoesNotExist as error:
        raise Http404 from error
    form = ItemForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.item_add(
                instrument=instrument,
                section=data["section"],
                code=data["code"],
                kind=data["kind"],
                text=data["text"],
                dimension=data["dimension"],
                low_label=data["low_label"],
                high_label=data["high_label"],
                options=data["options"].splitlines(),
                actor=request.user,
            )
        except services.SurveyError as error:
            form.add_error("code" if error.code == "duplicate_code" else None, _error(error))
        else:
            messages.success(request, _("The question was added."))
            return redirect("surveys:instrument", pk=instrument.pk)
    return render(request, "surveys/instrument_detail.html", {"instrument": instrument, "form": form})


@require_POST
@access(can_manage_surveys, label="programme")
def instrument_succeed(request, pk):
    instrument = get_object_or_404(Instrument, pk=pk)
    try:
        new = services.instrument_succeed(instrument=instrument, actor=request.user)
    except services.SurveyError as error:
        messages.error(request, _error(error))
        return redirect("surveys:instrument", pk=instrument.pk)
    messages.success(
        request, _("Version %(version)s was made. Edit it before a wave uses it.") % {"version": new.version}
    )
    return redirect("surveys:instrument", pk=new.pk)


@access(can_manage_surveys, label="programme")
def population_import(request):
    form = PopulationImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        population, errors = services.population_import(
            name=form.cleaned_data["name"], text=form.cleaned_data["file"], actor=request.user
        )
        if population is not None:
            messages.success(request, _("The population was imported."))
            return redirect("surveys:index")
        row_errors = [
            {"line": e.line, "message": str(ROW_ERROR_TEXTS.get(e.code, e.code)) % {"detail": e.detail}}
            for e in errors[:200]
        ]
        form.add_error(
            "file",
            ngettext(
                "%(count)s row could not be read; nothing was imported.",
                "%(count)s rows could not be read; nothing was imported.",
                len(errors),
            )
            % {"count": formats.number(len(errors))},
        )
    return render(request, "surveys/population_import.html", {"form": form, "row_errors": row_errors})


@access(can_manage_surveys, label="programme")
def wave_create(request):
    form = WaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            wave = services.wave_create(
                instrument=data["instrument"],
                population=data["population"],
                title=data["title"],
                year=data["year"],
                min_group=data["min_group"],
                min_text_group=data["min_text_group"],
                panel_linkage=data["panel"],
                actor=request.user,
            )
        except services.SurveyError as error:
            form.add_error("panel" if error.code == "panel_key_missing" else None, _error(error))
        else:
            messages.success(request, _("The wave was created."))
            return redirect("surveys:wave", pk=wave.pk)
    return render(request, "surveys/wave_form.html", {"form": form})


@access(can_manage_surveys, label="programme")
def wave_detail(request, pk):
    wave = get_object_or_404(Wave.objects.select_related("instrument", "population"), pk=pk)
    form = ThresholdForm(
        request.POST or None, initial={"min_group": wave.min_group, "min_text_group": wave.min_text_group}
    )
    if request.method == "POST" and form.is_valid():
        services.wave_set_thresholds(
            wave=wave,
            min_group=form.cleaned_data["min_group"],
            min_text_group=form.cleaned_data["min_text_group"],
            actor=request.user,
        )
        messages.success(request, _("The thresholds were saved."))
        return redirect("surveys:wave", pk=wave.pk)
    return render(
        request,
        "surveys/wave_detail.html",
        {
            "wave": wave,
            "rate": selectors.response_rate(wave),
            "form": form,
            "panel_warning": str(SERVICE_ERRORS["panel_key_missing"])
            if wave.panel and wave.status == WaveStatus.DRAFT and not panel.is_configured()
            else "",
        },
    )


@require_POST
@access(can_manage_surveys, label="programme")
def wave_action(request, pk, action):
    wave = get_object_or_404(Wave, pk=pk)
    base_url = request.build_absolute_uri("/")
    try:
        if action == "open":
            services.wave_open(wave=wave, base_url=base_url, actor=request.user)
            messages.success(request, _("The wave is open and the invitations are on their way."))
        elif action == "remind":
            services.wave_remind(wave=wave, base_url=base_url, actor=request.user)
            messages.success(request, _("Reminders were sent to those who have not answered."))
        elif action == "close":
            closed = services.wave_close(wave=wave, actor=request.user)
            stored = selectors.stored_results(closed)
            if stored is not None and stored.state == ResultsState.READY:
                messages.success(request, _("The wave is closed. The results are ready."))
            else:
                messages.success(
                    request,
                    _("The wave is closed. The results are being calculated and are ready in a few minutes."),
                )
        else:
            raise Http404
    except services.SurveyError as error:
        messages.error(request, _error(error))
    return redirect("surveys:wave", pk=wave.pk)


# --- Results (everything through the disclosure layer in selectors) ---------------------------------------


def _closed_wave(pk) -> Wave:
    return get_object_or_404(Wave.objects.select_related("instrument"), pk=pk)


def _released(wave: Wave) -> WaveResults | None:
    """The wave's stored results (None while it is open); asked for when they are missing."""
    stored = selectors.stored_results(wave)
    if stored is None or stored.state != ResultsState.READY:
        stored = services.wave_results_request(wave=wave)
    return stored


@access(can_view_results, label="leaders")
@cache_reader_page(versioned.content_source)
def results(request, pk):
    # The usual case, ready results, is known from one query of plain values, read once per process for each
    # content version (a stored result saved bumps it): the figures are cached content.
    version = versioned.content_version(request)
    ready = versioned.kept(version, ("surveys:ready-wave", pk), lambda: selectors.ready_wave(pk))
    wave: Wave | selectors.ReadyWave | None = ready
    stored = None
    if ready is None:
        wave = _closed_wave(pk)
        stored = _released(wave)
        if stored is not None and stored.state == ResultsState.READY:
            ready = selectors.ReadyWave(wave.pk, wave.title, wave.instrument.name, stored.version)
    content = None
    if ready is not None:

        def build() -> str:
            full = wave if isinstance(wave, Wave) else _closed_wave(pk)
            found = cast(  # ready, so never None
                dict[str, Any], selectors.wave_results(full, stored or selectors.stored_results(full))
            )
            values = selectors.ranking(found, Dimension.VALUE)
            partners = selectors.ranking(found, Dimension.PARTNER)
            context = {
                "wave": full,
                "found": found,
                "values": values,
                "partners": partners,
                "values_chart": charts.bars(values),
                "partners_chart": charts.bars(partners),
                "roles": [(role, PersonRole(role).label) for role in _role_columns(found)],
                "tables": [_cross_table(r, found) for r in found["results"]],
            }
            return render_to_string("surveys/partials/results_content.html", context, request)

        # The same for everyone who may see results: keyed by the stored decision's version (and the language).
        content = cached_html(
            name="surveys-results", parts=(ready.version, ready.instrument_name), build=build
        )
    units = []
    if content is not None and can_manage_surveys.test(request.user):
        units = selectors.wave_units(wave if isinstance(wave, Wave) else _closed_wave(pk))
    return render(
        request,
        "surveys/results.html",
        {"wave": wave, "stored": stored, "content": content, "units": units},
    )


def _cross_table(result, found) -> dict:
    """Rows = departments (then everybody), columns = roles (then everybody); only published cells."""
    roles = _role_columns(found)
    cells = {c.key: c for c in result.cells}
    role_margin = {c.key[0]: c for c in result.by_role}
    rows = []
    for name, margin in result.by_department:
        dept_pk = next((pk for pk, n in found["departments"].items() if n == name), None)
        rows.append({"label": name, "cells": [cells.get((role, dept_pk)) for role in roles], "all": margin})
    rows.append(
        {
            "label": _("All"),
            "cells": [role_margin.get(role) for role in roles],
            "all": result.total,
            "total": True,
        }
    )
    return {"result": result, "rows": rows}


def _role_columns(found):
    return sorted({c.key[0] for r in found["results"] for c in r.cells})


@access(can_view_results, label="leaders")
def unit_results(request, pk, unit_pk):
    wave = _closed_wave(pk)
    unit = get_object_or_404(Unit, pk=unit_pk)
    if not can_view_unit.test(request.user, unit):
        raise Http404
    stored = _released(wave)
    figures = selectors.unit_results(wave, unit, stored) if stored is not None else None
    shown = [(row, cell) for row, cell in figures or [] if not cell.suppressed]
    return render(
        request,
        "surveys/unit_results.html",
        {
            "wave": wave,
            "unit": unit,
            "stored": stored,
            "figures": figures,
            "shown": shown,
            "texts": selectors.unit_texts(wave, unit),
        },
    )


def _waves_of_family(name: str) -> tuple[list[Wave], dict[int, WaveResults]]:
    """The family's closed waves and their stored results, as models; missing or failed results are asked for
    (with Celery eager they are ready when this returns)."""
    waves = selectors.closed_waves_by_family().get(name, [])
    stored = selectors.stored_results_of(waves)
    for wave in waves:
        if wave.pk not in stored or stored[wave.pk].state != ResultsState.READY:
            asked = services.wave_results_request(wave=wave)
            if asked is not None:
                stored[wave.pk] = asked
    return waves, stored


@access(can_view_results, label="leaders")
@cache_reader_page(versioned.content_source)
def trends(request):
    # The closed waves and their results' versions, read once per process for each content version.
    version = versioned.content_version(request)
    closed = versioned.kept(version, "surveys:closed-waves", selectors.closed_waves_with_results)
    families = sorted({wave.family for wave in closed})
    name = request.GET.get("instrument") or (families[0] if families else "")
    if name and name not in families:
        raise Http404
    in_family = [wave for wave in closed if wave.family == name]
    loaded: tuple[list[Wave], dict[int, WaveResults]] | None = None
    pending: list[Wave] = []
    if all(wave.ready_version is not None for wave in in_family):
        # The usual case: every wave's results are ready, and the key is known without reading any model.
        key = [(w.pk, w.year, w.title, w.min_group, w.ready_version) for w in in_family]
    else:
        loaded = waves, stored = _waves_of_family(name)
        ready = [w for w in waves if w.pk in stored and stored[w.pk].state == ResultsState.READY]
        pending = [w for w in waves if w not in ready]
        key = [(w.pk, w.year, w.title, w.min_group, stored[w.pk].version) for w in ready]

    def build() -> str:
        waves, stored = loaded or _waves_of_family(name)
        ready = [w for w in waves if w.pk in stored and stored[w.pk].state == ResultsState.READY]
        series = selectors.trend(name, waves=ready, stored=stored)
        shown = [p["wave"] for p in series[0]["points"]] if series else []
        thresholds = {wave.min_group for wave in shown}
        context = {
            "series": series,
            "waves": shown,
            "trend_charts": charts.lines(series),
            "min_n_for_change": selectors.MIN_N_FOR_CHANGE,
            "min_group": thresholds.pop() if len(thresholds) == 1 else None,  # the legend's k, when one
        }
        return render_to_string("surveys/partials/trends_content.html", context, request)

    # The same for everyone who may see results: keyed by the waves shown and their stored decisions' versions.
    content = None
    if key or not pending:
        content = cached_html(name="surveys-trends", parts=(name, key), build=build)
    return render(
        request,
        "surveys/trends.html",
        {"content": content, "name": name, "families": families, "pending": pending},
    )


@access(can_view_results, label="leaders")
def export(request, pk):
    wave = _closed_wave(pk)
    if wave.status != WaveStatus.CLOSED:
        raise Http404
    stored = _released(wave)
    if stored is None or stored.state != ResultsState.READY:
        messages.info(request, _("The results are being calculated. Download the file in a moment."))
        return redirect("surveys:results", pk=wave.pk)
    return csv_response(
        selectors.export_rows(wave, stored),
        header=[_("code"), _("question"), _("role"), _("department"), _("answers"), _("mean"), _("hidden")],
        filename=f"aarhuskompas-{wave.year}-{wave.pk}.csv",
    )


# --- Answering by invitation link (no login) --------------------------------------------------------------


@never_cache
@public
def answer(request, token):
    invitation = services.token_invitation(token)
    if invitation is None:
        raise Http404
    wave = invitation.wave
    if invitation.answered:
        return render(request, "surveys/answer_closed.html", {"wave": wave, "answered": True})
    if wave.status != WaveStatus.OPEN:
        return render(request, "surveys/answer_closed.html", {"wave": wave, "answered": False})
    sections = list(wave.instrument.sections.prefetch_related("items__options"))
    draft = services.draft_for(token)
    saved = draft.data if draft else {}
    last = len(sections)  # the review step comes after the last section
    try:
        step = int(request.GET.get("del", draft.section_index if draft else 0))
    except ValueError:
        step = 0
    step = max(0, min(step, last))
    if step == last:
        return _answer_review(request, token, wave, sections, saved)
    section = sections[step]
    items = list(section.items.all())
    form = SectionAnswerForm(request.POST or None, items=items, initial_answers=saved)
    if request.method == "POST" and form.is_valid():
        answers = {item.code: form.cleaned_data.get(item.code) for item in items}
        go = request.POST.get("go", "next")
        target = step + 1 if go == "next" else max(step - 1, 0) if go == "back" else step
        try:
            services.draft_save(token=token, answers=answers, section_index=target)
        except services.SurveyError as error:
            form.add_error(error.detail if error.detail in form.fields else None, _error(error))
        else:
            if go == "later":
                messages.success(request, _("Your answers are saved. Use the same link to continue."))
                return redirect(f"{request.path}?del={step}")
            return redirect(f"{request.path}?del={target}")
    return render(
        request,
        "surveys/answer.html",
        {
            "wave": wave,
            "section": section,
            "form": form,
            "step": step + 1,
            "steps": last,
            "percent": int(100 * step / last) if last else 100,
            "first": step == 0,
        },
    )


def _answer_review(request, token, wave, sections, saved):
    if request.method == "POST":
        if request.POST.get("go") == "back":
            return redirect(f"{request.path}?del={len(sections) - 1}")
        try:
            services.response_submit(token=token)
        except services.SurveyError as error:
            messages.error(request, _error(error))
            return redirect(f"{request.path}?del={len(sections)}")
        return redirect("surveys:answer-done")
    answered = sum(1 for s in sections for i in s.items.all() if i.code in saved)
    total = sum(len(s.items.all()) for s in sections)
    return render(
        request,
        "surveys/answer_review.html",
        {"wave": wave, "answered": answered, "total": total, "steps": len(sections), "sections": sections},
    )


@public
def answer_done(request):
    return render(request, "surveys/answer_done.html")


@never_cache
@access(rules.is_authenticated, label="signed-in")
def my_invitation(request):
    """The signed-in person's open invitation: answer now with a fresh personal link, or nothing to answer."""
    invitation = selectors.open_invitation_for(user=request.user)
    if request.method == "POST" and invitation is not None:
        try:
            token = services.invitation_link_for_invitee(invitation=invitation)
        except services.SurveyError as error:
            messages.error(request, _error(error))
        else:
            return redirect("surveys:answer", token=token)
    return render(request, "surveys/my_invitation.html", {"invitation": invitation})
