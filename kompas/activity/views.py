from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules import is_authenticated

from kompas.core import object_access
from kompas.core.access import access
from kompas.core.paging import render_list
from kompas.core.roles import is_administrator, is_staff_member

from . import selectors, services


@access(is_authenticated, label="signed-in")
def notification_list(request):
    return render_list(
        request, "activity/notification_list.html", selectors.notifications_for(user=request.user)
    )


@access(is_authenticated, label="signed-in")
@require_POST
def notifications_mark_read(request):
    count = services.notifications_mark_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("activity:notifications")


@access(is_staff_member, label="staff")
def object_history(request, type_id: int, object_id: str):
    """The audit trail of one object. The app that owns the object decides whether the reader may see it
    (``core.object_access``, ADR 0015); each verb's audience decides which entries show. Missing, malformed
    and not allowed all get the same 404."""
    target_type = get_object_or_404(ContentType, pk=type_id)
    label = f"{target_type.app_label}.{target_type.model}"
    pk = object_access.clean_pk(label, object_id)
    if pk is None:
        raise Http404
    target = object_access.get_for_user(user=request.user, label=label, pk=pk)
    if target is not None:
        entries = selectors.history_for_user(user=request.user, target=target)
    else:
        # Missing or not allowed. The history of a deleted object is for administrators only.
        model = target_type.model_class()
        if (
            not is_administrator.test(request.user)
            or model is None
            or model._default_manager.filter(pk=pk).exists()
        ):
            raise Http404
        entries = selectors.history_for(target_type=target_type, target_id=str(pk))
        if not entries.exists():
            raise Http404
    return render_list(
        request,
        "activity/object_history.html",
        entries,
        per_page=50,
        target=target,
        target_type=target_type,
        object_id=str(pk),
    )
