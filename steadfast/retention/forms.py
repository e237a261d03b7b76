from django import forms

from steadfast.core.forms import GovukForm

from .services import REASON_REQUIRED, REFUSAL_REASON_REQUIRED


class ProposalForm(GovukForm):
    reason = forms.CharField(
        label="Why should this record be destroyed?",
        max_length=2000,
        widget=forms.Textarea,
        help_text=(
            "Say what you checked: for example, that no legal hold or open request applies. "
            "Do not name anyone."
        ),
        error_messages={"required": REASON_REQUIRED},
    )


class RefusalForm(GovukForm):
    reason = forms.CharField(
        label="Why should the record be kept?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": REFUSAL_REASON_REQUIRED},
    )
