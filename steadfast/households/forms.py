from django import forms

from steadfast.core.forms import GovukForm


class HouseholdFilterForm(GovukForm):
    q = forms.CharField(label="Household name or reference", required=False, max_length=100)
