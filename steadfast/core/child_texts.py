"""A text written for a child: drafted for the worker, edited by them with its reading age
beside it, then shown as a page and taken away as a PDF carrying the protective marking.

Several parts of the service write to a child in this shape (a plan in words the child can
read, feedback on what changed because they spoke), so the shape is here once: a `ChildText`
(a title and headed parts), the form that edits its parts and answers their reading age
(`ChildTextForm`), the page's macros (`components/child_text.html`) and the PDF
(`child_text_pdf`). What a text says, and how it is drafted, stays with the app that owns it.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.template.loader import render_to_string

from .exports import PROTECTIVE_MARKING
from .forms import SeenVersionForm
from .pdf import pdf_from_html
from .readability import Readability, readability_of

CHILD_TEXT_MAX_LENGTH = 5000
PART_NEEDED = "Enter what to tell the child under “{heading}”"
# The button that shows the reading age of what is typed, without saving it.
CHECK_READING_AGE = "check"
LANGUAGE = "en-GB"


@dataclass(frozen=True)
class ChildTextPart:
    """One headed part of a text for a child. A line that begins "- " is a point in a list;
    every other line is a paragraph of its own."""

    heading: str
    text: str

    @property
    def blocks(self) -> list[tuple[str, list[str]]]:
        """The part as ("p", [line]) paragraphs and ("ul", [points]) lists, in order."""
        blocks: list[tuple[str, list[str]]] = []
        for raw in self.text.splitlines():
            line = raw.strip()
            if not line:
                continue
            if line.startswith("- "):
                if blocks and blocks[-1][0] == "ul":
                    blocks[-1][1].append(line[2:].strip())
                else:
                    blocks.append(("ul", [line[2:].strip()]))
            else:
                blocks.append(("p", [line]))
        return blocks


@dataclass(frozen=True)
class ChildText:
    """A text for a child: its title, who it is for, and its parts."""

    title: str
    child_name: str
    parts: tuple[ChildTextPart, ...]

    @property
    def readability(self) -> Readability | None:
        return readability_of_parts(part.text for part in self.parts)


def readability_of_parts(texts: Any) -> Readability | None:
    """The reading age of several parts read as one text: each line a sentence of its own, so
    that a list's points are not read as one long sentence."""
    lines = []
    for text in texts:
        for raw in (text or "").splitlines():
            line = raw.strip().removeprefix("- ").strip()
            if line:
                lines.append(line if line[-1] in ".!?" else f"{line}.")
    return readability_of("\n".join(lines))


def child_text_field(*, heading: str, help_text: str = "") -> forms.CharField:
    """A part of a text for a child, as a form field: a box of plain text, required."""
    return forms.CharField(
        label=heading,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=CHILD_TEXT_MAX_LENGTH,
        error_messages={"required": PART_NEEDED.format(heading=heading)},
    )


class ChildTextForm(SeenVersionForm):
    """Edits the parts of a text for a child (`part_names`, each a `child_text_field`) and
    answers their reading age as typed, whether or not the form is valid, so that the page can
    show it beside the boxes after "Check reading age" as after a refused save."""

    part_names: tuple[str, ...] = ()

    def typed_readability(self) -> Readability | None:
        if self.is_bound:
            texts = [str(self.data.get(name, "")) for name in self.part_names]
        else:
            texts = [str(self.initial.get(name, "")) for name in self.part_names]
        return readability_of_parts(texts)

    @property
    def checking(self) -> bool:
        """Was the form sent to see the reading age of what was typed, not to save it?"""
        return self.is_bound and self.data.get("action") == CHECK_READING_AGE


def child_text_pdf(text: ChildText) -> bytes:
    """The text as a tagged PDF on A4, with the protective marking at the top and bottom of
    every page, the title at the top and "Page X of Y" at the bottom (ADR 0023), and the reading
    age at the end."""
    html = render_to_string(
        "components/child_text_document.html",
        {
            "text": text,
            "readability": text.readability,
            "marking": PROTECTIVE_MARKING,
            "authority": settings.AUTHORITY_NAME,
            "lang": LANGUAGE,
        },
    )
    return pdf_from_html(html)
