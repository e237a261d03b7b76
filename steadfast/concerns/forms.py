from django import forms

from steadfast.core.forms import GovukForm, SeenVersionForm

from .models import InstabilityFactor, MeetingKind, RaisedBy, Response, Urgency


class ConcernRaiseForm(GovukForm):
    child = forms.ModelChoiceField(
        label="Which child is this about?",
        queryset=None,
        required=False,
        empty_label="Choose a child",
        error_messages={"invalid_choice": "Choose a child who lives in this household"},
    )
    factors = forms.MultipleChoiceField(
        label="What is happening?",
        choices=InstabilityFactor.choices,
        help_text="Choose all that apply",
        error_messages={"required": "Choose at least one thing that is happening"},
    )
    what_is_happening = forms.CharField(
        label="Tell us more",
        widget=forms.Textarea,
        max_length=5000,
        help_text="What happened, in plain words, and what the child and the carer say about it",
        error_messages={"required": "Say what is happening"},
    )
    urgency = forms.ChoiceField(
        label="How urgent is it?",
        choices=Urgency.choices,
        error_messages={"required": "Choose how urgent it is"},
    )
    raised_by = forms.ChoiceField(
        label="Who is raising it?",
        choices=RaisedBy.choices,
        error_messages={"required": "Choose who is raising it"},
    )
    raised_by_name = forms.CharField(
        label="Their name (optional)",
        required=False,
        max_length=200,
        help_text="If it is someone other than you, for example the child or a teacher",
    )

    def __init__(self, *args, children=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if children is None:
            del self.fields["child"]
        else:
            self.fields["child"].queryset = children
            self.fields["child"].required = True
            self.fields["child"].error_messages["required"] = "Choose which child this is about"


class ConcernTriageForm(SeenVersionForm):
    response = forms.ChoiceField(
        label="What happens next?",
        choices=Response.choices,
        error_messages={"required": "Choose what happens next"},
    )
    meeting_kind = forms.ChoiceField(
        label="If a meeting, which kind?",
        choices=[("", "Choose a kind of meeting"), *MeetingKind.choices],
        required=False,
    )
    reason = forms.CharField(
        label="Why is this the right response?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Say why this is the right response"},
    )
    interim_support = forms.CharField(
        label="Support until then (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text="For example more visits, respite, or direct work with the child",
    )
