from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ActivityEntry


@admin.register(ActivityEntry)
class ActivityEntryAdmin(admin.ModelAdmin):
    """The technical admin lists who did what when. The before/after is read on the object-history page only,
    where the owning app and the verb's audience decide who sees it (ADR 0015)."""

    list_display = ("created_at", "actor", "verb", "what", "target_repr")
    list_filter = ("verb", "target_type")
    search_fields = ("target_repr", "verb")
    exclude = ("changes",)
    list_select_related = ("actor", "target_type")

    @admin.display(description=_("what"))
    def what(self, entry) -> str:
        from .verbs import label_for

        return str(label_for(entry.verb, entry.target_type.app_label if entry.target_type_id else ""))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
