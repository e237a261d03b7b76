from typing import Any

from django import forms

from steadfast.core.forms import GovukDateField, GovukForm, WarnsOfSameRecordForm
from steadfast.core.jinja2 import govuk_date

from . import selectors, services
from .models import ImpactDomain, ImpactReason, SiblingContext, SiblingDecision, TrainingCourse
from .selectors import named_with_age

LONG_TEXT = 10000


def _text(label: str, message: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=forms.Textarea,
        max_length=LONG_TEXT,
        error_messages={"required": message},
    )


class ImpactStressAssessmentForm(WarnsOfSameRecordForm):
    """An impact and stress assessment of `household`; warns when one of it on the same day for
    the same reason is saved."""

    date = GovukDateField(label="Date of the assessment")
    reason = forms.ChoiceField(
        label="Why was the assessment done?",
        choices=ImpactReason.choices,
        error_messages={"required": services.REASON_NEEDED},
    )

    def __init__(self, *args: Any, household: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.household = household
        # Ratings and evidence are checked by the service, so every missing one is named.
        for domain in ImpactDomain:
            self.fields[f"rating_{domain.value}"] = forms.IntegerField(
                label=f"{domain.label}: rating from 0 to 10",
                help_text="0 means not coping at all; 10 means coping well.",
                required=False,
                min_value=0,
                max_value=10,
                error_messages={
                    "invalid": services.RATING_MISSING.format(domain=domain.label.lower()),
                    "min_value": services.RATING_MISSING.format(domain=domain.label.lower()),
                    "max_value": services.RATING_MISSING.format(domain=domain.label.lower()),
                },
            )
            self.fields[f"evidence_{domain.value}"] = forms.CharField(
                label=f"{domain.label}: the evidence",
                help_text="What the carers and others said, and what you saw.",
                widget=forms.Textarea,
                max_length=LONG_TEXT,
                required=False,
            )
        self.fields["overall"] = _text(
            "Your overall view", services.OVERALL_NEEDED, "How the household as a whole is coping."
        )
        self.fields["support_plan"] = _text(
            "The support plan",
            services.SUPPORT_PLAN_NEEDED,
            "Who will do what to support the household, and by when.",
        )

    def earlier_like(self, data: dict[str, Any]) -> tuple[Any, str] | None:
        earlier = selectors.impact_assessment_like(self.household, date=data["date"], reason=data["reason"])
        if earlier is None:
            return None
        return (
            earlier,
            f"an impact and stress assessment of {self.household.name} on {govuk_date(data['date'])}",
        )

    def domain_fields(self) -> list[tuple[str, str, str]]:
        return [(d.label, f"rating_{d.value}", f"evidence_{d.value}") for d in ImpactDomain]

    def ratings(self) -> dict[str, tuple[int | None, str]]:
        data = self.cleaned_data
        return {d.value: (data[f"rating_{d.value}"], data[f"evidence_{d.value}"]) for d in ImpactDomain}


class MatchingForm(GovukForm):
    agreed_on = GovukDateField(label="Date the match was agreed")
    childs_needs = _text("The child's needs", services.CHILDS_NEEDS_NEEDED)
    household_strengths = _text(
        "The household's approval and strengths for this child",
        services.STRENGTHS_NEEDED,
        "What the household is approved for and what it offers this child.",
    )
    gaps = _text(
        "The gaps",
        services.GAPS_NEEDED,
        "Where the household's strengths do not yet meet the child's needs.",
    )
    support_planned = _text(
        "Support planned from the first day",
        services.SUPPORT_NEEDED,
        "Preventive support agreed at the start, rather than in answer to a crisis.",
    )


class SiblingAssessmentForm(GovukForm):
    sibling = forms.ModelChoiceField(
        label="Brother or sister",
        queryset=None,
        error_messages={
            "required": "Choose the brother or sister",
            "invalid_choice": "Choose the brother or sister",
        },
    )
    assessed_on = GovukDateField(label="Date of the assessment")
    context = forms.ChoiceField(
        label="What is being decided?",
        choices=SiblingContext.choices,
        error_messages={"required": services.CONTEXT_NEEDED},
    )
    childs_needs = _text("This child's own needs", services.SIBLING_NEEDS_NEEDED)
    siblings_needs = _text("Their brother's or sister's own needs", services.SIBLING_NEEDS_NEEDED)
    relationship = _text("Their relationship", services.RELATIONSHIP_NEEDED)
    decision = forms.ChoiceField(
        label="Should they live together or apart?",
        choices=SiblingDecision.choices,
        error_messages={"required": services.DECISION_NEEDED},
    )
    reasons = _text("Why", services.REASONS_NEEDED, "The reasons for the decision, and any conditions.")

    def __init__(self, *args: Any, siblings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sibling"].queryset = siblings
        self.fields["sibling"].empty_label = "Choose a brother or sister"
        self.fields["sibling"].label_from_instance = named_with_age


class CarerTrainingForm(WarnsOfSameRecordForm):
    """A course a carer completed; warns when the same course completed the same day is saved
    for them."""

    member = forms.ModelChoiceField(
        label="Carer",
        queryset=None,
        error_messages={"required": services.NOT_A_CARER, "invalid_choice": services.NOT_A_CARER},
    )
    course = forms.ChoiceField(
        label="Course", choices=TrainingCourse.choices, error_messages={"required": services.COURSE_NEEDED}
    )
    course_name = forms.CharField(
        label="Name of the course (for another course)", max_length=200, required=False
    )
    completed_on = GovukDateField(label="Date completed")
    refresh_due = GovukDateField(label="Refresher due (optional)", required=False)

    def __init__(self, *args: Any, carers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = carers
        self.fields["member"].empty_label = "Choose a carer"
        self.fields["member"].label_from_instance = lambda member: member.full_name

    def earlier_like(self, data: dict[str, Any]) -> tuple[Any, str] | None:
        earlier = selectors.training_like(
            data["member"],
            course=data["course"],
            course_name=data["course_name"],
            completed_on=data["completed_on"],
        )
        if earlier is None:
            return None
        completed = govuk_date(data["completed_on"])
        return (
            earlier,
            f"the course {earlier.title} for {data['member'].full_name}, completed on {completed}",
        )
