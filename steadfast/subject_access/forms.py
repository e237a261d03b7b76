from django import forms

from steadfast.core.forms import GovukForm

REFERENCE_REQUIRED = "Enter a child identifier or a household reference"
NOTHING_FOUND = "No child or household you may make a bundle for has that reference. Check it and try again"


class BundleFindForm(GovukForm):
    reference = forms.CharField(
        label="Child identifier or household reference",
        max_length=40,
        help_text="For a child, their identifier; for a foster carer, their household's reference",
        error_messages={"required": REFERENCE_REQUIRED},
    )

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].strip()
