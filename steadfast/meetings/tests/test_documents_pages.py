"""The minutes laid out to be filed: A4, the protective marking at the top and bottom of every
page, the title at the top and the page numbers at the bottom, in the PDF and in Word."""

import io

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from steadfast.meetings.documents import MARGINS_MM, css_string, minutes_docx, minutes_pdf
from steadfast.meetings.tests.test_documents import _held_meeting, _meeting

MARKING = "OFFICIAL-SENSITIVE"
TITLE = "Minutes: Placement stability meeting for Owen Example, 5 November 2026"
POINTS_PER_MM = 72 / 25.4


def _lines_by_height(page) -> list[tuple[float, str]]:
    """Each piece of text on the page with how far up the page it sits, in points."""
    found = []

    def note(text, cm, tm, font, size):
        if text.strip():
            found.append((tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=note)
    return found


def _pdf(meeting) -> PdfReader:
    return PdfReader(io.BytesIO(minutes_pdf(meeting)))


def _docx(meeting):
    return docx.Document(io.BytesIO(minutes_docx(meeting)))


# The PDF ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_of_the_pdf_is_a4_and_marked_at_the_top_and_the_bottom(scenario):
    reader = _pdf(_held_meeting(scenario))
    assert len(reader.pages) >= 2  # so "every page" means more than the first
    for page in reader.pages:
        width, height = (float(side) / POINTS_PER_MM for side in (page.mediabox.width, page.mediabox.height))
        assert (round(width), round(height)) == (210, 297)
        top = float(page.mediabox.height) - MARGINS_MM["top"] * POINTS_PER_MM
        bottom = MARGINS_MM["bottom"] * POINTS_PER_MM
        marks = [y for y, text in _lines_by_height(page) if text == MARKING]
        assert len(marks) == 2
        assert max(marks) > top  # in the top margin, above the text
        assert min(marks) < bottom  # in the bottom margin, below the text


@pytest.mark.django_db
def test_every_page_of_the_pdf_has_the_title_and_its_page_number_of_the_pages(scenario):
    reader = _pdf(_held_meeting(scenario))
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        lines = dict((text, y) for y, text in _lines_by_height(page))
        assert lines[TITLE] > float(page.mediabox.height) - MARGINS_MM["top"] * POINTS_PER_MM
        assert lines[f"Page {number} of {pages}"] < MARGINS_MM["bottom"] * POINTS_PER_MM


@pytest.mark.django_db
def test_the_pdf_keeps_the_marking_among_its_properties(scenario):
    assert _pdf(_meeting(scenario)).metadata["/Keywords"] == MARKING


@pytest.mark.django_db
def test_a_name_that_looks_like_css_is_printed_as_it_is_at_the_top_of_every_page(scenario):
    child = scenario.children["own"]
    child.legal_first_name = 'Zoë "} @page { size: A3 } </style><p>'
    child.save()
    reader = _pdf(_meeting(scenario))
    expected = f"Minutes: Placement stability meeting for {child}, 5 November 2026"
    for page in reader.pages:
        assert round(float(page.mediabox.width) / POINTS_PER_MM) == 210
        assert expected in " ".join(page.extract_text().split())


@pytest.mark.parametrize(
    "text", ["plain words", 'a "quote" and \\ a backslash', "</style><script>", "Zoë, 5 November", ""]
)
def test_text_written_into_the_pdf_style_is_only_letters_digits_spaces_and_escapes(text):
    written = str(css_string(text))
    assert written.startswith('"') and written.endswith('"')
    assert set(written[1:-1]) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \\")


# Word ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_word_file_is_a4_portrait_with_margins_for_filing(scenario):
    section = _docx(_meeting(scenario)).sections[0]
    assert round(section.page_width.mm, 1) == 210.0
    assert round(section.page_height.mm, 1) == 297.0
    for side in ("top", "right", "bottom", "left"):
        assert round(getattr(section, f"{side}_margin").mm) == MARGINS_MM[side]
    assert section.header_distance.mm < MARGINS_MM["top"]
    assert section.footer_distance.mm < MARGINS_MM["bottom"]


@pytest.mark.django_db
def test_the_word_header_carries_the_marking_and_the_title_on_every_page(scenario):
    document = _docx(_held_meeting(scenario))
    assert len(document.sections) == 1
    section = document.sections[0]
    assert not section.different_first_page_header_footer
    header = [p.text for p in section.header.paragraphs]
    assert header == [MARKING, TITLE]
    assert section.header.paragraphs[0].runs[0].bold


@pytest.mark.django_db
def test_the_word_footer_carries_the_marking_and_page_x_of_y_as_fields(scenario):
    footer = _docx(_held_meeting(scenario)).sections[0].footer
    marking, numbers = footer.paragraphs
    assert marking.text == MARKING and marking.runs[0].bold
    # Word works the fields out as it lays the pages out; "1" is shown until it does.
    assert numbers.text == "Page 1 of 1"
    fields = [code.text.strip() for code in numbers._p.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    kinds = [char.get(qn("w:fldCharType")) for char in numbers._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2


@pytest.mark.django_db
def test_the_word_file_keeps_the_marking_among_its_properties(scenario):
    assert _docx(_meeting(scenario)).core_properties.category == MARKING
