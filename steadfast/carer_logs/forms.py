from typing import Any

from django import forms

from steadfast.core.forms import GovukDateField, GovukForm, SeenVersionForm

from . import services
from .models import LogCategory, SignificantEvent

CHILD_NEEDED = "Choose who the log is about"


class CarerLogForm(GovukForm):
    child = forms.ChoiceField(label="Who is the log about?", error_messages={"required": CHILD_NEEDED})
    date = GovukDateField(label="Date")
    category = forms.ChoiceField(
        label="What is it about?",
        choices=LogCategory.choices,
        error_messages={"required": services.CATEGORY_NEEDED},
    )
    what_happened = forms.CharField(
        label="What happened?",
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": services.WHAT_HAPPENED_NEEDED},
    )
    significant_event = forms.ChoiceField(
        label="Was there a significant event?",
        help_text="Choosing one tells the child's social worker and your supervising social worker at once.",
        choices=[("none", "No"), *[(v, label) for v, label in SignificantEvent.choices if v]],
        error_messages={"required": "Say whether there was a significant event"},
    )

    def __init__(self, *args: Any, children: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = {str(c.pk): c for c in children}
        self.fields["child"].choices = [(pk, c.display_name) for pk, c in self.children.items()]
        self.fields["child"].error_messages["invalid_choice"] = CHILD_NEEDED

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "child": self.children[data["child"]],
            "date": data["date"],
            "category": data["category"],
            "what_happened": data["what_happened"],
            "significant_event": "" if data["significant_event"] == "none" else data["significant_event"],
        }


class CarerLogReviewForm(SeenVersionForm):
    comment = forms.CharField(
        label="Your comment",
        help_text=(
            "For the fostering service only: the carers do not see it. To write to them, reply to the carers."
        ),
        widget=forms.Textarea,
        max_length=10000,
        error_messages={"required": services.COMMENT_NEEDED},
    )
    discussed_with_carer_on = GovukDateField(
        label="When did you discuss it with the carer?",
        required=False,
        help_text="Leave blank if you have not yet. For example, 27 3 2026",
    )


class CarerLogReplyForm(GovukForm):
    reply = forms.CharField(
        label="Your reply to the carers",
        help_text="The carers read this on their log in their portal, and are emailed that you have replied.",
        widget=forms.Textarea,
        max_length=10000,
        error_messages={"required": services.REPLY_NEEDED},
    )
