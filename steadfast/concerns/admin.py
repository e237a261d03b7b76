"""Administrators set the authority's own response timescales for concerns that are not
imminent; breakdown imminent is always five working days."""

from django.contrib import admin

from steadfast.accounts.admin import LocalSettingAdmin

from .models import ConcernTimescale


@admin.register(ConcernTimescale)
class ConcernTimescaleAdmin(LocalSettingAdmin):
    list_display = ("urgency", "working_days")

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "urgency":
            kwargs["choices"] = [c for c in db_field.choices if c[0] != "breakdown_imminent"]
        return super().formfield_for_choice_field(db_field, request, **kwargs)
