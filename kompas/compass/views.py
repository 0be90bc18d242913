from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from kompas.core import object_access
from kompas.core import paths as core_paths
from kompas.core.access import access, public
from kompas.core.page_cache import cache_anonymous_page

from . import selectors, services
from .forms import PathForm, PivotForm, TagForm
from .permissions import can_ask_to_tag, can_edit_compass


@public
@cache_anonymous_page()
def index(request):
    return render(
        request,
        "compass/index.html",
        {
            "paths": selectors.paths(),
            "pivots": selectors.pivots(),
            "can_edit": can_edit_compass.test(request.user),
        },
    )


@public
@cache_anonymous_page()
def path_detail(request, slug: str):
    path = selectors.path_get(slug=slug)
    page = selectors.path_page(user=request.user, path=path)
    sections = []
    for section in page.sections:
        # One question per section and model to the owning app: which of these may the reader tag?
        allowed: set[tuple[str, int]] = set()
        for label in {item.label for item in section.items}:
            pks = [item.pk for item in section.items if item.label == label]
            allowed |= {(label, pk) for pk in core_paths.taggable(user=request.user, label=label, pks=pks)}
        rows = [(item, (item.label, item.pk) in allowed) for item in section.items]
        sections.append({"section": section, "rows": rows})
    return render(
        request,
        "compass/path_detail.html",
        {"page": page, "path": path, "sections": sections, "can_edit": can_edit_compass.test(request.user)},
    )


@access(can_edit_compass, label="programme")
def manage(request):
    return render(request, "compass/manage.html", {"paths": selectors.paths(), "pivots": selectors.pivots()})


def _text_edit(request, text, form_class, update, kind: str):
    """Edit the texts of a path or a pivot (``kind``): saved through ``update``, then back to the list."""
    form = form_class(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        text = update(**{kind: text}, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The text of “%(name)s” has been saved.") % {"name": text.name})
        return redirect("compass:manage")
    return render(
        request, "compass/edit_form.html", {"form": form, "object": text, "is_path": kind == "path"}
    )


@access(can_edit_compass, label="programme")
def path_edit(request, pk: int):
    return _text_edit(request, selectors.path_get_by_pk(pk=pk), PathForm, services.path_update, "path")


@access(can_edit_compass, label="programme")
def pivot_edit(request, pk: int):
    return _text_edit(request, selectors.pivot_get_by_pk(pk=pk), PivotForm, services.pivot_update, "pivot")


@access(can_ask_to_tag, label="signed-in")
def tag(request, label: str, pk: int):
    """Put an item of any module on further paths. Who may read it and who may change it is its own app's rule:
    the same 404 for an item that does not exist and one the user may not see, 403 for one they may not change."""
    label = label.lower()
    target = object_access.get_for_user(user=request.user, label=label, pk=pk)
    if target is None or core_paths.provider_for(label) is None:
        raise Http404
    if not core_paths.may_tag(user=request.user, label=label, pk=pk):
        raise PermissionDenied
    natural = core_paths.natural_paths(label)
    all_paths = list(selectors.paths())
    further = [(p.code, p.name) for p in all_paths if p.code not in natural]
    current = [tag.path.code for tag in selectors.tags_of(label=label, pk=pk)]
    form = TagForm(request.POST or None, initial={"paths": current}, choices=further)
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.paths_tag(label=label, pk=pk, codes=form.cleaned_data["paths"], actor=request.user)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The paths of “%(title)s” have been saved.") % {"title": target})
            if back:
                return redirect(back)
            return redirect(
                target.get_absolute_url() if hasattr(target, "get_absolute_url") else "compass:index"
            )
    return render(
        request,
        "compass/tag_form.html",
        {
            "form": form,
            "target": target,
            "natural": [p for p in all_paths if p.code in natural],
            "next": back,
        },
    )
