"""People and teams in the Django admin. The administrator makes and changes accounts but never
sets or sees a password: the add form has none, the change form shows none and the admin's
password page is closed; the owner chooses it through the activation link. Every change goes
through this app's services, so it is audited and, where it may widen what the account reads,
waits for a manager's confirmation (ADR 0036)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.http import Http404

from steadfast.accounts import services as account_services
from steadfast.accounts.admin import AdministratorsOnly
from steadfast.accounts.models import Role, Team, User

from . import services

EMAIL_REQUIRED = "Enter the person's work email address: their activation link is sent there"


class AccountAddForm(forms.ModelForm):
    """A new account's details, without a password."""

    class Meta:
        model = User
        fields = (
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "team",
            "line_manager",
            "mobile_number",
        )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].error_messages["required"] = EMAIL_REQUIRED
        self.fields[
            "email"
        ].help_text = "The activation link, with which they choose their password, is sent here."


@admin.register(User)
class SteadfastUserAdmin(AdministratorsOnly, UserAdmin):
    add_form = AccountAddForm
    list_display = (
        "username",
        "first_name",
        "last_name",
        "role",
        "team",
        "is_active",
        "activated",
        "confirmed",
    )
    list_filter = ("role", "team", "is_active")
    readonly_fields = (
        "last_login",
        "date_joined",
        "activated_at",
        "confirmed_at",
        "confirmed_by",
        "confirmation_asked_by",
        "confirmation_asked_at",
        "confirmation_refused_at",
    )
    fieldsets = (
        (None, {"fields": ("username",)}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Steadfast", {"fields": ("role", "team", "line_manager", "mobile_number")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
        (
            "Activation and confirmation",
            {
                "fields": (
                    "activated_at",
                    "confirmed_at",
                    "confirmed_by",
                    "confirmation_asked_by",
                    "confirmation_asked_at",
                    "confirmation_refused_at",
                )
            },
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "role",
                    "team",
                    "line_manager",
                    "mobile_number",
                )
            },
        ),
    )
    actions = ("send_activation_link", "end_sessions", "reset_second_factor")

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # A connected system's account is made only by registering the system (Registered
        # systems, in the security pages), which gives it its client credentials and teams.
        if db_field.name == "role":
            choices = db_field.get_choices(include_blank=True)
            kwargs["choices"] = [choice for choice in choices if choice[0] != Role.CONNECTED_SYSTEM]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.role == Role.CONNECTED_SYSTEM:
            return (*fields, "role")
        return fields

    @admin.display(boolean=True, description="Activated")
    def activated(self, obj: User) -> bool:
        return obj.activated_at is not None

    @admin.display(boolean=True, description="Confirmed")
    def confirmed(self, obj: User) -> bool:
        return obj.confirmed_at is not None

    def user_change_password(self, request, id, form_url=""):
        # Only the owner sets a password: through their activation link, then on their account.
        raise Http404

    def save_model(self, request, obj: User, form, change: bool) -> None:
        if change:
            names = [n for n in form.changed_data if n in services.ACCOUNT_FIELDS or n == "is_active"]
            services.change_account(
                actor=request.user, user=obj, changes={n: form.cleaned_data[n] for n in names}
            )
            return
        data = form.cleaned_data
        made = services.create_account(
            actor=request.user,
            username=data["username"],
            email=data["email"],
            role=data["role"],
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            team=data.get("team"),
            line_manager=data.get("line_manager"),
            mobile_number=data.get("mobile_number", ""),
        )
        # The admin goes on with the object it built: it is now the saved account.
        obj.pk = made.pk
        obj.password = made.password
        obj._state.adding = False
        obj._state.db = made._state.db

    @admin.action(description="Send a new activation link (for one that expired)")
    def send_activation_link(self, request, queryset) -> None:
        sent = 0
        for user in queryset:
            try:
                services.send_new_activation_link(actor=request.user, user=user)
                sent += 1
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.WARNING)
        self.message_user(request, f"Sent {sent} activation links.", messages.SUCCESS)

    @admin.action(description="End their sessions (they must sign in again)")
    def end_sessions(self, request, queryset) -> None:
        for user in queryset:
            account_services.end_sessions(actor=request.user, user=user)
        self.message_user(request, f"Ended the sessions of {len(queryset)} people.", messages.SUCCESS)

    @admin.action(description="Remove their second factor (after a lost phone; they set up a new one)")
    def reset_second_factor(self, request, queryset) -> None:
        for user in queryset:
            account_services.reset_second_factor(actor=request.user, user=user)
            account_services.end_sessions(actor=request.user, user=user)
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

    def save_model(self, request, obj: Team, form, change: bool) -> None:
        if change:
            names = [n for n in form.changed_data if n in ("name", "kind", "manager")]
            services.change_team(
                actor=request.user, team=obj, changes={n: form.cleaned_data[n] for n in names}
            )
            return
        made = services.create_team(
            actor=request.user,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            manager=form.cleaned_data.get("manager"),
        )
        obj.pk = made.pk
        obj._state.adding = False
        obj._state.db = made._state.db
