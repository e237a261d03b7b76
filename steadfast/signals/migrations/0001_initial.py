import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from steadfast.core.moved_models import CreateOrAdoptModel, moved_content_types


class Migration(migrations.Migration):
    """The signals' settings and managers' considerations, moved from the app that held oversight
    and the signals together: a database that has their tables keeps them and their rows
    (`core.moved_models`)."""

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("children", "0002_child_search_text"),
        ("placements", "0002_placement_agreed_long_term_on"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        CreateOrAdoptModel(
            name="HistoricalSignalConsideration",
            moved_from="monitoring_historicalsignalconsideration",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "rule",
                    models.CharField(
                        choices=[
                            ("moves_in_year", "Moves in 12 months"),
                            ("stability_scale", "Stability scale low or falling"),
                            ("missing_episodes", "Repeated missing episodes"),
                            ("school", "Exclusion or falling school attendance"),
                            ("allegation", "Allegation"),
                            ("carer_may_not_go_on", "Carer may not go on"),
                            ("request_unanswered", "Request for help unanswered"),
                            ("logs_unreviewed", "Carer logs unreviewed"),
                            ("tone_rising", "Tone cues rising"),
                            ("visit_overdue", "Statutory visit overdue"),
                            ("supervision_overdue", "Supervision overdue"),
                            ("actions_drifting", "Stability Actions drifting"),
                            ("no_meeting_since_concern", "No meeting since a concern"),
                        ],
                        max_length=40,
                    ),
                ),
                ("considered_on", models.DateField()),
                ("reason", models.TextField()),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="children.child",
                    ),
                ),
                (
                    "considered_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "placement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The home the signal was about: a consideration does not follow the child to the next",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="placements.placement",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical signal consideration",
                "verbose_name_plural": "historical signal considerations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        CreateOrAdoptModel(
            name="SignalConsideration",
            moved_from="monitoring_signalconsideration",
            old_index_names={"signals_sig_placeme_92f6ba_idx": "monitoring__placeme_9ef85b_idx"},
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "rule",
                    models.CharField(
                        choices=[
                            ("moves_in_year", "Moves in 12 months"),
                            ("stability_scale", "Stability scale low or falling"),
                            ("missing_episodes", "Repeated missing episodes"),
                            ("school", "Exclusion or falling school attendance"),
                            ("allegation", "Allegation"),
                            ("carer_may_not_go_on", "Carer may not go on"),
                            ("request_unanswered", "Request for help unanswered"),
                            ("logs_unreviewed", "Carer logs unreviewed"),
                            ("tone_rising", "Tone cues rising"),
                            ("visit_overdue", "Statutory visit overdue"),
                            ("supervision_overdue", "Supervision overdue"),
                            ("actions_drifting", "Stability Actions drifting"),
                            ("no_meeting_since_concern", "No meeting since a concern"),
                        ],
                        max_length=40,
                    ),
                ),
                ("considered_on", models.DateField()),
                ("reason", models.TextField()),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="signal_considerations",
                        to="children.child",
                    ),
                ),
                (
                    "considered_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "placement",
                    models.ForeignKey(
                        help_text="The home the signal was about: a consideration does not follow the child to the next",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="signal_considerations",
                        to="placements.placement",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-considered_on", "-id"],
                "indexes": [
                    models.Index(
                        fields=["placement", "rule", "-considered_on"], name="signals_sig_placeme_92f6ba_idx"
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("reason", ""), _negated=True),
                        name="signal_consideration_has_reason",
                    )
                ],
            },
        ),
        CreateOrAdoptModel(
            name="SignalSettings",
            moved_from="monitoring_signalsettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "moves_in_year",
                    models.PositiveSmallIntegerField(
                        default=2, help_text="Placements begun in the last 12 months, this one included"
                    ),
                ),
                (
                    "low_scale",
                    models.PositiveSmallIntegerField(
                        default=4, help_text="A placement stability scale at or below this fires"
                    ),
                ),
                (
                    "steep_fall",
                    models.PositiveSmallIntegerField(
                        default=3, help_text="A fall of at least this much since the scale before fires"
                    ),
                ),
                (
                    "missing_episodes",
                    models.PositiveSmallIntegerField(
                        default=2, help_text="Missing episodes within the days below that fire"
                    ),
                ),
                ("missing_within_days", models.PositiveSmallIntegerField(default=90)),
                ("exclusion_within_days", models.PositiveSmallIntegerField(default=90)),
                (
                    "attendance_at_or_below_percent",
                    models.FloatField(
                        default=90.0, help_text="School attendance at or below this percentage fires"
                    ),
                ),
                (
                    "attendance_fall_points",
                    models.FloatField(
                        default=5.0,
                        help_text="A fall in attendance of at least this many percentage points fires",
                    ),
                ),
                ("allegation_within_days", models.PositiveSmallIntegerField(default=90)),
                ("may_not_go_on_within_days", models.PositiveSmallIntegerField(default=90)),
                (
                    "log_review_within_days",
                    models.PositiveSmallIntegerField(
                        default=7,
                        help_text="A carer log unreviewed more than this many days after it was written counts",
                    ),
                ),
                (
                    "unreviewed_logs",
                    models.PositiveSmallIntegerField(default=1, help_text="How many such logs fire"),
                ),
                (
                    "tone_window_days",
                    models.PositiveSmallIntegerField(
                        default=28,
                        help_text="Logs with tone cues in this many days are compared with the same span before",
                    ),
                ),
                (
                    "tone_min_logs",
                    models.PositiveSmallIntegerField(
                        default=2, help_text="At least this many logs with cues in the latest span"
                    ),
                ),
                ("visit_grace_days", models.PositiveSmallIntegerField(default=0)),
                ("supervision_grace_days", models.PositiveSmallIntegerField(default=0)),
                ("action_grace_days", models.PositiveSmallIntegerField(default=0)),
                (
                    "use_moves_in_year",
                    models.BooleanField(default=True, verbose_name="Use the rule “Moves in 12 months”"),
                ),
                (
                    "use_stability_scale",
                    models.BooleanField(
                        default=True, verbose_name="Use the rule “Stability scale low or falling”"
                    ),
                ),
                (
                    "use_missing_episodes",
                    models.BooleanField(
                        default=True, verbose_name="Use the rule “Repeated missing episodes”"
                    ),
                ),
                (
                    "use_school",
                    models.BooleanField(
                        default=True, verbose_name="Use the rule “Exclusion or falling school attendance”"
                    ),
                ),
                (
                    "use_allegation",
                    models.BooleanField(default=True, verbose_name="Use the rule “Allegation”"),
                ),
                (
                    "use_carer_may_not_go_on",
                    models.BooleanField(default=True, verbose_name="Use the rule “Carer may not go on”"),
                ),
                (
                    "use_request_unanswered",
                    models.BooleanField(
                        default=True, verbose_name="Use the rule “Request for help unanswered”"
                    ),
                ),
                (
                    "use_logs_unreviewed",
                    models.BooleanField(default=True, verbose_name="Use the rule “Carer logs unreviewed”"),
                ),
                (
                    "use_tone_rising",
                    models.BooleanField(default=True, verbose_name="Use the rule “Tone cues rising”"),
                ),
                (
                    "use_visit_overdue",
                    models.BooleanField(default=True, verbose_name="Use the rule “Statutory visit overdue”"),
                ),
                (
                    "use_supervision_overdue",
                    models.BooleanField(default=True, verbose_name="Use the rule “Supervision overdue”"),
                ),
                (
                    "use_actions_drifting",
                    models.BooleanField(
                        default=True, verbose_name="Use the rule “Stability Actions drifting”"
                    ),
                ),
                (
                    "use_no_meeting_since_concern",
                    models.BooleanField(
                        default=True, verbose_name="Use the rule “No meeting since a concern”"
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "stability signal settings",
                "verbose_name_plural": "stability signal settings",
                "ordering": ["-created_at", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("allegation_within_days__gte", 1),
                            ("exclusion_within_days__gte", 1),
                            ("log_review_within_days__gte", 1),
                            ("may_not_go_on_within_days__gte", 1),
                            ("missing_episodes__gte", 1),
                            ("missing_within_days__gte", 1),
                            ("moves_in_year__gte", 2),
                            ("tone_min_logs__gte", 1),
                            ("tone_window_days__gte", 7),
                            ("unreviewed_logs__gte", 1),
                        ),
                        name="signal_settings_counts_and_spans_at_least_one",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("low_scale__lte", 10), ("steep_fall__gte", 1), ("steep_fall__lte", 10)
                        ),
                        name="signal_settings_scale_within_0_to_10",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("attendance_at_or_below_percent__gte", 0),
                            ("attendance_at_or_below_percent__lte", 100),
                            ("attendance_fall_points__gt", 0),
                            ("attendance_fall_points__lte", 100),
                        ),
                        name="signal_settings_attendance_a_percentage",
                    ),
                ],
            },
        ),
        moved_content_types(
            "monitoring",
            "signals",
            ["historicalsignalconsideration", "signalconsideration", "signalsettings"],
        ),
    ]
