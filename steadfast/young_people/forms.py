"""The worker's invitation, the child's own page, and what a worker records afterwards."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from steadfast.core.forms import GovukForm, SeenVersionForm
from steadfast.core.jinja2 import govuk_date
from steadfast.core.texts import normalised_uk_mobile

from .drawings import MAX_BYTES, TOO_BIG, Drawing, drawing_from
from .models import Answer, PageVersion, Purpose, SentHow
from .selectors import Listener
from .services import (
    DAYS_OUT_OF_RANGE,
    LINK_DAYS,
    MEETING_NEEDED,
    WHAT_WAS_DONE_NEEDED,
    SentViews,
)

PURPOSE_NEEDED = "Say what the child is giving their views for"
PAGE_VERSION_NEEDED = "Choose the version of the page that suits the child"
SENT_HOW_NEEDED = "Choose how to give the child the link"
WHO_FOR_NEEDED = "Choose who your message is for"
WORD_TOO_SHORT = "Your word needs at least 4 letters or numbers"
WORD_NEEDED = "Type your word"


class InvitationForm(GovukForm):
    purpose = forms.ChoiceField(
        label="What is the child giving their views for?",
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": PURPOSE_NEEDED},
    )
    meeting = forms.ChoiceField(label="Which meeting?", required=False, help_text="For a meeting only")
    page_version = forms.ChoiceField(
        label="Which version of the page?",
        choices=PageVersion.choices,
        widget=forms.RadioSelect,
        error_messages={"required": PAGE_VERSION_NEEDED},
    )
    days = forms.IntegerField(
        label="For how many days should the link work?",
        help_text=f"Up to {LINK_DAYS} days. A link for a meeting stops when the meeting starts.",
        min_value=1,
        max_value=LINK_DAYS,
        initial=LINK_DAYS,
        error_messages={
            "required": DAYS_OUT_OF_RANGE,
            "invalid": DAYS_OUT_OF_RANGE,
            "min_value": DAYS_OUT_OF_RANGE,
            "max_value": DAYS_OUT_OF_RANGE,
        },
    )
    sent_how = forms.ChoiceField(
        label="How will the child get the link?",
        choices=SentHow.choices,
        widget=forms.RadioSelect,
        error_messages={"required": SENT_HOW_NEEDED},
    )
    email = forms.EmailField(
        label="Email address (for an email)",
        required=False,
        max_length=254,
        help_text="The child's own, or their carer's if the child asks. It is not kept.",
    )
    mobile = forms.CharField(
        label="Mobile number (for a text message)", required=False, max_length=30, help_text="It is not kept."
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meetings = {str(m.pk): m for m in meetings}
        self.fields["meeting"].choices = [("", "Choose a meeting")] + [
            (pk, f"{m.get_kind_display()} on {govuk_date(m.scheduled_at)}") for pk, m in self.meetings.items()
        ]

    def clean_mobile(self) -> str:
        mobile = self.cleaned_data["mobile"].strip()
        return normalised_uk_mobile(mobile) if mobile else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("purpose") == Purpose.MEETING and not data.get("meeting"):
            self.add_error("meeting", MEETING_NEEDED)
        return data

    def chosen_meeting(self) -> Any:
        return self.meetings.get(self.cleaned_data.get("meeting") or "")


class RevokeForm(SeenVersionForm):
    pass


class SafetyActedForm(SeenVersionForm):
    what_was_done = forms.CharField(
        label="What you did",
        help_text="Who you spoke to, what you found and what happens next",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": WHAT_WAS_DONE_NEEDED},
    )


# The younger page asks with five big faces, each standing for a point on the same 0 to 10 scale.
YOUNGER_SCORES = (0, 3, 5, 7, 10)
ANSWER_MOODS = {Answer.YES: 1, Answer.NOT_SURE: 0, Answer.NO: -1}
ANSWERS = [(a.value, a.label) for a in Answer]


def _text(label: str, max_length: int = 5000) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea, required=False, max_length=max_length)


class MyViewsForm(GovukForm):
    """The child's own page. Everything may be left out but one thing; the words are the child's
    own and are kept as they wrote them."""

    going_well = _text("What's going well?")
    worrying = _text("What's worrying me?")
    better = _text("What would make things better?")
    home_score = forms.TypedChoiceField(
        label="How are things at home?",
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    feels_safe = forms.ChoiceField(
        label="Do you feel safe where you live?", choices=ANSWERS, required=False, widget=forms.RadioSelect
    )
    feels_happy = forms.ChoiceField(
        label="Are you happy where you live?", choices=ANSWERS, required=False, widget=forms.RadioSelect
    )
    wants_to_come = forms.ChoiceField(
        label="Do you want to come to the meeting?", choices=ANSWERS, required=False, widget=forms.RadioSelect
    )
    who_to_be_there = _text("Who would you like to be there?", max_length=1000)
    private_message = _text("Is there anything you want to say to one person only?")
    private_for = forms.ChoiceField(label="Who is it for?", required=False, widget=forms.RadioSelect)
    drawing = forms.FileField(label="Add a drawing or a photo", required=False)
    word = forms.CharField(
        label="Choose a secret word (if you like)",
        help_text="With it, you can open this page again to see that what you sent arrived",
        required=False,
        max_length=40,
    )

    def __init__(
        self, *args: Any, listeners: dict[str, Listener], younger: bool, for_meeting: bool, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["private_for"].choices = [(key, listener.label) for key, listener in listeners.items()]
        if not listeners:
            del self.fields["private_message"], self.fields["private_for"]
        if not for_meeting:
            del self.fields["wants_to_come"]
            self.fields["who_to_be_there"].label = "Who would you like to talk to?"
        if younger:
            self.fields["home_score"].choices = [(str(n), str(n)) for n in YOUNGER_SCORES]
            self.fields["going_well"].label = "Good things"
            self.fields["worrying"].label = "Worries"
            self.fields["better"].label = "Wishes and dreams"
            self.fields["feels_safe"].label = "Do you feel safe at home?"
            self.fields["feels_happy"].label = "Are you happy at home?"

    def score_moods(self) -> dict[str, float]:
        """Each score's face, from sad at 0 to happy at 10."""
        return {value: (int(value) - 5) / 5 for value, _ in self.fields["home_score"].choices}

    answer_moods = {str(answer): mood for answer, mood in ANSWER_MOODS.items()}

    def clean_drawing(self) -> Drawing | None:
        sent = self.cleaned_data.get("drawing")
        if not sent:
            return None
        if sent.size > MAX_BYTES:
            raise ValidationError(TOO_BIG)
        return drawing_from(sent.read(MAX_BYTES + 1))

    def clean_word(self) -> str:
        word = self.cleaned_data["word"].strip()
        if word and sum(c.isalnum() for c in word) < 4:
            raise ValidationError(WORD_TOO_SHORT)
        return word

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("private_message", "").strip() and not data.get("private_for"):
            self.add_error("private_for", WHO_FOR_NEEDED)
        return data

    def sent(self) -> SentViews:
        data = self.cleaned_data
        return SentViews(
            **{name: data.get(name) or "" for name in SENT_TEXTS},
            home_score=data.get("home_score"),
            drawing=data.get("drawing"),
        )


SENT_TEXTS = (
    "going_well",
    "worrying",
    "better",
    "feels_safe",
    "feels_happy",
    "wants_to_come",
    "who_to_be_there",
    "private_message",
    "private_for",
    "word",
)


class WordForm(GovukForm):
    word = forms.CharField(label="Your secret word", max_length=40, error_messages={"required": WORD_NEEDED})
