"""Administrators set how often children in care are visited by their social worker."""

from django.contrib import admin

from steadfast.accounts.admin import LocalSettingAdmin

from .models import VisitingPolicy


@admin.register(VisitingPolicy)
class VisitingPolicyAdmin(LocalSettingAdmin):
    list_display = ("__str__", "created_at")
