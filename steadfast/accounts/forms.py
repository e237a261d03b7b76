from django import forms
from django.contrib.auth.forms import AuthenticationForm

from steadfast.core.forms import GovukDateField, GovukForm

from .models import AllocationRole, User

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


class AllocationForm(GovukForm):
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
