"""A text written for a child: drafted from the record, edited by the worker, its reading age
shown beside it while it is edited and wherever it is read, and given to the child as a page or
a PDF with the protective marking. Nothing here knows what the text is about: the caller gives
the draft, the title and who it is for."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.template.loader import render_to_string

from steadfast.core.exports import PROTECTIVE_MARKING
from steadfast.core.forms import SeenVersionForm
from steadfast.core.pdf import pdf_from_html
from steadfast.core.readability import Readability, readability_of

# Long enough for a page or two to a child; longer is no longer a letter a child reads.
TEXT_MAX_LENGTH = 6000
TEXT_NEEDED = "Write what you will tell the child"
# The button that shows the reading age of what was typed without saving it.
CHECK = "check"


@dataclass(frozen=True)
class ChildText:
    """A text for a child as the pages show it: its paragraphs and how easy it is to read."""

    text: str
    readability: Readability | None

    @property
    def paragraphs(self) -> list[list[str]]:
        """The text's paragraphs (split at blank lines), each as its lines."""
        return [
            [line.strip() for line in part.strip().splitlines()]
            for part in self.text.replace("\r\n", "\n").split("\n\n")
            if part.strip()
        ]


def child_text(text: str) -> ChildText:
    return ChildText(text=text, readability=readability_of(text))


class ChildTextForm(SeenVersionForm):
    """Editing a text for a child: the text, and the version of the record it belongs to."""

    text = forms.CharField(
        label="What you will tell the child",
        help_text="Use short sentences and everyday words. Speak to the child as 'you'.",
        widget=forms.Textarea,
        max_length=TEXT_MAX_LENGTH,
        error_messages={"required": TEXT_NEEDED},
    )

    def checking(self) -> bool:
        """Whether the person asked to see the reading age rather than to save."""
        return self.is_bound and self.data.get("action") == CHECK

    def shown_text(self) -> ChildText:
        """The text as it stands in the form: what was typed, or the saved text or draft."""
        value = self.data.get("text", "") if self.is_bound else self.initial.get("text", "")
        return child_text(str(value)[:TEXT_MAX_LENGTH])


def child_text_pdf(*, title: str, for_whom: str, text: str, **context: Any) -> bytes:
    """The text as a PDF with the protective marking at the top and bottom of every page."""
    html = render_to_string(
        "voice/child_text_document.html",
        {
            "title": title,
            "for_whom": for_whom,
            "text": child_text(text),
            "marking": PROTECTIVE_MARKING,
            **context,
        },
    )
    return pdf_from_html(html)
