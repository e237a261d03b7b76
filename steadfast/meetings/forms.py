import datetime
from typing import Any

from django import forms
from django.utils import timezone

from steadfast.concerns.models import MeetingKind
from steadfast.core.forms import GovukDateField, GovukForm, SeenVersionForm

from .models import (
    Basis,
    Column,
    InviteeGroup,
    InviteeRole,
    LearningTheme,
    OwnerKind,
    PointMarker,
    ReviewOutcome,
    SentBy,
    ViewsGathered,
)
from .selectors import ProposedInvitee
from .services import ACTION_DATE_PAST, ACTION_MEASURE, ACTION_OWNER, ACTION_OWNER_NAME, ACTION_WHAT

TIME_INVALID = "Enter the time like 2pm, 2:30pm or 14:30"
TIME_FORMATS = ("%H:%M", "%H.%M", "%I%p", "%I:%M%p", "%I.%M%p")


class GovukTimeField(forms.CharField):
    """A time typed as people write it: 2pm, 2:30pm or 14:30."""

    def to_python(self, value: Any) -> datetime.time | None:
        text = (super().to_python(value) or "").replace(" ", "").upper()
        if not text:
            return None
        for pattern in TIME_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).time()
            except ValueError:
                continue
        raise forms.ValidationError(TIME_INVALID, code="invalid")


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of worker that names each with their role and team ("Morgan Adeyemi, team
    manager, Children in Care North"), so two people of one name can be told apart, and a
    person can be found by typing their team. Give it a queryset with the team fetched
    (`select_related("team")`) so the list takes one query."""

    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


def person_label(user: Any) -> str:
    """A worker as the chair and owner lists show them: name, role and team."""
    parts = [str(user)]
    if user.role:
        parts.append(user.get_role_display().lower())
    if user.team_id:
        parts.append(user.team.name)
    return ", ".join(parts)


# People from outside the council invited while arranging: a fixed number of rows, each ignored
# when left wholly empty, so the form needs no script to take several at once.
OUTSIDER_ROWS = 5
OUTSIDER_NAME_NEEDED = "Enter the name of person {n}"
OUTSIDER_NAME_TOO_LONG = "The name of person {n} must be 200 characters or fewer"
OUTSIDER_ROLE_NEEDED = "Choose the role of person {n}"
OUTSIDER_EMAIL_INVALID = "Enter the email address of person {n} like name@example.com"
OUTSIDER_TWICE = "Person {n} is the same as person {first}: clear one of them"


class OutsiderForm(GovukForm):
    """One person from outside the council, a row of the arrange form: a name and a role, and an
    email address if they are to get a link of their own to send their views. A row left wholly
    empty asks for nothing (`empty_permitted`)."""

    name = forms.CharField(label="Name", required=False, max_length=200)
    role = forms.ChoiceField(
        label="Their role", required=False, choices=[("", "Choose a role"), *InviteeRole.choices]
    )
    email = forms.EmailField(label="Email address (optional)", required=False, max_length=254)

    def __init__(self, *args: Any, number: int, **kwargs: Any) -> None:
        super().__init__(*args, empty_permitted=True, use_required_attribute=False, **kwargs)
        self.number = number
        self.fields["name"].error_messages["max_length"] = OUTSIDER_NAME_TOO_LONG.format(n=number)
        self.fields["role"].error_messages["invalid_choice"] = OUTSIDER_ROLE_NEEDED.format(n=number)
        for message in ("invalid", "max_length"):
            self.fields["email"].error_messages[message] = OUTSIDER_EMAIL_INVALID.format(n=number)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "name" not in self.errors and not data.get("name"):
            self.add_error("name", OUTSIDER_NAME_NEEDED.format(n=self.number))
        if "role" not in self.errors and not data.get("role"):
            self.add_error("role", OUTSIDER_ROLE_NEEDED.format(n=self.number))
        return data

    def person(self) -> ProposedInvitee | None:
        """The person this row invites; None for a row left empty or not yet right."""
        if not self.is_valid() or not self.cleaned_data.get("name"):
            return None
        return _invitee_from(self.cleaned_data)


MEETING_YEARS_AHEAD = 1
"""A meeting is arranged at most a year ahead: a stability meeting answers trouble now, and a
review falls within the year of the plan it reviews."""
MEETING_IN_PAST = "Date of the meeting must be today or in the future"


class WhenAndWhereForm(GovukForm):
    """When and where a meeting is: its date and time, made one `scheduled_at`, and its place."""

    date = GovukDateField(label="Date of the meeting", years_ahead=MEETING_YEARS_AHEAD)
    time = GovukTimeField(
        label="Time", help_text="For example, 2pm or 14:30", error_messages={"required": "Enter the time"}
    )
    venue = forms.CharField(
        label="Where, or how to join the call",
        max_length=300,
        error_messages={"required": "Say where the meeting is, or how to join the call"},
    )

    def clean_date(self) -> datetime.date | None:
        # Invitations go out as soon as a meeting is arranged: one in the past cannot be attended.
        date = self.cleaned_data.get("date")
        if date is not None and date < timezone.localdate():
            raise forms.ValidationError(MEETING_IN_PAST, code="in_past")
        return date

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("date") and data.get("time"):
            data["scheduled_at"] = timezone.make_aware(datetime.datetime.combine(data["date"], data["time"]))
        return data


class MeetingArrangeForm(WhenAndWhereForm):
    # Reviews, disruption meetings and learning circles are arranged from what they look back
    # at (an authorised plan, a placement that ended), which fixes their kind.
    field_order = ["kind", "date", "time", "venue"]
    kind = forms.ChoiceField(
        label="What kind of meeting?",
        choices=[
            (k, MeetingKind(k).label)
            for k in (
                MeetingKind.STRENGTHENING_STABILITY,
                MeetingKind.PLACEMENT_STABILITY,
                MeetingKind.FOSTERING_STABILITY,
            )
        ],
        error_messages={"required": "Choose what kind of meeting"},
    )
    chair = PersonChoiceField(
        label="Who will chair it?",
        queryset=None,
        required=False,
        empty_label="An independent chair",
        help_text="For an independent chair, give their name below instead",
    )
    chair_name = forms.CharField(label="Independent chair's name", required=False, max_length=200)
    invitees = forms.MultipleChoiceField(
        label="Who is invited?",
        required=False,
        help_text=(
            "Proposed from who works with the child and the household. "
            "The carers are always invited and told."
        ),
    )

    def __init__(self, *args: Any, chairs: Any, proposed: list, fixed_kind: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs.select_related("team")
        self.proposed = {p.key: p for p in proposed}
        self.fields["invitees"].choices = [
            (p.key, f"{p.name}, {InviteeRole(p.role).label.lower()}")
            for p in proposed
            if p.role != InviteeRole.CARER
        ]
        self.carers = [p for p in proposed if p.role == InviteeRole.CARER]
        self.fixed_kind = fixed_kind
        if fixed_kind:
            del self.fields["kind"]
        if not self.is_bound:
            self.initial.setdefault("invitees", list(self.proposed))
        self.outsiders = [
            OutsiderForm(self.data if self.is_bound else None, prefix=f"others-{i}", number=i + 1)
            for i in range(OUTSIDER_ROWS)
        ]

    def is_valid(self) -> bool:
        valid = super().is_valid()  # cleans the rows too (see `clean`)
        return valid and not any(row.errors for row in self.outsiders)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.fixed_kind:
            data["kind"] = self.fixed_kind
        if not data.get("chair") and not (data.get("chair_name") or "").strip():
            self.add_error(
                "chair_name", "Choose who will chair the meeting, or give the independent chair's name"
            )
        # The same person twice is a slip, said against the later row rather than saved once.
        first_row: dict[str, int] = {}
        for row in self.outsiders:
            person = row.person()
            if person is None:
                continue
            if person.key in first_row:
                row.add_error("name", OUTSIDER_TWICE.format(n=row.number, first=first_row[person.key]))
            else:
                first_row[person.key] = row.number
        return data

    def error_summary(self) -> list[dict[str, str]]:
        items = super().error_summary()
        for row in self.outsiders:
            for name in row.fields:
                for e in row[name].errors:
                    items.append({"text": str(e), "href": f"#id_{row[name].html_name}"})
        return items

    def chosen_invitees(self) -> list[ProposedInvitee]:
        """The carers, the proposed people ticked, and everyone from outside the council in the
        rows filled in, in the order they were written."""
        chosen = [self.proposed[key] for key in self.cleaned_data["invitees"] if key in self.proposed]
        outsiders = [person for row in self.outsiders if (person := row.person()) is not None]
        return [*self.carers, *chosen, *outsiders]


CORE_ROLES = {
    InviteeRole.CHILD,
    InviteeRole.ADVOCATE,
    InviteeRole.CARER,
    InviteeRole.SOCIAL_WORKER,
    InviteeRole.SUPERVISING_SOCIAL_WORKER,
    InviteeRole.TEAM_MANAGER,
    InviteeRole.PLACEMENT_SUPPORT,
}


def _group_for(role: str) -> str:
    return InviteeGroup.CORE if role in CORE_ROLES else InviteeGroup.VIEWS_SOUGHT


def _invitee_from(data: dict[str, Any]) -> ProposedInvitee:
    """Someone named on a form, in the group their role belongs to."""
    return ProposedInvitee(
        name=data["name"], role=data["role"], group=_group_for(data["role"]), email=data["email"]
    )


class InviteeAddForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter their name"})
    role = forms.ChoiceField(
        label="Their role", choices=InviteeRole.choices, error_messages={"required": "Choose their role"}
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="Someone outside the council gets a link of their own to send their views",
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )

    def invitee(self) -> ProposedInvitee:
        return _invitee_from(self.cleaned_data)


# The four things an invitee is asked before a meeting, as ViewsForm and Invitee name them.
VIEW_FIELDS = ("worries", "working_well", "needs_to_happen", "support_offered")


# What a refused views form lists as changed meanwhile: the views, never the link's bookkeeping
# kept on the same row.
VIEWS_SHOWN_WHEN_STALE = (*VIEW_FIELDS, "views_gathered")


class ViewsForm(SeenVersionForm):
    worries = forms.CharField(
        label="What are you worried about?", widget=forms.Textarea, required=False, max_length=5000
    )
    working_well = forms.CharField(
        label="What is working well?", widget=forms.Textarea, required=False, max_length=5000
    )
    needs_to_happen = forms.CharField(
        label="What needs to happen?", widget=forms.Textarea, required=False, max_length=5000
    )
    support_offered = forms.CharField(
        label="What support can you, your agency or your family offer?",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    views_gathered = forms.ChoiceField(
        label="How were the child's views gathered?",
        choices=[(v, label) for v, label in ViewsGathered.choices if v != ViewsGathered.OWN_PAGE],
        required=False,
        help_text="Write the child's views in their own words where you can",
    )

    def __init__(self, *args: Any, for_child: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not for_child:
            del self.fields["views_gathered"]


class ViewsCodeForm(GovukForm):
    code = forms.CharField(
        label="Your code",
        max_length=20,
        help_text="In the email that invited you, not in the link: 6 letters and numbers, like ABC-234",
        error_messages={"required": "Enter the code from your invitation email"},
    )


class MeetingRecordForm(SeenVersionForm):
    # The tab this page is open in: saves from the same tab, as the record saves itself while the
    # person types, are no conflict with each other; a save from another tab is.
    editor = forms.CharField(widget=forms.HiddenInput, max_length=32, required=False)
    present = forms.MultipleChoiceField(label="Who was present?", required=False)
    opening = forms.CharField(
        label="The chair's opening",
        widget=forms.Textarea,
        required=False,
        max_length=10000,
        help_text="Who we are, why we are here, what will happen, how, and the value base",
    )
    perspective = forms.CharField(
        label="PERSPECTIVE: how does each person see what is happening?",
        widget=forms.Textarea,
        required=False,
        max_length=10000,
    )
    impact = forms.CharField(
        label="IMPACT: what is the impact on the child and on the household?",
        widget=forms.Textarea,
        required=False,
        max_length=10000,
    )
    solutions = forms.CharField(
        label="SOLUTIONS: what could help?", widget=forms.Textarea, required=False, max_length=10000
    )
    what_happened = forms.CharField(
        label="What happened", widget=forms.Textarea, required=False, max_length=10000
    )
    lessons = forms.CharField(label="The lessons", widget=forms.Textarea, required=False, max_length=10000)
    repair_and_relationships = forms.CharField(
        label="Repair, and the relationships that last",
        widget=forms.Textarea,
        required=False,
        max_length=10000,
    )
    themes = forms.MultipleChoiceField(label="Learning themes", choices=LearningTheme.choices, required=False)
    outcome = forms.ChoiceField(
        label="Outcome of the review",
        choices=[("", "Not decided yet"), *ReviewOutcome.choices],
        required=False,
    )
    summary = forms.CharField(
        label="The chair's summary", widget=forms.Textarea, required=False, max_length=10000
    )
    next_review_date = GovukDateField(label="Next review date", required=False)

    RECORD_FIELDS_BY_KIND = {
        "looks_back": ("what_happened", "lessons", "repair_and_relationships", "themes", "summary"),
        "review": ("opening", "perspective", "impact", "solutions", "outcome", "summary", "next_review_date"),
        "stability": ("opening", "perspective", "impact", "solutions", "summary", "next_review_date"),
    }

    def __init__(self, *args: Any, meeting: Any, invitees: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(i.pk), f"{i.name}, {i.get_role_display().lower()}") for i in invitees
        ]
        kind = (
            "looks_back"
            if meeting.looks_back
            else ("review" if meeting.kind == MeetingKind.REVIEW else "stability")
        )
        self.record_fields = self.RECORD_FIELDS_BY_KIND[kind]
        for name in set(self.fields) - {"seen_version", "editor", "present", *self.record_fields}:
            del self.fields[name]

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.record_fields}

    def present_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["present"]]


class PointAddForm(GovukForm):
    column = forms.ChoiceField(
        label="Which column?", choices=Column.choices, error_messages={"required": "Choose a column"}
    )
    text = forms.CharField(
        label="The point",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Write the point"},
    )
    said_by = forms.ModelChoiceField(
        label="Who said it?",
        queryset=None,
        empty_label="Choose who said it",
        error_messages={"required": "Say who made this point"},
    )
    basis = forms.ChoiceField(
        label="Is it a fact, an opinion or a hypothesis?",
        choices=Basis.choices,
        error_messages={"required": "Say whether it is a fact, an opinion or a hypothesis"},
    )
    marker = forms.ChoiceField(
        label="For a worry: harm, risk or complicating factor. For what is working well: strength or safety.",
        choices=PointMarker.choices,
        required=False,
    )

    def __init__(self, *args: Any, invitees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["said_by"].queryset = invitees


class PointChangeForm(PointAddForm, SeenVersionForm):
    pass


class ReasonForm(GovukForm):
    """Why something is being withdrawn or cancelled, in the page's own words."""

    reason = forms.CharField(widget=forms.Textarea, max_length=5000)

    def __init__(self, *args: Any, label: str, required_message: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].error_messages["required"] = required_message


class RearrangeForm(WhenAndWhereForm, SeenVersionForm):
    pass


class CancelForm(ReasonForm, SeenVersionForm):
    """Why the meeting is cancelled, from the version of it the page was drawn from."""


class ScoreForm(GovukForm):
    invitee = forms.ModelChoiceField(
        label="Whose score?",
        queryset=None,
        empty_label="Choose a member present",
        error_messages={"required": "Choose whose score this is"},
    )
    score = forms.IntegerField(
        label="Score from 0 to 10",
        help_text="0 means the home is about to end; 10 means it is as stable as it can be",
        error_messages={"required": "Give a score from 0 to 10", "invalid": "Give a score from 0 to 10"},
    )
    reason = forms.CharField(
        label="Why this score?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Say why you gave this score"},
    )
    replace = forms.BooleanField(label="This score replaces their earlier one", required=False)

    def __init__(self, *args: Any, invitees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invitee"].queryset = invitees


class ActionAddForm(GovukForm):
    """A Stability Action. Every part is needed, and every part missing is said at once, as
    `services.add_stability_action` would refuse it."""

    what = forms.CharField(
        label="What will happen?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": ACTION_WHAT},
    )
    owner_kind = forms.ChoiceField(
        label="Who owns it?",
        choices=OwnerKind.choices,
        error_messages={"required": ACTION_OWNER},
    )
    owner = PersonChoiceField(
        label="The worker",
        queryset=None,
        required=False,
        empty_label="Choose a worker",
    )
    owner_name = forms.CharField(
        label="Or their name",
        required=False,
        max_length=200,
        help_text="For an agency or a named person",
    )
    due_date = GovukDateField(label="By when?", described_as="date it will be done by")
    measure = forms.CharField(
        label="How will everyone know it worked?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": ACTION_MEASURE},
    )

    def __init__(
        self, *args: Any, workers: Any, carers: str = "", was_due: datetime.date | None = None, **kwargs: Any
    ) -> None:
        """`carers`: the names of the household's carers, which "The carer" stands for;
        `was_due`: the date a corrected action had, which may stay though it has passed."""
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = workers.select_related("team")
        self.carers = carers
        self.was_due = was_due
        if carers:
            self.fields["owner_kind"].choices = [
                (value, f"The carer: {carers}" if value == OwnerKind.CARER else label)
                for value, label in OwnerKind.choices
            ]
            self.fields[
                "owner_name"
            ].help_text = f"For an agency or a named person; for the carer, {carers} unless you name someone"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("owner_kind")
        if kind == OwnerKind.WORKER and not data.get("owner"):
            self.add_error("owner", ACTION_OWNER)
        elif kind in (OwnerKind.AGENCY, OwnerKind.NAMED_PERSON) and not data.get("owner_name", "").strip():
            self.add_error("owner_name", ACTION_OWNER_NAME)
        elif kind == OwnerKind.CARER and not data.get("owner_name", "").strip():
            if not self.carers:
                self.add_error("owner_name", ACTION_OWNER_NAME)
            else:
                data["owner_name"] = self.carers
        due = data.get("due_date")
        if due is not None and due < timezone.localdate() and due != self.was_due:
            self.add_error("due_date", ACTION_DATE_PAST)
        return data


class ActionChangeForm(ActionAddForm, SeenVersionForm):
    pass


class ActionReviewForm(SeenVersionForm):
    progress = forms.ChoiceField(
        label="How did it go?",
        choices=[
            (s, label)
            for s, label in [("done", "Done"), ("partly_done", "Partly done"), ("not_done", "Not done")]
        ],
        error_messages={"required": "Say how it went"},
    )
    evidence = forms.CharField(
        label="The evidence",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Give the evidence for how it went"},
    )


class AuthoriseForm(SeenVersionForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("authorise", "Authorise the plan"), ("return", "Return it with comments")],
        error_messages={"required": "Choose whether to authorise the plan or return it"},
    )
    comments = forms.CharField(
        label="Comments",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text="What needs to change, if you return it",
    )


class ReopenForm(SeenVersionForm):
    reason = forms.CharField(
        label="Why reopen the record?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Say why the record is being reopened"},
    )


class CirculationForm(SeenVersionForm):
    """Who the minutes went to, drawn from the version of the list so far
    (`selectors.circulation_of`)."""

    recipients = forms.MultipleChoiceField(
        label="Who were the minutes sent to?",
        help_text="The carers always receive the minutes",
        error_messages={"required": "Choose who the minutes went to"},
    )
    sent_on = GovukDateField(label="Date sent")
    sent_by = forms.ChoiceField(
        label="How were they sent?",
        choices=SentBy.choices,
        error_messages={"required": "Choose how they were sent"},
    )

    def __init__(self, *args: Any, invitees: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitees = {str(i.pk): i for i in invitees}
        self.fields["recipients"].choices = [
            (str(i.pk), f"{i.name}, {i.get_role_display().lower()}") for i in invitees
        ]
        if not self.is_bound:
            self.initial["recipients"] = [str(i.pk) for i in invitees if i.role == InviteeRole.CARER]

    def chosen(self) -> list:
        return [self.invitees[pk] for pk in self.cleaned_data["recipients"]]
