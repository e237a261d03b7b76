"""Forms of the monitoring pages."""

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


TEAM_NOT_IN_LINE = "Select a team from the list"
WORKER_NOT_IN_LINE = "Select a worker from the list"
SIGNAL_NOT_OFFERED = "Select a signal from the list"


class SignalFilterForm(GovukForm):
    team = forms.ModelChoiceField(
        label="Team",
        queryset=None,
        required=False,
        empty_label="All teams",
        error_messages={"invalid_choice": TEAM_NOT_IN_LINE},
    )
    worker = forms.ModelChoiceField(
        label="Worker",
        queryset=None,
        required=False,
        empty_label="All workers",
        error_messages={"invalid_choice": WORKER_NOT_IN_LINE},
    )
    rule = forms.ChoiceField(
        label="Signal", choices=[], required=False, error_messages={"invalid_choice": SIGNAL_NOT_OFFERED}
    )

    def __init__(self, *args, teams, workers, rules: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", "All signals"), *rules.items()]
        self.fields["team"].queryset = teams
        self.fields["worker"].queryset = workers
        self.fields["worker"].label_from_instance = lambda user: user.get_full_name()
