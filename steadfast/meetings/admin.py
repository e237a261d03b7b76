"""Administrators set how soon after a placement ends its disruption meeting or learning circle
is due."""

from django.contrib import admin

from steadfast.accounts.admin import AdministratorsOnly

from .models import MeetingTimescale


@admin.register(MeetingTimescale)
class MeetingTimescaleAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ("kind", "working_days")
    exclude = ("created_by", "updated_by")

    def save_model(self, request, obj, form, change) -> None:
        obj.created_by = obj.created_by or request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
