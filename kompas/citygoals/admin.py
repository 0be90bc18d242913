from django.contrib import admin

from .models import CityGoal, Vision


@admin.register(CityGoal)
class CityGoalAdmin(admin.ModelAdmin):
    list_display = ("title", "order", "is_active", "is_default_text")
    list_editable = ("order", "is_active")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Vision)
class VisionAdmin(admin.ModelAdmin):
    list_display = ("title", "is_default_text")
