"""The Django admin, for administrators only: people and teams (registered by the security app,
whose services make and change accounts with their audit rows and confirmations) and the
authority's settings. Case records are not here, so an administrator manages accounts without
reading about children."""

from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import views
from .models import Role


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


# Only the administrator role may use the admin, whatever flags an account carries.
admin.site.has_permission = is_administrator
# One way in: the admin's sign-in and password pages are Steadfast's, with the second factor and
# the limits on guessing. Authenticator keys are secrets, never shown in the admin.
admin.site.login = views.admin_sign_in
admin.site.password_change = views.admin_password_change
admin.site.unregister(TOTPDevice)
admin.site.site_header = "Steadfast administration"
admin.site.site_title = "Steadfast administration"
