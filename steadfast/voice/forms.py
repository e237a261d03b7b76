from typing import Any

from django import forms

from steadfast.core.child_texts import ChildTextForm, child_text_field
from steadfast.core.forms import GovukDateField, SeenVersionForm

from .models import FeedbackMethod, InfluenceOutcome
from .services import (
    ASKED_FOR_NEEDED,
    DECISION_MAKER_NEEDED,
    DECISION_NEEDED,
    EXPLANATION_NEEDED,
    FED_BACK_BY_NEEDED,
    FED_BACK_HOW_NEEDED,
    HOW_NEEDED,
    OUTCOME_NEEDED,
    REASON_NEEDED,
    SOUGHT_NEEDED,
    Decision,
    Views,
)

YES_NO = [("yes", "Yes"), ("no", "No")]
TEXT_MAX_LENGTH = 10000


def _yes_no(label: str, **kwargs: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=YES_NO, coerce=lambda value: value == "yes", empty_value=None, **kwargs
    )


def _text(label: str, *, help_text: str = "", **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=help_text, widget=forms.Textarea, max_length=TEXT_MAX_LENGTH, **kwargs
    )


class VoiceForm(SeenVersionForm):
    """The space, voice and audience of the child's voice in a decision."""

    views_sought = _yes_no("Were the child's views sought?", error_messages={"required": SOUGHT_NEEDED})
    how_sought = _text(
        "How and where were their views sought?",
        help_text="For example, on a walk after school with their social worker, or through their own page",
        required=False,
    )
    advocate_helped = _yes_no("Did an advocate help the child give their views?", required=False)
    not_sought_reason = _text("If their views were not sought, why not?", required=False)
    child_said = _text(
        "What did the child say?",
        help_text=(
            "As they said it. For a child too young to talk, say how they showed what they think and feel."
        ),
        required=False,
    )
    own_words = forms.BooleanField(
        label="These are the child's own words, not written down by someone", required=False
    )
    heard_by = _text(
        "Who heard the child's views?",
        help_text="The people at the meeting, and the person who made the decision, by name",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        # The service asks the same; asking here too shows every problem at once.
        data = super().clean()
        if data.get("views_sought") is True and not (data.get("how_sought") or "").strip():
            self.add_error("how_sought", HOW_NEEDED)
        if data.get("views_sought") is False and not (data.get("not_sought_reason") or "").strip():
            self.add_error("not_sought_reason", REASON_NEEDED)
        return data

    def views(self) -> Views:
        data = self.cleaned_data
        return Views(
            views_sought=data["views_sought"],
            how_sought=data["how_sought"],
            advocate_helped=bool(data["advocate_helped"]),
            not_sought_reason=data["not_sought_reason"],
            child_said=data["child_said"],
            own_words=data["own_words"],
            heard_by=data["heard_by"],
        )


class DecisionVoiceForm(VoiceForm):
    """A significant decision taken outside a meeting, and the child's voice in it."""

    decision = _text(
        "What was decided?",
        help_text="For example, a planned move, a change to family time, or a new school",
        error_messages={"required": DECISION_NEEDED},
    )
    decided_on = GovukDateField(label="Date of the decision", past_only=True)
    decision_maker = forms.CharField(
        label="Who made the decision?", max_length=200, error_messages={"required": DECISION_MAKER_NEEDED}
    )

    def decision_made(self) -> Decision:
        data = self.cleaned_data
        return Decision(
            what=data["decision"], decided_on=data["decided_on"], decision_maker=data["decision_maker"]
        )


class InfluenceForm(SeenVersionForm):
    asked_for = _text("What did the child ask for?", error_messages={"required": ASKED_FOR_NEEDED})
    outcome = forms.ChoiceField(
        label="Did anything change because of it?",
        choices=InfluenceOutcome.choices,
        error_messages={"required": OUTCOME_NEEDED, "invalid_choice": OUTCOME_NEEDED},
    )
    explanation = _text(
        "What changed because of it, or why not?",
        help_text="Write it so that you could say it to the child",
        error_messages={"required": EXPLANATION_NEEDED},
    )


class FeedbackSharedForm(SeenVersionForm):
    fed_back_on = GovukDateField(label="Date it was shared", past_only=True)
    fed_back_how = forms.ChoiceField(
        label="How was it shared with the child?",
        choices=FeedbackMethod.choices,
        error_messages={"required": FED_BACK_HOW_NEEDED, "invalid_choice": FED_BACK_HOW_NEEDED},
    )
    fed_back_by = forms.CharField(
        label="Who shared it?", max_length=200, error_messages={"required": FED_BACK_BY_NEEDED}
    )


class FeedbackForm(ChildTextForm):
    """What the child will be told of what changed because they spoke, edited from the draft
    with its reading age beside it (`core.child_texts`)."""

    part_names = ("text",)
    text = child_text_field(
        heading="What you will tell the child",
        help_text="Use short sentences and everyday words. Speak to the child as 'you'.",
    )
