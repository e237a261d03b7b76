import datetime

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils import timezone

from steadfast.core.forms import GovukDateField, GovukForm, SeenVersionForm
from steadfast.core.jinja2 import govuk_date

from . import passkeys, second_factor, tokens
from .models import AllocationRole, Scope, User

SIGN_IN_FAILED = (
    "Enter a correct username and password. Both are case-sensitive. "
    "If you have forgotten your password, ask your administrator."
)


class SignInForm(GovukForm, AuthenticationForm):
    error_messages = {
        "invalid_login": SIGN_IN_FAILED,
        "inactive": "This account has been switched off. Ask your administrator.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


WRONG_PASSWORD = "Your password is not right. Enter the password you use to sign in"
NEW_PASSWORD_HINT = (
    "Use at least 12 characters. Three or more random words are easy to remember and hard to guess. "
    "It cannot be a commonly used password, only numbers, or too like your name or username."
)


class CodeField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            label="Code",
            max_length=40,
            help_text="The 6-digit code from your authenticator app, or one of your recovery codes",
            error_messages={"required": second_factor.ENTER_CODE},
            **kwargs,
        )


class SecondFactorForm(GovukForm):
    code = CodeField()


class AuthenticatorSetUpForm(GovukForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=10,
        help_text="The 6 digits it shows for Steadfast",
        error_messages={"required": "Enter the 6-digit code your authenticator app shows"},
    )


class PasskeyNameForm(GovukForm):
    name = forms.CharField(
        label="Name",
        max_length=passkeys.NAME_LENGTH,
        help_text="So that you know which passkey is which, such as the device it is on: “Work laptop”",
        error_messages={"required": passkeys.NAME_MISSING, "max_length": passkeys.NAME_TOO_LONG},
    )


class PasswordChangeGovukForm(GovukForm, PasswordChangeForm):
    """Django's own form: the current password, then the new one twice, checked by the password
    validators (at least 12 characters, not a common password, not all numbers, not like the
    person's name)."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": WRONG_PASSWORD,
        "password_mismatch": "The two new passwords are not the same. Enter the same password twice",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = NEW_PASSWORD_HINT
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"


class ReauthenticationForm(GovukForm):
    """The person's password again, and their second factor's code when they have one."""

    password = forms.CharField(
        label="Password", strip=False, error_messages={"required": "Enter your password"}
    )

    def __init__(self, *args, user: User, with_code: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if with_code:
            self.fields["code"] = CodeField()

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(WRONG_PASSWORD)
        return password


class AccessGrantForm(GovukForm):
    user = forms.ModelChoiceField(
        label="Person",
        queryset=User.objects.none(),
        empty_label="Choose a person",
        error_messages={
            "required": "Choose who needs access",
            "invalid_choice": "Choose a person from the list",
        },
    )
    reason = forms.CharField(
        label="Why they need access",
        max_length=500,
        widget=forms.Textarea,
        help_text="This is kept on the record and shown to managers",
        error_messages={"required": "Say why they need access"},
    )

    def __init__(self, *args, people, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.get_role_display()})"


class AllocationForm(SeenVersionForm):
    """Allocate a worker to a child, drawn from the version of the child's allocations as a
    whole (`selectors.allocation_history_of`), since allocating one may end another's."""

    role = forms.ChoiceField(
        label="Allocate as",
        choices=AllocationRole.choices,
        error_messages={"required": "Choose what the worker is allocated as"},
    )
    worker = forms.ModelChoiceField(
        label="Worker",
        queryset=User.objects.none(),
        empty_label="Choose a worker",
        error_messages={"required": "Choose a worker", "invalid_choice": "Choose a worker from the list"},
    )
    start_date = GovukDateField(label="Date the allocation starts")

    def __init__(self, *args, workers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers
        self.fields["worker"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.get_role_display()})"


class GrantRevokeForm(SeenVersionForm):
    """The Revoke button beside a grant (and End emergency access): nothing typed, only the
    version of the grant the record page showed, so that a grant someone else revoked meanwhile
    (or the same person in another tab) is said to be so, by whom and when."""


SCOPE_NOT_OFFERED = "Choose what the token may do from the list"
# The expiry offered on a new token, when the longest allowed is no shorter.
TOKEN_DAYS_OFFERED = 30


class ApiTokenForm(GovukForm):
    """A personal access token's name, what it may do, and the day it stops working. The
    service (`tokens.issue_personal_token`) checks the expiry against the longest allowed."""

    name = forms.CharField(
        label="Name",
        max_length=tokens.NAME_LENGTH,
        help_text="So that you know what it is for, such as “Visits spreadsheet”",
        error_messages={"required": tokens.TOKEN_NAME_MISSING, "max_length": tokens.NAME_TOO_LONG},
    )
    scopes = forms.MultipleChoiceField(
        label="What the token may do",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Whatever you choose, it sees and changes only what you can.",
        error_messages={"required": tokens.NO_SCOPE, "invalid_choice": SCOPE_NOT_OFFERED},
    )
    expires_on = GovukDateField(label="Expiry date")

    def __init__(self, *args, longest_days: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        offered = today + datetime.timedelta(days=min(TOKEN_DAYS_OFFERED, longest_days))
        self.fields["expires_on"].initial = offered
        self.fields["expires_on"].help_text = (
            f"The token stops working at the end of this day. It can last at most {longest_days} "
            f"days, until {govuk_date(today + datetime.timedelta(days=longest_days))}."
        )
