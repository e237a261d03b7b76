"""Administrators set the numbers the carers' portal gives carers to call."""

from django.contrib import admin

from steadfast.accounts.admin import LocalSettingAdmin

from .models import PortalContacts


@admin.register(PortalContacts)
class PortalContactsAdmin(LocalSettingAdmin):
    list_display = ("__str__", "duty_line_hours", "created_at")
