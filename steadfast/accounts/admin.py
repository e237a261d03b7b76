"""The Django admin, for administrators only: people and teams. Case records are not here, so
an administrator manages accounts without reading about children."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Role, Team, User


def is_administrator(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and user.role == Role.ADMINISTRATOR)


class AdministratorsOnly:
    """What may be done in the admin follows the administrator role, not Django's per-model
    permissions, so the role alone decides who manages accounts and settings."""

    def has_module_permission(self, request) -> bool:
        return is_administrator(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_administrator(request)

    def has_add_permission(self, request, *args) -> bool:
        return is_administrator(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_administrator(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Accounts are switched off, never deleted: audit rows and case records name them.
        return False


class LocalSettingAdmin(AdministratorsOnly, admin.ModelAdmin):
    """An authority's own setting (a timescale, a policy): only administrators change it, and
    each row records who set it."""

    exclude = ("created_by", "updated_by")

    def save_model(self, request, obj, form, change) -> None:
        obj.created_by = obj.created_by or request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(User)
class SteadfastUserAdmin(AdministratorsOnly, UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "team", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Steadfast", {"fields": ("role", "team", "line_manager", "mobile_number")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (
            "Steadfast",
            {"fields": ("first_name", "last_name", "role", "team", "line_manager", "mobile_number")},
        ),
    )


@admin.register(Team)
class TeamAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ("name", "kind", "manager")
    list_filter = ("kind",)
    exclude = ("created_by", "updated_by")


# Only the administrator role may use the admin, whatever flags an account carries.
admin.site.has_permission = is_administrator
admin.site.site_header = "Steadfast administration"
admin.site.site_title = "Steadfast administration"
