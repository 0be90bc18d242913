from django.contrib import admin

from .models import Criterion, Fund, Pool, PoolYear, Round, Theme


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ("name", "is_active")


@admin.register(Pool)
class PoolAdmin(admin.ModelAdmin):
    list_display = ("name", "fund", "kind", "annual_amount")


@admin.register(PoolYear)
class PoolYearAdmin(admin.ModelAdmin):
    list_display = ("pool", "year", "budget")


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "fund", "order", "is_active")


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("name", "fund", "is_main", "order", "is_active")


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("title", "fund", "opens_at", "closes_at", "sealed")
