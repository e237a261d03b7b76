"""Administrators set how soon carers' logs are reviewed."""

from django.contrib import admin

from steadfast.accounts.admin import LocalSettingAdmin

from .models import LogReviewPolicy


@admin.register(LogReviewPolicy)
class LogReviewPolicyAdmin(LocalSettingAdmin):
    list_display = ("__str__", "created_at")
