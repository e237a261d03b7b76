from typing import Any

from django import forms

from steadfast.core.forms import GovukDateField, GovukForm

from .models import SupervisionTopic


class SupervisionForm(GovukForm):
    date = GovukDateField(label="Date of the session")
    unannounced = forms.ChoiceField(
        label="Was the visit announced?",
        choices=[("no", "Announced"), ("yes", "Unannounced")],
        error_messages={"required": "Say whether the visit was announced"},
    )
    present = forms.CharField(
        label="Who was there?", max_length=500, error_messages={"required": "Say who was there"}
    )
    topics = forms.MultipleChoiceField(
        label="What did you talk about?", choices=SupervisionTopic.choices, required=False
    )
    household_managing = forms.CharField(
        label="How is the household managing?",
        widget=forms.Textarea,
        max_length=10000,
        error_messages={"required": "Say how the household is managing"},
    )
    actions = forms.CharField(
        label="Actions agreed (optional)", widget=forms.Textarea, required=False, max_length=10000
    )

    def __init__(self, *args: Any, children: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = children
        for child in children:
            self.fields[f"score_{child.pk}"] = forms.IntegerField(
                label=f"Placement stability scale for {child.display_name}, from 0 to 10",
                help_text=(
                    "0 means the placement is about to end; 10 means it is as stable as it can be. "
                    "Leave blank if they were not placed here on the day of the session, or if no "
                    "scale was given, and say why below."
                ),
                required=False,
                error_messages={"invalid": f"Give a score from 0 to 10 for {child.display_name}"},
            )
            self.fields[f"reason_{child.pk}"] = forms.CharField(
                label=f"Why this score for {child.display_name}?",
                widget=forms.Textarea,
                max_length=5000,
                required=False,
            )
            self.fields[f"no_scale_reason_{child.pk}"] = forms.CharField(
                label=f"Reason no scale was given for {child.display_name}",
                help_text=(
                    "Only if they were placed here on the day and you left the scale blank: for "
                    "example, they were away and the carers could not say."
                ),
                widget=forms.Textarea,
                max_length=5000,
                required=False,
            )

    def scale_fields(self) -> list[tuple[str, str, str]]:
        return [(f"score_{c.pk}", f"reason_{c.pk}", f"no_scale_reason_{c.pk}") for c in self.children]

    def scales(self) -> list[tuple[object, int | None, str]]:
        data = self.cleaned_data
        return [(c, data[f"score_{c.pk}"], data[f"reason_{c.pk}"]) for c in self.children]

    def reasons_no_scale(self) -> list[tuple[object, str]]:
        return [(c, self.cleaned_data[f"no_scale_reason_{c.pk}"]) for c in self.children]
