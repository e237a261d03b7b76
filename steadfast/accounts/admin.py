"""The Django admin, for administrators only: people and teams. Case records are not here, so
an administrator manages accounts without reading about children."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Role, Team, User


@admin.register(User)
class SteadfastUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "team", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Steadfast", {"fields": ("role", "team", "line_manager")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("Steadfast", {"fields": ("first_name", "last_name", "role", "team", "line_manager")}),
    )


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "manager")
    list_filter = ("kind",)
    exclude = ("created_by", "updated_by")


class AdministratorsOnlyAdminSite:
    """Only the administrator role may use the admin, whatever flags an account carries."""

    @staticmethod
    def has_permission(request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and user.role == Role.ADMINISTRATOR)


admin.site.has_permission = AdministratorsOnlyAdminSite.has_permission
admin.site.site_header = "Steadfast administration"
admin.site.site_title = "Steadfast administration"
