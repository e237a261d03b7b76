"""The authority's settings for stability signals, and managers' records that a signal was
considered."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel

from . import rules

DEFAULTS = rules.DEFAULT_SETTINGS


def _rule_switch(rule: str) -> models.BooleanField:
    return models.BooleanField(default=True, verbose_name=f"Use the rule “{rules.RULE_NAMES[rule]}”")


class SignalSettings(BaseModel):
    """The thresholds the signal rules use, and which rules are in use, as the authority sets
    them. The newest row is in force; with none, `rules.DEFAULT_SETTINGS` applies, every rule
    in use. Each field is the field of the same name in `rules.SignalSettings`."""

    moves_in_year = models.PositiveSmallIntegerField(
        default=DEFAULTS.moves_in_year, help_text="Placements begun in the last 12 months, this one included"
    )
    low_scale = models.PositiveSmallIntegerField(
        default=DEFAULTS.low_scale, help_text="A placement stability scale at or below this fires"
    )
    steep_fall = models.PositiveSmallIntegerField(
        default=DEFAULTS.steep_fall, help_text="A fall of at least this much since the scale before fires"
    )
    missing_episodes = models.PositiveSmallIntegerField(
        default=DEFAULTS.missing_episodes, help_text="Missing episodes within the days below that fire"
    )
    missing_within_days = models.PositiveSmallIntegerField(default=DEFAULTS.missing_within_days)
    exclusion_within_days = models.PositiveSmallIntegerField(default=DEFAULTS.exclusion_within_days)
    attendance_at_or_below_percent = models.FloatField(
        default=DEFAULTS.attendance_at_or_below_percent,
        help_text="School attendance at or below this percentage fires",
    )
    attendance_fall_points = models.FloatField(
        default=DEFAULTS.attendance_fall_points,
        help_text="A fall in attendance of at least this many percentage points fires",
    )
    allegation_within_days = models.PositiveSmallIntegerField(default=DEFAULTS.allegation_within_days)
    may_not_go_on_within_days = models.PositiveSmallIntegerField(default=DEFAULTS.may_not_go_on_within_days)
    log_review_within_days = models.PositiveSmallIntegerField(
        default=DEFAULTS.log_review_within_days,
        help_text="A carer log unreviewed more than this many days after it was written counts",
    )
    unreviewed_logs = models.PositiveSmallIntegerField(
        default=DEFAULTS.unreviewed_logs, help_text="How many such logs fire"
    )
    tone_window_days = models.PositiveSmallIntegerField(
        default=DEFAULTS.tone_window_days,
        help_text="Logs with tone cues in this many days are compared with the same span before",
    )
    tone_min_logs = models.PositiveSmallIntegerField(
        default=DEFAULTS.tone_min_logs, help_text="At least this many logs with cues in the latest span"
    )
    visit_grace_days = models.PositiveSmallIntegerField(default=DEFAULTS.visit_grace_days)
    supervision_grace_days = models.PositiveSmallIntegerField(default=DEFAULTS.supervision_grace_days)
    action_grace_days = models.PositiveSmallIntegerField(default=DEFAULTS.action_grace_days)
    use_moves_in_year = _rule_switch("moves_in_year")
    use_stability_scale = _rule_switch("stability_scale")
    use_missing_episodes = _rule_switch("missing_episodes")
    use_school = _rule_switch("school")
    use_allegation = _rule_switch("allegation")
    use_carer_may_not_go_on = _rule_switch("carer_may_not_go_on")
    use_request_unanswered = _rule_switch("request_unanswered")
    use_logs_unreviewed = _rule_switch("logs_unreviewed")
    use_tone_rising = _rule_switch("tone_rising")
    use_visit_overdue = _rule_switch("visit_overdue")
    use_supervision_overdue = _rule_switch("supervision_overdue")
    use_actions_drifting = _rule_switch("actions_drifting")
    use_no_meeting_since_concern = _rule_switch("no_meeting_since_concern")

    class Meta:
        verbose_name = "stability signal settings"
        verbose_name_plural = "stability signal settings"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    moves_in_year__gte=2,
                    missing_episodes__gte=1,
                    missing_within_days__gte=1,
                    exclusion_within_days__gte=1,
                    allegation_within_days__gte=1,
                    may_not_go_on_within_days__gte=1,
                    log_review_within_days__gte=1,
                    unreviewed_logs__gte=1,
                    tone_window_days__gte=7,
                    tone_min_logs__gte=1,
                ),
                name="signal_settings_counts_and_spans_at_least_one",
            ),
            models.CheckConstraint(
                condition=Q(low_scale__lte=10, steep_fall__gte=1, steep_fall__lte=10),
                name="signal_settings_scale_within_0_to_10",
            ),
            models.CheckConstraint(
                condition=Q(
                    attendance_at_or_below_percent__gte=0,
                    attendance_at_or_below_percent__lte=100,
                    attendance_fall_points__gt=0,
                    attendance_fall_points__lte=100,
                ),
                name="signal_settings_attendance_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        off = [rules.RULE_NAMES[rule] for rule in rules.RULE_NAMES if not getattr(self, f"use_{rule}")]
        return f"Signal settings, {'rules not used: ' + ', '.join(off) if off else 'every rule in use'}"


class SignalConsideration(BaseModel):
    """A manager's record that they considered a signal about a child in one home, and why. It
    quiets the signal until the signal rests on evidence newer than `considered_on`
    (`rules.quieted`)."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, related_name="signal_considerations"
    )
    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.PROTECT,
        related_name="signal_considerations",
        help_text="The home the signal was about: a consideration does not follow the child to the next",
    )
    rule = models.CharField(max_length=40, choices=list(rules.RULE_NAMES.items()))
    considered_on = models.DateField()
    considered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-considered_on", "-id"]
        indexes = [models.Index(fields=["placement", "rule", "-considered_on"])]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="signal_consideration_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} considered on {self.considered_on}"
