from django import forms

from steadfast.accounts.models import User
from steadfast.core.forms import GovukDateField, GovukForm, SeenVersionForm
from steadfast.households.models import Household, Provider

from .models import EndReason, PlacementType

CHOOSE_ONE_HOME = "Choose either a fostering household or a provider, not both"
CHOOSE_A_HOME = "Enter the fostering household's reference, or choose a provider"
UNKNOWN_HOUSEHOLD = (
    "There is no approved fostering household with that reference. Check it with the fostering service."
)


class PlacementStartForm(GovukForm):
    placement_type = forms.ChoiceField(
        label="Type of placement",
        choices=[("", "Choose a type"), *PlacementType.choices],
        error_messages={"required": "Choose the type of placement"},
    )
    household_reference = forms.CharField(
        label="Fostering household reference",
        required=False,
        max_length=20,
        help_text="For the authority's own carers: the reference the fostering service gave you, "
        "for example FH-0123",
    )
    provider = forms.ModelChoiceField(
        label="Or a provider",
        queryset=Provider.objects.none(),
        required=False,
        empty_label="Not a provider",
        help_text="A children's home, agency or other provider",
    )
    start_date = GovukDateField(label="Date the child moved in")
    approval_exception_reason = forms.CharField(
        label="If this is outside the household's approval, the manager's reason (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=2000,
    )
    approval_exception_authorised_by = forms.ModelChoiceField(
        label="Manager who agreed it (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="No manager needed",
    )

    def __init__(self, *args, providers, managers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["approval_exception_authorised_by"].queryset = managers
        self.fields["approval_exception_authorised_by"].label_from_instance = lambda u: (
            f"{u.get_full_name()} ({u.get_role_display()})"
        )

    def clean_household_reference(self) -> Household | None:
        """The household with this reference. A restricted household answers exactly as one
        that does not exist."""
        reference = self.cleaned_data["household_reference"].strip()
        if not reference:
            return None
        household = Household.objects.filter(reference__iexact=reference, restricted=False).first()
        if household is None:
            raise forms.ValidationError(UNKNOWN_HOUSEHOLD)
        return household

    def clean(self) -> dict:
        data = super().clean()
        data["household"] = data.pop("household_reference", None)
        if self.has_error("household_reference"):
            return data
        if data["household"] and data.get("provider"):
            self.add_error("household_reference", CHOOSE_ONE_HOME)
        elif not data["household"] and not data.get("provider"):
            self.add_error("household_reference", CHOOSE_A_HOME)
        return data


class PlacementEndForm(SeenVersionForm):
    end_date = GovukDateField(label="Date the child moved out")
    end_reason = forms.ChoiceField(
        label="Why did the placement end?",
        choices=[("", "Choose a reason"), *EndReason.choices],
        error_messages={"required": "Choose why the placement ended"},
    )
    ending_planned = forms.TypedChoiceField(
        label="Was the ending planned?",
        choices=[("yes", "Yes, it was planned"), ("no", "No, it was unplanned")],
        coerce=lambda v: v == "yes",
        error_messages={"required": "Say whether the ending was planned"},
    )


class PlacementLongTermForm(SeenVersionForm):
    agreed_on = GovukDateField(label="Date it was agreed")
