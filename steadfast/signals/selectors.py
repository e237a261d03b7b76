"""The stability signals in force today: the settings, each child's signals with what managers
have considered, what the child's record shows of them, the children in a manager's line with
signals, and how many children each signal is on.

Every read starts from children the viewer may see. The "tone cues rising" signal is only
worked out, and only shown, for homes whose logs the viewer reads with their cues
(`access.can_see_tone_signal`)."""

import dataclasses
import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.support_requests.selectors import support_requests_visible_to

from . import rules, situations
from .models import SignalConsideration, SignalSettings


def signal_settings_in_force() -> rules.SignalSettings:
    """The settings the authority set last, or the defaults, every rule in use, when it has set
    none."""
    row = SignalSettings.objects.first()
    if row is None:
        return rules.DEFAULT_SETTINGS
    thresholds = {
        f.name: getattr(row, f.name)
        for f in dataclasses.fields(rules.SignalSettings)
        if f.name != "switched_off"
    }
    off = frozenset(rule for rule in rules.RULE_NAMES if not getattr(row, f"use_{rule}"))
    return rules.SignalSettings(**thresholds, switched_off=off)


def latest_considerations(placement_ids: list[int]) -> dict[tuple[int, str], SignalConsideration]:
    """The latest consideration of each rule in each of the placements, by (placement, rule)."""
    latest: dict[tuple[int, str], SignalConsideration] = {}
    rows = (
        SignalConsideration.objects.filter(placement__in=placement_ids)
        .select_related("considered_by")
        .order_by("placement_id", "rule", "-considered_on", "-id")
    )
    for row in rows:
        latest.setdefault((row.placement_id, row.rule), row)
    return latest


@dataclass(frozen=True)
class ChildSignals:
    """A child's signals in their current home: those still to consider, and those a manager
    has considered since their evidence last changed, each with that consideration."""

    current_situation: situations.CurrentSituation
    current: list[rules.Signal]
    quieted: list[tuple[rules.Signal, SignalConsideration]]

    @property
    def home(self) -> situations.Home:
        return self.current_situation.home


def signals_of_children(
    viewer: User,
    child_ids: list[int],
    *,
    today: datetime.date,
    settings: rules.SignalSettings | None = None,
) -> dict[int, ChildSignals]:
    """The signals of each child (already ones the viewer may see) in their current home, by
    child id, under `settings` or else those in force. A fixed number of queries, however many
    children."""
    settings = settings or signal_settings_in_force()
    found = situations.current_situations(
        child_ids, today=today, settings=settings, tone_for=access.households_with_fostering_access(viewer)
    )
    considered = latest_considerations([c.home.placement_id for c in found.values()])
    result = {}
    for child_id, current_situation in found.items():
        current, quiet = [], []
        for signal in rules.signals_for(current_situation.situation, settings, today):
            if signal.rule == "tone_rising" and not current_situation.tone_shown:
                continue
            consideration = considered.get((current_situation.home.placement_id, signal.rule))
            if consideration is not None and rules.quieted(signal, consideration.considered_on):
                quiet.append((signal, consideration))
            else:
                current.append(signal)
        result[child_id] = ChildSignals(current_situation=current_situation, current=current, quieted=quiet)
    return result


def signals_of_child(viewer: User, child: Child, *, today: datetime.date) -> ChildSignals | None:
    """The child's signals in their current home; None when they have no current placement."""
    return signals_of_children(viewer, [child.pk], today=today).get(child.pk)


# --- The child's record ------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceLink:
    """A piece of evidence by name, with the page to open it, or no page when the viewer may
    not open it."""

    text: str
    url: str | None


@dataclass(frozen=True)
class ShownSignal:
    signal: rules.Signal
    evidence: list[EvidenceLink]
    consideration: SignalConsideration | None = None


EVIDENCE_NAMES = {
    situations.PLACEMENT: "Placement from {day}",
    situations.HOUSEHOLD: "The household's record",
    situations.SUPERVISION_SESSION: "Supervision on {day}",
    situations.CARER_LOG: "Carer log of {day}",
    situations.STABILITY_CONCERN: "Stability concern raised on {day}",
    situations.SUPPORT_REQUEST: "Request for help made on {day}",
    situations.STATUTORY_VISIT: "Statutory visit on {day}",
    situations.STABILITY_ACTION: "Stability Action due {day}",
    situations.STABILITY_MEETING: "Stability meeting on {day}",
}


def _day(value: datetime.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _evidence_url(evidence: rules.Evidence, child: Child) -> str:
    kind, pk = evidence.kind, evidence.id
    if kind == situations.PLACEMENT:
        return reverse("children:child-detail", args=[child.pk]) + "#placement-history"
    if kind == situations.STABILITY_ACTION:
        return reverse("meetings:child-plan", args=[child.pk])
    names = {
        situations.HOUSEHOLD: "households:household-detail",
        situations.SUPERVISION_SESSION: "supervision:supervision-detail",
        situations.CARER_LOG: "carer_logs:carer-log-detail",
        situations.STABILITY_CONCERN: "concerns:concern-detail",
        situations.SUPPORT_REQUEST: "support_requests:support-request-detail",
        situations.STATUTORY_VISIT: "visits:statutory-visit-detail",
        situations.STABILITY_MEETING: "meetings:meeting-detail",
    }
    return reverse(names[kind], args=[pk])


def _openable(viewer: User, child: Child, found: ChildSignals) -> dict[str, object]:
    """Which kinds of evidence the viewer may open, asked once for the record: every piece is
    about the child, whom they may see, and the home they live in now. For requests for help,
    the set of ids they may open."""
    home = found.home
    fostering = found.current_situation.tone_shown
    # The open requests about the child or their home the viewer may open (only an open request
    # is late): asked whatever the signals rest on, so the record costs the same queries.
    about_home = Q(child=child) | Q(child__isnull=True, household=home.household_id)
    requests = set(
        support_requests_visible_to(viewer)
        .filter(about_home, responded_at__isnull=True, closed_at__isnull=True)
        .values_list("pk", flat=True)
    )
    return {
        situations.PLACEMENT: True,
        situations.STABILITY_CONCERN: True,
        situations.STABILITY_MEETING: True,
        situations.STABILITY_ACTION: True,
        situations.HOUSEHOLD: home.household_id is not None
        and access.households_visible_to(viewer).filter(pk=home.household_id).exists(),
        situations.SUPERVISION_SESSION: fostering,
        situations.CARER_LOG: fostering or access.can_read_carer_logs_about_child(viewer, child),
        situations.STATUTORY_VISIT: access.can_see_statutory_visits(viewer, child),
        situations.SUPPORT_REQUEST: requests,
    }


def _links(signal: rules.Signal, child: Child, found: ChildSignals, openable: dict) -> list[EvidenceLink]:
    links = []
    for evidence in signal.evidence:
        text = EVIDENCE_NAMES[evidence.kind].format(day=_day(found.current_situation.days.get(evidence)))
        may = openable[evidence.kind]
        opens = evidence.id in may if isinstance(may, set) else may
        links.append(EvidenceLink(text=text, url=_evidence_url(evidence, child) if opens else None))
    return links


@dataclass(frozen=True)
class SignalsSection:
    current: list[ShownSignal]
    quieted: list[ShownSignal]
    can_consider: bool

    def shown(self, rule: str) -> ShownSignal | None:
        """The signal of `rule` still to consider, if there is one."""
        return next((s for s in self.current if s.signal.rule == rule), None)


def child_signals_section(viewer: User, child: Child, *, today: datetime.date) -> SignalsSection | None:
    """What the child's record shows of the child's signals: those still to consider, with why
    and the evidence (linked where the viewer may open it), and those considered, with who
    considered them, when and why. None when the child has no current home."""
    found = signals_of_child(viewer, child, today=today)
    if found is None:
        return None
    openable = _openable(viewer, child, found)
    return SignalsSection(
        current=[ShownSignal(s, _links(s, child, found, openable)) for s in found.current],
        quieted=[ShownSignal(s, _links(s, child, found, openable), c) for s, c in found.quieted],
        can_consider=access.can_consider_signal(viewer),
    )


def rules_shown_to(user: User) -> dict[str, str]:
    """The rules whose signals the user may be shown, with their names, in the order they run:
    every rule but "tone cues rising" for someone who reads no household's logs with their cues."""
    if access.households_with_fostering_access(user).exists():
        return dict(rules.RULE_NAMES)
    return {rule: name for rule, name in rules.RULE_NAMES.items() if rule != "tone_rising"}
