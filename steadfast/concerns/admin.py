"""Administrators set the authority's own response timescales for concerns that are not
imminent; breakdown imminent is always five working days."""

from django.contrib import admin

from steadfast.accounts.admin import AdministratorsOnly

from .models import ConcernTimescale


@admin.register(ConcernTimescale)
class ConcernTimescaleAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ("urgency", "working_days")
    exclude = ("created_by", "updated_by")

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "urgency":
            kwargs["choices"] = [c for c in db_field.choices if c[0] != "breakdown_imminent"]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        obj.created_by = obj.created_by or request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
