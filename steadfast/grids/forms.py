from typing import Any

from django import forms

from steadfast.core.forms import GovukDateField, GovukForm, SeenVersionForm
from steadfast.core.jinja2 import govuk_date
from steadfast.meetings.forms import ActionAddForm, PersonChoiceField, ReasonForm
from steadfast.meetings.models import Basis, InviteeRole, PointMarker

from .models import GridContext, GridSection
from .services import (
    CONTEXT_NEEDED,
    CONTRIBUTOR_ROLE,
    DATE_NEEDED,
    MARKER_WORKING_WELL,
    MARKER_WORRY,
    MEETING_NEEDED,
    NOT_A_CONTRIBUTOR,
    REOPEN_REASON,
    SCORE_RANGE,
    SCORE_REASON,
    STATEMENT_BASIS,
    STATEMENT_SAID_BY,
    STATEMENT_SECTION,
    STATEMENT_TEXT,
)

CONTRIBUTOR_STAFF_OR_NAME = "Choose a member of staff, or give the name of someone outside the council"


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_kind_display()} on {govuk_date(obj.scheduled_at)}"


class GridMakeForm(GovukForm):
    """Where the Grid is used: in one of the child's stability meetings, which gives its date,
    or elsewhere on a date given."""

    context = forms.ChoiceField(
        label="Where is the Grid being used?",
        choices=GridContext.choices,
        error_messages={"required": CONTEXT_NEEDED, "invalid_choice": CONTEXT_NEEDED},
    )
    meeting = MeetingChoiceField(
        label="Which stability meeting?",
        help_text="Only for a Grid made in a stability meeting: it takes the meeting's date",
        queryset=None,
        required=False,
        empty_label="Choose a meeting",
        error_messages={"invalid_choice": MEETING_NEEDED},
    )
    date = GovukDateField(
        label="Date",
        help_text="For a Grid made anywhere else. For example, 27 3 2026",
        past_only=True,
        required=False,
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meetings.exists():
            self.fields["meeting"].queryset = meetings
        else:
            # No meeting of the child's has started: the choice would lead nowhere.
            del self.fields["meeting"]
            self.fields["context"].choices = [
                choice for choice in GridContext.choices if choice[0] != GridContext.STABILITY_MEETING
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("context") == GridContext.STABILITY_MEETING:
            if not data.get("meeting") and "meeting" not in self.errors:
                self.add_error("meeting", MEETING_NEEDED)
        elif data.get("context") and not data.get("date") and "date" not in self.errors:
            self.add_error("date", DATE_NEEDED)
        return data


class ContributorAddForm(GovukForm):
    user = PersonChoiceField(
        label="A member of staff",
        queryset=None,
        required=False,
        empty_label="Choose a member of staff",
    )
    name = forms.CharField(
        label="Or the name of someone outside the council",
        required=False,
        max_length=200,
        help_text="For example, the carer, a parent, the child's teacher",
    )
    role = forms.ChoiceField(
        label="Their role",
        choices=InviteeRole.choices,
        error_messages={"required": CONTRIBUTOR_ROLE, "invalid_choice": CONTRIBUTOR_ROLE},
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff.select_related("team")
        self.fields["name"].error_messages["max_length"] = "The name must be 200 characters or fewer"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "user" not in self.errors and "name" not in self.errors:
            if not data.get("user") and not (data.get("name") or "").strip():
                self.add_error("name", CONTRIBUTOR_STAFF_OR_NAME)
            elif data.get("user"):
                data["name"] = ""
        return data


# What the marker asks in each section that keeps its statements apart, in the handbook's words.
MARKER_QUESTIONS = {
    GridSection.WORKING_WELL: (
        "Is it safety or a strength?",
        "Safety: actions of protection by a parent or carer, about the current worries, shown over "
        "time. Strength: a positive attribute, a good intention, a positive act or a change in "
        "mindset, which can become safety over time.",
        ("safety", "strength"),
        MARKER_WORKING_WELL,
    ),
    GridSection.WORRIED: (
        "Is it harm, risk or a complicating factor?",
        "Harm: what has already happened or is happening to the child. Risk: what we believe will "
        "happen in the future if nothing changes. A complicating factor makes safety harder to achieve.",
        ("harm", "risk", "complicating"),
        MARKER_WORRY,
    ),
}


class StatementForm(GovukForm):
    """A statement in one section of the Grid. Given the section (`section`), it asks only what
    that section keeps apart: safety or strength, or harm, risk or complicating factor."""

    section = forms.ChoiceField(
        label="Which section?",
        choices=GridSection.choices,
        error_messages={"required": STATEMENT_SECTION, "invalid_choice": STATEMENT_SECTION},
    )
    text = forms.CharField(
        label="The statement",
        help_text="In clear and simple words, without jargon",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": STATEMENT_TEXT},
    )
    contributor = forms.ModelChoiceField(
        label="Who contributed it?",
        queryset=None,
        empty_label="Choose who contributed it",
        error_messages={"required": STATEMENT_SAID_BY, "invalid_choice": NOT_A_CONTRIBUTOR},
    )
    basis = forms.ChoiceField(
        label="Is it a fact, an opinion or a hypothesis?",
        choices=Basis.choices,
        error_messages={"required": STATEMENT_BASIS, "invalid_choice": STATEMENT_BASIS},
    )
    marker = forms.ChoiceField(
        label="For what's working well: safety or strength. For a worry: harm, risk or complicating factor.",
        choices=[(m, PointMarker(m).label) for m in ("safety", "strength", "harm", "risk", "complicating")],
        required=False,
    )

    def __init__(self, *args: Any, contributors: Any, section: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contributor"].queryset = contributors
        if section not in GridSection.values:
            return
        self.fields["section"].widget = forms.HiddenInput()
        self.initial["section"] = section
        if section not in MARKER_QUESTIONS:
            del self.fields["marker"]
            return
        label, help_text, markers, required = MARKER_QUESTIONS[section]
        marker = self.fields["marker"]
        marker.label, marker.help_text, marker.required = label, help_text, True
        marker.choices = [(m, PointMarker(m).label) for m in markers]
        marker.error_messages.update({"required": required, "invalid_choice": required})


class StatementChangeForm(StatementForm, SeenVersionForm):
    pass


class ScoreForm(GovukForm):
    contributor = forms.ModelChoiceField(
        label="Whose score?",
        queryset=None,
        empty_label="Choose who contributed",
        error_messages={"required": NOT_A_CONTRIBUTOR, "invalid_choice": NOT_A_CONTRIBUTOR},
    )
    score = forms.IntegerField(
        label="Score from 10 to 0",
        help_text="10 means the child is safe and well; 0 means they are not safe",
        error_messages={"required": SCORE_RANGE, "invalid": SCORE_RANGE},
    )
    reason = forms.CharField(
        label="Why this score?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": SCORE_REASON},
    )
    replace = forms.BooleanField(label="This score replaces their earlier one", required=False)

    def __init__(self, *args: Any, contributors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contributor"].queryset = contributors


class ImpactForm(SeenVersionForm):
    impact_statement = forms.CharField(
        label="Impact statement",
        help_text=(
            "What life is like for the child now, in jargon free words the family understands, "
            "balancing the worries and the strengths"
        ),
        widget=forms.Textarea,
        max_length=10000,
        required=False,
    )
    childs_words = forms.CharField(
        label="In the child's words (optional)",
        help_text=(
            "Where it is safe to share them: what the child said about what is happening, as they said it"
        ),
        widget=forms.Textarea,
        max_length=10000,
        required=False,
    )


class StepForm(ActionAddForm):
    """A step in what needs to happen: what, who owns it, by when and how we will know, each
    needed, as a Stability Action asks them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["what"].label = "What needs to happen?"
        self.fields["measure"].label = "How will we know it is working?"


class FinishForm(SeenVersionForm):
    """Finishing the Grid, from the version of it the page was drawn from."""


class ReopenForm(ReasonForm, SeenVersionForm):
    """Why a finished Grid is opened again, from the version of it the page was drawn from."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, label="Why reopen the Grid?", required_message=REOPEN_REASON, **kwargs)
