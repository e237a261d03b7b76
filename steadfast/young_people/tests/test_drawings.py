"""Pictures are checked by what they are and drawn again with nothing but their pixels."""

import contextlib
import io

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from steadfast.young_people.drawings import (
    LONGEST_SIDE,
    MAX_BYTES,
    NOT_A_PICTURE,
    TOO_BIG,
    TOO_MANY_PIXELS,
    drawing_from,
)

from .helpers import picture_bytes


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_each_kind_of_picture_is_kept_as_webp(fmt):
    drawing = drawing_from(picture_bytes(fmt))
    assert Image.open(io.BytesIO(drawing.data)).format == "WEBP"


def test_the_place_and_camera_a_photo_carries_are_not_kept():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # where it was taken
    drawing = drawing_from(picture_bytes(exif=exif.tobytes()))
    kept = Image.open(io.BytesIO(drawing.data))
    assert not kept.getexif() and "exif" not in kept.info
    assert b"Camera maker" not in drawing.data


def test_a_large_photo_is_made_smaller():
    drawing = drawing_from(picture_bytes(size=(4000, 3000)))
    assert (drawing.width, drawing.height) == (LONGEST_SIDE, 1200)


def test_a_small_file_claiming_a_huge_picture_is_refused_before_it_is_opened():
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, format="PNG")
    assert len(out.getvalue()) < MAX_BYTES
    with pytest.raises(ValidationError) as refused:
        drawing_from(out.getvalue())
    assert refused.value.messages == [TOO_MANY_PIXELS]


def test_a_file_too_big_is_refused():
    with pytest.raises(ValidationError) as refused:
        drawing_from(b"\0" * (MAX_BYTES + 1))
    assert refused.value.messages == [TOO_BIG]


@pytest.mark.parametrize(
    "data",
    [b"", b"GIF89a", picture_bytes("JPEG")[:200], b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"%PDF-1.4"],
)
def test_what_is_not_a_whole_picture_is_refused_plainly(data):
    with pytest.raises(ValidationError) as refused:
        drawing_from(data)
    assert refused.value.messages == [NOT_A_PICTURE]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=4000))
def test_any_bytes_give_a_picture_or_a_plain_refusal(data):
    try:
        drawing_from(data)
    except ValidationError as refused:
        assert refused.messages[0] in (NOT_A_PICTURE, TOO_BIG, TOO_MANY_PIXELS)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.integers(min_value=1, max_value=2000), st.data())
def test_a_real_picture_cut_short_or_damaged_anywhere_is_refused_or_kept_never_fails(cut, data):
    whole = picture_bytes("PNG", size=(60, 40))
    damaged = bytearray(whole[: min(cut, len(whole))])
    if damaged:
        at = data.draw(st.integers(min_value=0, max_value=len(damaged) - 1))
        damaged[at] ^= 0xFF
    # A plain refusal is the other good answer; anything else fails the test.
    with contextlib.suppress(ValidationError):
        drawing_from(bytes(damaged))
