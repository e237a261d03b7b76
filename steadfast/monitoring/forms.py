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


class SignalFilterForm(GovukForm):
    team = forms.ModelChoiceField(label="Team", queryset=None, required=False, empty_label="All teams")
    worker = forms.ModelChoiceField(label="Worker", queryset=None, required=False, empty_label="All workers")
    rule = forms.ChoiceField(label="Signal", choices=[], required=False)

    def __init__(self, *args, teams, workers, rules: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", "All signals"), *rules.items()]
        self.fields["team"].queryset = teams
        self.fields["worker"].queryset = workers
        self.fields["worker"].label_from_instance = lambda user: user.get_full_name()
