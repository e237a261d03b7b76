import io

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from steadfast.words_and_pictures import uploads
from steadfast.words_and_pictures.uploads import (
    FILE_DAMAGED,
    FILE_EMPTY,
    FILE_NOT_ALLOWED,
    FILE_TOO_BIG,
    PICTURE_NOT_ALLOWED,
    checked_document,
    checked_picture,
)

from .helpers import PDF_BYTES, docx_bytes, jpeg_with_exif, png_bytes

MESSAGES = {FILE_DAMAGED, FILE_EMPTY, FILE_NOT_ALLOWED, FILE_TOO_BIG, PICTURE_NOT_ALLOWED}


def test_a_pdf_a_word_document_and_pictures_are_told_apart_by_their_content():
    assert checked_document(PDF_BYTES).document_type == "pdf"
    assert checked_document(docx_bytes()).document_type == "docx"
    assert checked_document(png_bytes()).document_type == "png"
    assert checked_document(jpeg_with_exif()).document_type == "jpeg"


def test_a_picture_is_encoded_afresh_without_its_camera_details_or_comments():
    checked = checked_picture(jpeg_with_exif())
    with Image.open(io.BytesIO(checked.content)) as image:
        assert not image.getexif()
    checked = checked_picture(png_bytes(comment="Taken at 12 Synthetic Street"))
    assert b"Synthetic Street" not in checked.content


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", FILE_EMPTY),
        (b"MZ\x90\x00 not a story", FILE_NOT_ALLOWED),
        (b"<html><script>alert(1)</script></html>", FILE_NOT_ALLOWED),
        (b"%PDF-1.4 cut short", FILE_DAMAGED),
        (b"\x89PNG\r\n\x1a\nnot really a png", FILE_DAMAGED),
        (b"PK\x03\x04 not really a zip", FILE_DAMAGED),
    ],
)
def test_anything_else_is_refused_plainly(content, message):
    with pytest.raises(ValidationError) as refused:
        checked_document(content)
    assert refused.value.messages == [message]


def test_a_zip_archive_that_is_not_a_word_document_is_refused():
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.exe", "synthetic")
    with pytest.raises(ValidationError) as refused:
        checked_document(out.getvalue())
    assert refused.value.messages == [FILE_NOT_ALLOWED]


def test_a_file_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(ValidationError) as refused:
        checked_document(PDF_BYTES + b" " * 200)
    assert refused.value.messages == [FILE_TOO_BIG]


def test_a_pdf_is_not_taken_as_a_picture():
    with pytest.raises(ValidationError) as refused:
        checked_picture(PDF_BYTES)
    assert refused.value.messages == [PICTURE_NOT_ALLOWED]


def test_a_picture_with_too_many_pixels_is_refused_before_it_is_decoded(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PICTURE_PIXELS", 100)
    with pytest.raises(ValidationError) as refused:
        checked_picture(png_bytes(size=(20, 20)))
    assert refused.value.messages == [FILE_TOO_BIG]


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.sampled_from([b"", b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04"]),
    body=st.binary(max_size=2000),
)
def test_any_bytes_are_accepted_as_what_they_are_or_refused_with_a_plain_message(prefix, body):
    for check in (checked_document, checked_picture):
        try:
            checked = check(prefix + body)
        except ValidationError as error:
            assert set(error.messages) <= MESSAGES
        else:
            assert checked.document_type in ("pdf", "png", "jpeg", "docx")
