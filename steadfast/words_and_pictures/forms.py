from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from steadfast.core.child_texts import ChildTextForm, child_text_field
from steadfast.core.forms import GovukDateField, SeenVersionForm

from .models import SharedHow, StoryPage
from .services import MADE_BY_NEEDED, MAX_PAGES, TITLE_NEEDED, PageInput
from .uploads import FILE_EMPTY, CheckedFile, checked_document, checked_picture, read_upload

DOCUMENT_NEEDED = "Choose the file with the child's story in it"
SHARED_HOW_NEEDED = "Say how it was shared with the child"
# Blank pages offered below the story's pages, to add more.
BLANK_PAGES = 3
# The parts of a child-friendly plan, in order, with their headings.
PLAN_PARTS = (
    ("talked_about", "What we talked about"),
    ("agreed", "What we agreed"),
    ("who_will_help", "Who will help you and when"),
)


class _AboutTheStory(SeenVersionForm):
    title = forms.CharField(
        label="Title",
        help_text=(
            "The child's own title if they chose one, for example “My story” or “Why I live with Sam and Jo”"
        ),
        max_length=200,
        error_messages={"required": TITLE_NEEDED},
    )
    made_by = forms.CharField(
        label="Who made it with the child?",
        help_text="For example, “Priya (social worker) and Sam (carer), with Ava”",
        max_length=200,
        error_messages={"required": MADE_BY_NEEDED},
    )


class StoryUploadForm(_AboutTheStory):
    """A story as one document: checked by what the file holds, whatever it is called."""

    document = forms.FileField(
        label="The story",
        help_text="A PDF, a PNG or JPEG picture, or a Word document (.docx), smaller than 10MB",
        error_messages={"required": DOCUMENT_NEEDED, "empty": FILE_EMPTY, "invalid": DOCUMENT_NEEDED},
    )

    def clean_document(self) -> CheckedFile:
        return checked_document(read_upload(self.cleaned_data["document"]))


class StoryWriteForm(_AboutTheStory):
    """A story as written pages, each with a picture if it has one: the pages of the story's
    newest written version, if any, to edit, and BLANK_PAGES more to add. A picture already on
    a page is kept unless its box is unticked or another picture is chosen."""

    def __init__(self, *args: Any, existing_pages: list[StoryPage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing = {n: page for n, page in enumerate(existing_pages, start=1)}
        self.page_count = min(MAX_PAGES, len(existing_pages) + BLANK_PAGES)
        for n in range(1, self.page_count + 1):
            page = self.existing.get(n)
            self.fields[f"page_{n}_text"] = forms.CharField(
                label=f"Words on page {n}",
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=5000,
                required=False,
                initial=page.text if page else "",
            )
            self.fields[f"page_{n}_picture"] = forms.FileField(
                label=f"Picture on page {n} (optional)"
                if not (page and page.picture_type)
                else f"A new picture for page {n} (optional)",
                help_text="A PNG or JPEG picture, smaller than 10MB",
                required=False,
            )
            if page and page.picture_type:
                self.fields[f"page_{n}_keep"] = forms.BooleanField(
                    label=f"Keep the picture on page {n}", required=False, initial=True
                )

    def page_rows(self) -> list[dict[str, Any]]:
        """Each page's fields, and the page it edits if any, for the template."""
        return [
            {
                "number": n,
                "text": self[f"page_{n}_text"],
                "picture": self[f"page_{n}_picture"],
                "keep": self[f"page_{n}_keep"] if f"page_{n}_keep" in self.fields else None,
                "existing": self.existing.get(n),
            }
            for n in range(1, self.page_count + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        pages = []
        for n in range(1, self.page_count + 1):
            upload = data.get(f"page_{n}_picture")
            picture = None
            if upload:
                try:
                    picture = checked_picture(read_upload(upload))
                except ValidationError as error:
                    self.add_error(f"page_{n}_picture", error)
                    continue
            elif data.get(f"page_{n}_keep") and (existing := self.existing.get(n)) is not None:
                picture = CheckedFile(bytes(existing.picture), existing.picture_type)
            pages.append(PageInput(text=data.get(f"page_{n}_text") or "", picture=picture))
        data["pages"] = pages
        return data

    def add_service_error(self, error: ValidationError) -> None:
        # "Write at least one page" belongs to the first page's words.
        if hasattr(error, "error_dict") and "pages" in error.error_dict:
            error.error_dict["page_1_text"] = error.error_dict.pop("pages")
        super().add_service_error(error)


class SharedForm(SeenVersionForm):
    """When and how a story or plan was shared with the child."""

    shared_on = GovukDateField(label="Date shared", described_as="date it was shared", past_only=True)
    shared_how = forms.ChoiceField(
        label="How was it shared?",
        choices=SharedHow.choices,
        widget=forms.RadioSelect,
        error_messages={"required": SHARED_HOW_NEEDED, "invalid_choice": SHARED_HOW_NEEDED},
    )


class ChildFriendlyPlanForm(ChildTextForm):
    part_names = tuple(name for name, _ in PLAN_PARTS)

    talked_about = child_text_field(
        heading="What we talked about",
        help_text="Start each point of a list with a dash and a space (“- ”)",
    )
    agreed = child_text_field(heading="What we agreed")
    who_will_help = child_text_field(heading="Who will help you and when")
