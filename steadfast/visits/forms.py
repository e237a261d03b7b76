from typing import Any

from django import forms

from steadfast.core.forms import GovukDateField, WarnsOfSameRecordForm
from steadfast.core.jinja2 import govuk_date

from .selectors import visit_on
from .services import CHILD_SAID_NEEDED, PLACE_NEEDED, SEEN_ALONE_NOT_SEEN

YES_NO = [("yes", "Yes"), ("no", "No")]
SEEN_NEEDED = "Say whether the child was seen"
SEEN_ALONE_NEEDED = "Say whether the child was seen alone"


class StatutoryVisitForm(WarnsOfSameRecordForm):
    """A statutory visit to `child`; warns when a visit to them on the same day is saved."""

    date = GovukDateField(label="Date of the visit")
    place = forms.CharField(
        label="Where was the visit?",
        help_text="For example, at the carers' home, at school or at a café",
        max_length=200,
        error_messages={"required": PLACE_NEEDED},
    )
    child_seen = forms.TypedChoiceField(
        label="Was the child seen?",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        error_messages={"required": SEEN_NEEDED},
    )
    seen_alone = forms.TypedChoiceField(
        label="Was the child seen alone?",
        help_text="Leave this out if the child was not seen",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        required=False,
        empty_value=None,
    )
    child_said = forms.CharField(
        label="What did the child say?",
        help_text=(
            "If the child was seen, in their own words, as they said them. For a child too young "
            "to talk, say how they showed what they think and feel."
        ),
        widget=forms.Textarea,
        max_length=10000,
        required=False,
    )
    observations = forms.CharField(
        label="What did you see? (optional)",
        help_text="How the child seemed, their room and the home, and anything that worried you",
        widget=forms.Textarea,
        max_length=10000,
        required=False,
    )

    def __init__(self, *args: Any, child: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child

    def earlier_like(self, data: dict[str, Any]) -> tuple[Any, str] | None:
        earlier = visit_on(self.child, data["date"])
        if earlier is None:
            return None
        return earlier, f"a visit to {self.child.display_name} on {govuk_date(data['date'])}"

    def clean(self) -> dict[str, Any]:
        # The service asks the same; asking here too shows every problem at once.
        data = super().clean()
        if data.get("child_seen"):
            if data.get("seen_alone") is None:
                self.add_error("seen_alone", SEEN_ALONE_NEEDED)
            if not (data.get("child_said") or "").strip():
                self.add_error("child_said", CHILD_SAID_NEEDED)
        elif data.get("child_seen") is False and data.get("seen_alone"):
            self.add_error("seen_alone", SEEN_ALONE_NOT_SEEN)
        return data
