from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules import is_authenticated

from kompas.core.access import access
from kompas.core.roles import is_administrator, is_staff_member

from . import selectors, services


@access(is_authenticated, label="signed-in")
def notification_list(request):
    page = Paginator(selectors.notifications_for(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "activity/notification_list.html", {"page": page})


@access(is_authenticated, label="signed-in")
@require_POST
def notifications_mark_read(request):
    count = services.notifications_mark_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("activity:notifications")


@access(is_staff_member, label="staff")
def object_history(request, type_id: int, object_id: str):
    target_type = get_object_or_404(ContentType, pk=type_id)
    # A person's own record (accounts) is readable by administrators only; the same 404 as missing.
    if target_type.app_label == "accounts" and not is_administrator.test(request.user):
        raise Http404
    model = target_type.model_class()
    if model is None:
        raise Http404
    target = model._default_manager.filter(pk=object_id).first()
    entries = selectors.history_for(target_type=target_type, target_id=object_id)
    if target is None and not entries.exists():
        raise Http404
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "activity/object_history.html",
        {"target": target, "target_type": target_type, "object_id": object_id, "page": page},
    )
