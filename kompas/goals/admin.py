from django.contrib import admin

from .models import GoalPolicy, ReflectionQuestion, ReflectionQuestionSet


class ReflectionQuestionInline(admin.TabularInline):
    model = ReflectionQuestion
    extra = 0


@admin.register(ReflectionQuestionSet)
class ReflectionQuestionSetAdmin(admin.ModelAdmin):
    list_display = ("version", "is_current", "note", "created_at")
    inlines = [ReflectionQuestionInline]


admin.site.register(GoalPolicy)
