from django.contrib import admin

from .models import Committee, CommitteeMembership


class MembershipInline(admin.TabularInline):
    model = CommitteeMembership
    extra = 1
    autocomplete_fields = ("user",)


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "from_seeds", "order", "is_active")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("departments",)
    inlines = [MembershipInline]
