"""The form on which a manager records that they considered a signal."""

from django import forms

from steadfast.core.forms import GovukForm

from .services import REASON_NEEDED


class SignalConsiderForm(GovukForm):
    reason = forms.CharField(
        label="What was considered, and what was decided?",
        widget=forms.Textarea,
        max_length=5000,
        help_text="For example who you spoke to, what is already in hand, or what will happen next",
        error_messages={"required": REASON_NEEDED},
    )
