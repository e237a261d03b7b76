"""Administrators set how soon after a placement ends its disruption meeting or learning circle
is due."""

from django.contrib import admin

from steadfast.accounts.admin import LocalSettingAdmin

from .models import MeetingTimescale


@admin.register(MeetingTimescale)
class MeetingTimescaleAdmin(LocalSettingAdmin):
    list_display = ("kind", "working_days")
