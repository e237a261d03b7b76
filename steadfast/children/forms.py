from django import forms

from steadfast.accounts.models import Team, User
from steadfast.core.forms import GovukDateField, GovukForm, SeenVersionForm
from steadfast.placements.models import PlacementType

from .models import Child, Ethnicity, Sex

PLACEMENT_COUNT_CHOICES = [
    ("", "Any number"),
    ("2", "2 or more in the last 12 months"),
    ("3", "3 or more in the last 12 months"),
]
IDENTIFIER_TAKEN = "A child with this identifier is already recorded. Check the identifier."


class ChildFilterForm(GovukForm):
    q = forms.CharField(
        label="Name or child identifier",
        required=False,
        max_length=100,
        error_messages={"max_length": "Name or child identifier must be 100 characters or fewer"},
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        required=False,
        empty_label="All teams",
        error_messages={"invalid_choice": "Select a team from the list"},
    )
    worker = forms.CharField(
        label="Allocated worker's name",
        required=False,
        max_length=100,
        help_text="First name, last name or both",
        error_messages={"max_length": "Allocated worker's name must be 100 characters or fewer"},
    )
    placement_type = forms.ChoiceField(
        label="Current placement type",
        choices=[("", "Any type"), *PlacementType.choices],
        required=False,
        error_messages={"invalid_choice": "Select a placement type from the list"},
    )
    placements = forms.ChoiceField(
        label="Placements in the last 12 months",
        choices=PLACEMENT_COUNT_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Select a number of placements from the list"},
    )

    def __init__(self, *args, teams, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class ChildDetailsForm(GovukForm):
    legal_first_name = forms.CharField(
        label="Legal first name",
        max_length=100,
        error_messages={"required": "Enter the child's legal first name"},
    )
    legal_last_name = forms.CharField(
        label="Legal last name",
        max_length=100,
        error_messages={"required": "Enter the child's legal last name"},
    )
    preferred_name = forms.CharField(
        label="Preferred name (optional)",
        max_length=100,
        required=False,
        help_text="The name the child likes to be called, if different",
    )
    date_of_birth = GovukDateField(label="Date of birth", past_only=True)
    sex = forms.ChoiceField(
        label="Sex", choices=Sex.choices, error_messages={"required": "Choose the child's sex"}
    )
    gender = forms.CharField(
        label="Gender (optional)",
        max_length=100,
        required=False,
        help_text="How the child describes their gender, in their words, if different from their sex",
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=[("", "Choose ethnicity"), *Ethnicity.choices],
        error_messages={"required": "Choose the child's ethnicity"},
    )
    school = forms.CharField(label="School or setting (optional)", max_length=200, required=False)


class ChildEditForm(ChildDetailsForm, SeenVersionForm):
    date_of_death = GovukDateField(
        label="Date of death (if the child has died)",
        described_as="date of death",
        past_only=True,
        required=False,
        help_text="Leave it empty unless the child has died. How long the record is kept depends on it",
    )


class ChildAddForm(ChildDetailsForm):
    child_identifier = forms.CharField(
        label="Child identifier",
        max_length=20,
        help_text="The identifier from the authority's case management system",
        error_messages={"required": "Enter the child identifier"},
    )
    social_worker = forms.ModelChoiceField(
        label="Allocated social worker",
        queryset=User.objects.none(),
        empty_label="Choose a social worker",
        error_messages={"required": "Choose the child's social worker"},
    )

    field_order = ["child_identifier", "legal_first_name", "legal_last_name", "preferred_name"]

    def __init__(self, *args, social_workers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["social_worker"].queryset = social_workers
        self.fields["social_worker"].label_from_instance = lambda u: u.get_full_name()

    def clean_child_identifier(self) -> str:
        identifier = self.cleaned_data["child_identifier"].strip()
        if Child.objects.filter(child_identifier__iexact=identifier).exists():
            raise forms.ValidationError(IDENTIFIER_TAKEN)
        return identifier
