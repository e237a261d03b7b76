"""The filters of team oversight and of its list of children with signals."""

from dataclasses import dataclass

from django import forms
from django.http import HttpRequest

from steadfast.accounts.models import Team, User
from steadfast.core.forms import GovukForm

from .selectors import teams_in_line, workers_in_line

TEAM_NOT_IN_LINE = "Select a team from the list"
WORKER_NOT_IN_LINE = "Select a worker from the list"
SIGNAL_NOT_OFFERED = "Select a signal from the list"


class OversightFilterForm(GovukForm):
    """Team and worker, offering only those in the manager's line; anything else is refused."""

    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        required=False,
        empty_label="All your teams",
        error_messages={"invalid_choice": TEAM_NOT_IN_LINE},
    )
    worker = forms.ModelChoiceField(
        label="Worker",
        queryset=User.objects.none(),
        required=False,
        empty_label="Everyone in your teams",
        error_messages={"invalid_choice": WORKER_NOT_IN_LINE},
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams_in_line(user)
        self.fields["worker"].queryset = workers_in_line(user)
        self.fields["worker"].label_from_instance = lambda worker: worker.get_full_name()


class SignalFilterForm(OversightFilterForm):
    """The oversight filters, and one of the signals the person may be shown."""

    rule = forms.ChoiceField(
        label="Signal", choices=[], required=False, error_messages={"invalid_choice": SIGNAL_NOT_OFFERED}
    )

    def __init__(self, *args, user: User, rules: dict[str, str], **kwargs) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["rule"].choices = [("", "All signals"), *rules.items()]


@dataclass(frozen=True)
class Filters:
    form: OversightFilterForm
    team_id: int | None
    worker_id: int | None
    rule: str
    query: str  # the filters as a query string, for links that keep them

    @property
    def applied(self) -> bool:
        return bool(self.team_id or self.worker_id or self.rule)


def filters_from(request: HttpRequest, form: OversightFilterForm) -> Filters:
    """The filters the request asks for, bound in `form`; a choice outside what the form offers
    is shown as an error and not applied, and the others still are."""
    chosen = {}
    if form.is_bound:
        form.is_valid()  # a field in error is left out of cleaned_data, so it filters nothing
        chosen = form.cleaned_data
    team, worker = chosen.get("team"), chosen.get("worker")
    query = request.GET.copy()
    for name in list(query):
        if name not in form.fields:
            query.pop(name)
    return Filters(
        form=form,
        team_id=team.pk if team else None,
        worker_id=worker.pk if worker else None,
        rule=chosen.get("rule", ""),
        query=query.urlencode(),
    )
