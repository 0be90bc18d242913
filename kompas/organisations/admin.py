from django.contrib import admin

from .models import Department, Membership, PartnerOrganisation, Unit


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "order")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "department", "is_active")
    list_filter = ("department", "is_active")
    search_fields = ("name",)


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "cvr")
    list_filter = ("kind",)
    search_fields = ("name", "cvr")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "organisation", "role")
    list_filter = ("role",)
    raw_id_fields = ("user", "unit", "organisation")
