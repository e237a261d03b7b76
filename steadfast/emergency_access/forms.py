from django import forms

from steadfast.core.forms import GovukForm

from .services import ENTER_IDENTIFIER, SAY_WHY

CONFIRM_UNDERSTOOD = "Confirm that you understand this opening is recorded and the child's managers are told"
IDENTIFIER_TOO_LONG = "The child's identifier must be 20 characters or fewer"
REASON_TOO_LONG = "Say why in 500 characters or fewer"


class EmergencyOpeningForm(GovukForm):
    child_identifier = forms.CharField(
        label="Child identifier",
        max_length=20,
        help_text="Exactly as the case record system gives it",
        error_messages={"required": ENTER_IDENTIFIER, "max_length": IDENTIFIER_TOO_LONG},
    )
    reason = forms.CharField(
        label="Why you need to open this record now",
        max_length=500,
        widget=forms.Textarea,
        help_text="This is kept on the record and sent to the child's managers",
        error_messages={"required": SAY_WHY, "max_length": REASON_TOO_LONG},
    )
    understood = forms.BooleanField(
        label="I understand that this opening is recorded, and that the child's managers are told at once",
        error_messages={"required": CONFIRM_UNDERSTOOD},
    )
