"""Administrators set how often fostering households are supervised."""

from django.contrib import admin

from steadfast.accounts.admin import AdministratorsOnly

from .models import SupervisionPolicy


@admin.register(SupervisionPolicy)
class SupervisionPolicyAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ("__str__", "created_at")
    exclude = ("created_by", "updated_by")

    def save_model(self, request, obj, form, change) -> None:
        obj.created_by = obj.created_by or request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
