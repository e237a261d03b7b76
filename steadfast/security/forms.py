"""The owner's activation form, the filters of the list of account changes, and registering a
system to call the API."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from steadfast.accounts import tokens
from steadfast.accounts.forms import NEW_PASSWORD_HINT
from steadfast.accounts.models import Scope, Team, User
from steadfast.core.forms import GovukForm

from .selectors import people_for_account_filter
from .services import ACCOUNT_CHANGE_KINDS

PERSON_NOT_OFFERED = "Choose a person from the list"
KIND_NOT_OFFERED = "Choose a kind of change from the list"
PASSWORDS_DIFFER = "The two passwords are not the same. Enter the same password twice"


class ActivationForm(GovukForm, SetPasswordForm):
    """The owner's new password twice, checked by the password validators."""

    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": PASSWORDS_DIFFER}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Choose a password"
        self.fields["new_password1"].help_text = NEW_PASSWORD_HINT
        self.fields["new_password1"].error_messages["required"] = "Enter a password"
        self.fields["new_password2"].label = "Enter the password again"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Enter the password again"


class AccountChangesFilterForm(GovukForm):
    person = forms.ModelChoiceField(
        label="Person",
        queryset=User.objects.none(),
        required=False,
        empty_label="Everyone",
        error_messages={"invalid_choice": PERSON_NOT_OFFERED},
    )
    kind = forms.ChoiceField(
        label="Kind of change",
        choices=[("", "Every kind"), *ACCOUNT_CHANGE_KINDS.items()],
        required=False,
        error_messages={"invalid_choice": KIND_NOT_OFFERED},
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_for_account_filter(user)
        self.fields["person"].label_from_instance = lambda p: (
            f"{p.get_full_name() or p.username} ({p.username})"
        )


SCOPE_NOT_OFFERED = "Choose what the system may do from the list"
TEAM_NOT_OFFERED = "Choose teams from the list"


class ApiClientRegisterForm(GovukForm):
    """A system to register: its name, what it may do, and the teams whose cases it sees."""

    name = forms.CharField(
        label="Name of the system",
        max_length=tokens.NAME_LENGTH,
        help_text="As people at the authority know it, such as “Case management system”",
        error_messages={"required": tokens.CLIENT_NAME_MISSING, "max_length": tokens.NAME_TOO_LONG},
    )
    scopes = forms.MultipleChoiceField(
        label="What the system may do",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": tokens.NO_SCOPE, "invalid_choice": SCOPE_NOT_OFFERED},
    )
    teams = forms.ModelMultipleChoiceField(
        label="Teams whose cases it works on",
        queryset=Team.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=(
            "It sees the children allocated to these teams' members and those living in households "
            "they supervise, and the children it adds itself. It never sees a restricted record. "
            "With no team, it sees only the children it adds."
        ),
        error_messages={
            "invalid_choice": TEAM_NOT_OFFERED,
            "invalid_pk_value": TEAM_NOT_OFFERED,
        },
    )
