"""Administrators set how often fostering households are supervised."""

from django.contrib import admin

from steadfast.accounts.admin import LocalSettingAdmin

from .models import SupervisionPolicy


@admin.register(SupervisionPolicy)
class SupervisionPolicyAdmin(LocalSettingAdmin):
    list_display = ("__str__", "created_at")
