"""Administrators set the thresholds of the stability signals and which rules are in use."""

from django.contrib import admin

from steadfast.accounts.admin import LocalSettingAdmin

from . import rules
from .models import SignalSettings


@admin.register(SignalSettings)
class SignalSettingsAdmin(LocalSettingAdmin):
    list_display = ("__str__", "created_at")
    fieldsets = (
        ("Rules in use", {"fields": [f"use_{rule}" for rule in rules.RULE_NAMES]}),
        (
            "Thresholds",
            {
                "fields": [
                    "moves_in_year",
                    ("low_scale", "steep_fall"),
                    ("missing_episodes", "missing_within_days"),
                    "exclusion_within_days",
                    ("attendance_at_or_below_percent", "attendance_fall_points"),
                    "allegation_within_days",
                    "may_not_go_on_within_days",
                    ("log_review_within_days", "unreviewed_logs"),
                    ("tone_window_days", "tone_min_logs"),
                    ("visit_grace_days", "supervision_grace_days", "action_grace_days"),
                ]
            },
        ),
    )
