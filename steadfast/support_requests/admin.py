"""Administrators set how soon requests for help are acknowledged and answered."""

from django.contrib import admin

from steadfast.accounts.admin import LocalSettingAdmin

from .models import SupportRequestTimescale


@admin.register(SupportRequestTimescale)
class SupportRequestTimescaleAdmin(LocalSettingAdmin):
    list_display = ("__str__", "created_at")
