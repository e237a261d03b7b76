from typing import Any

from django import forms

from steadfast.core.forms import GovukForm, SeenVersionForm

from . import services
from .models import HelpKind, HelpUrgency
from .rules import Timescale

WHOLE_HOUSEHOLD = "household"
WHO_NEEDED = "Choose who the help is for"
URGENCY_HINT = (
    "Urgent requests are answered within {urgent} working days, those needed soon within {soon}, "
    "and others within {routine}. Every request is acknowledged within {acknowledge}."
)


def _days(n: int) -> str:
    return "1 working day" if n == 1 else f"{n} working days"


class AskForHelpForm(GovukForm):
    """Asking for help, by a carer in their portal or a worker on their behalf. `children` are
    those living with the household now whom the person asking may name."""

    child = forms.ChoiceField(label="Who is the help for?", error_messages={"required": WHO_NEEDED})
    kind = forms.ChoiceField(
        label="What kind of help?",
        choices=HelpKind.choices,
        error_messages={"required": services.KIND_NEEDED},
    )
    urgency = forms.ChoiceField(
        label="How soon is it needed?",
        choices=HelpUrgency.choices,
        error_messages={"required": services.URGENCY_NEEDED},
    )
    what_is_needed = forms.CharField(
        label="What help is needed?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": services.WHAT_IS_NEEDED},
    )

    def __init__(self, *args: Any, children: list, carer: bool, timescale: Timescale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["urgency"].help_text = URGENCY_HINT.format(
            urgent=timescale.urgent_working_days,
            soon=timescale.soon_working_days,
            routine=timescale.routine_working_days,
            acknowledge=_days(timescale.acknowledge_working_days),
        )
        self.children = {str(c.pk): c for c in children}
        household = "Our household as a whole" if carer else "The household as a whole"
        self.fields["child"].choices = [(WHOLE_HOUSEHOLD, household)] + [
            (pk, c.display_name) for pk, c in self.children.items()
        ]
        self.fields["child"].error_messages["invalid_choice"] = services.CHILD_NOT_PLACED
        self.fields["what_is_needed"].help_text = (
            "Tell us what is happening and what would help"
            if carer
            else "In the carers' words, where you can"
        )

    def chosen_child(self) -> object | None:
        return self.children.get(self.cleaned_data["child"])


class _TextForm(SeenVersionForm):
    """One box of text for a step in a request's history; the field's name is the service's.
    It carries the version of the request the page was drawn from."""

    label = ""
    name = ""
    required_message = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[self.name] = forms.CharField(
            label=self.label,
            widget=forms.Textarea,
            max_length=5000,
            required=bool(self.required_message),
            error_messages={"required": self.required_message},
        )

    def text(self) -> str:
        return self.cleaned_data[self.name]


class AcknowledgeForm(_TextForm):
    label, name = "Anything to tell the carers now (optional)", "note"


class RespondForm(_TextForm):
    label, name, required_message = (
        "What will happen, or what was provided?",
        "response",
        services.RESPONSE_NEEDED,
    )


class NotObtainedForm(_TextForm):
    label, name, required_message = "What could not be obtained, and why?", "why", services.WHY_NOT_OBTAINED


class EscalateForm(_TextForm):
    label, name, required_message = (
        "Why does a manager need to look at this?",
        "reason",
        services.ESCALATION_REASON_NEEDED,
    )


class CloseForm(_TextForm):
    label, name, required_message = "Why is it being closed?", "note", services.CLOSING_NOTE_NEEDED
