"""The Django admin, for administrators only: people and teams. Case records are not here, so
an administrator manages accounts without reading about children."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services, views
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
    actions = ("end_sessions", "reset_second_factor")
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (
            "Steadfast",
            {"fields": ("first_name", "last_name", "role", "team", "line_manager", "mobile_number")},
        ),
    )

    @admin.action(description="End their sessions (they must sign in again)")
    def end_sessions(self, request, queryset) -> None:
        for user in queryset:
            services.end_sessions(actor=request.user, user=user)
        self.message_user(request, f"Ended the sessions of {len(queryset)} people.", messages.SUCCESS)

    @admin.action(description="Remove their second factor (after a lost phone; they set up a new one)")
    def reset_second_factor(self, request, queryset) -> None:
        for user in queryset:
            services.reset_second_factor(actor=request.user, user=user)
            services.end_sessions(actor=request.user, user=user)
        self.message_user(
            request,
            f"Removed the second factor of {len(queryset)} people and ended their sessions.",
            messages.SUCCESS,
        )


@admin.register(Team)
class TeamAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ("name", "kind", "manager")
    list_filter = ("kind",)
    exclude = ("created_by", "updated_by")


# Only the administrator role may use the admin, whatever flags an account carries.
admin.site.has_permission = is_administrator
# One way in: the admin's sign-in and password pages are Steadfast's, with the second factor and
# the limits on guessing. Authenticator keys are secrets, never shown in the admin.
admin.site.login = views.admin_sign_in
admin.site.password_change = views.admin_password_change
admin.site.unregister(TOTPDevice)
admin.site.site_header = "Steadfast administration"
admin.site.site_title = "Steadfast administration"
