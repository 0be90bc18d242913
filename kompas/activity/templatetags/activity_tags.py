from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

register = template.Library()


@register.simple_tag
def history_url(obj) -> str:
    """The address of the page that shows ``obj``'s history from the audit trail."""
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("activity:history", kwargs={"type_id": content_type.pk, "object_id": obj.pk})


@register.simple_tag
def verb_label(code: str, app_label: str = "") -> str:
    """The translated label of an audit verb (``activity.verbs``); the code for a verb nobody registered."""
    from kompas.activity.verbs import label_for

    return str(label_for(code, app_label))
