"""A drawing or photo a child adds, checked by what it is rather than by its name or the type
the browser claims, and drawn again so that only its pixels are kept."""

import io
import struct
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
"""More than a phone's camera takes; a file claiming more is refused before it is decoded, so
that a small file cannot unpack into gigabytes."""
LONGEST_SIDE = 1600
"""Kept no larger than this: plenty to see a drawing on a screen, and a small row."""
FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
# Every picture is kept in one format, which keeps transparency and stays small for photos.
CONTENT_TYPE = "image/webp"

NOT_A_PICTURE = "The file must be a picture: a photo or a drawing saved as JPG, PNG, GIF or WEBP"
TOO_BIG = "The picture must be smaller than 5 MB. Try a smaller photo"
TOO_MANY_PIXELS = "The picture is too big. Try a smaller photo"


@dataclass(frozen=True)
class Drawing:
    data: bytes
    width: int
    height: int


def drawing_from(data: bytes) -> Drawing:
    """The picture in `data`, drawn again as a WEBP (CONTENT_TYPE) of at most LONGEST_SIDE pixels a side, with
    no metadata (no camera, no place, no time), turned the way the camera meant. Raises
    ValidationError with a plain message for anything that is not a picture of a known kind,
    or too large."""
    if len(data) > MAX_BYTES:
        raise ValidationError(TOO_BIG)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ValidationError(TOO_MANY_PIXELS)
                image.load()
                picture = ImageOps.exif_transpose(image)
                clear = "A" in picture.getbands() or "transparency" in picture.info
                picture = picture.convert("RGBA" if clear else "RGB")
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(TOO_MANY_PIXELS) from None
    except UnidentifiedImageError:
        raise ValidationError(NOT_A_PICTURE) from None
    except (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError, KeyError, struct.error):
        # A file that says it is a picture and breaks part way through.
        raise ValidationError(NOT_A_PICTURE) from None
    picture.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    # A new image holds only the pixels: nothing of the original's metadata comes with them.
    clean = Image.new(picture.mode, picture.size)
    clean.paste(picture)
    out = io.BytesIO()
    clean.save(out, format="WEBP", quality=85)
    return Drawing(data=out.getvalue(), width=clean.width, height=clean.height)
