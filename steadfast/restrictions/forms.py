from django import forms

from steadfast.core.forms import GovukForm

from .models import ReviewDecision
from .services import REASON_REQUIRED

DECISION_REQUIRED = "Choose whether to keep the record restricted or lift the restriction"


class RestrictionReviewForm(GovukForm):
    decision = forms.ChoiceField(
        label="What have you decided?",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": DECISION_REQUIRED, "invalid_choice": DECISION_REQUIRED},
    )
    reason = forms.CharField(
        label="Why",
        max_length=2000,
        widget=forms.Textarea,
        help_text="Kept with the review and shown on the record to those who may see it",
        error_messages={"required": REASON_REQUIRED},
    )
