"""Administrators set how often children in care are visited by their social worker."""

from django.contrib import admin

from steadfast.accounts.admin import AdministratorsOnly

from .models import VisitingPolicy


@admin.register(VisitingPolicy)
class VisitingPolicyAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ("__str__", "created_at")
    exclude = ("created_by", "updated_by")

    def save_model(self, request, obj, form, change) -> None:
        obj.created_by = obj.created_by or request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
