"""Checking an uploaded file by what it holds, never by its name or the type the browser
claims: a PDF, a PNG or JPEG image, or a Word (.docx) document, within a size. Images are
decoded and encoded afresh, which leaves behind whatever they carried besides the picture
(camera, place and time details)."""

import io
import warnings
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import DocumentType

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOAD_MEGABYTES = MAX_UPLOAD_BYTES // (1024 * 1024)
# A picture with more pixels than this is refused rather than decoded (a small file can hold a
# huge picture that would fill the server's memory).
MAX_PICTURE_PIXELS = 40_000_000
# A Word document unpacks to at most this much, for the same reason.
MAX_DOCX_UNPACKED_BYTES = 100 * 1024 * 1024

FILE_EMPTY = "The selected file is empty. Choose a file that has your story in it"
FILE_TOO_BIG = f"The selected file must be smaller than {MAX_UPLOAD_MEGABYTES}MB"
FILE_NOT_ALLOWED = "The selected file must be a PDF, a PNG or JPEG picture, or a Word document (.docx)"
FILE_DAMAGED = "The selected file could not be opened. Check it opens on your computer, then upload it again"
PICTURE_NOT_ALLOWED = "The selected picture must be a PNG or JPEG image"

_PDF = b"%PDF-"
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_ZIP = b"PK\x03\x04"

CONTENT_TYPES = {
    DocumentType.PDF: "application/pdf",
    DocumentType.PNG: "image/png",
    DocumentType.JPEG: "image/jpeg",
    DocumentType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = {
    DocumentType.PDF: "pdf",
    DocumentType.PNG: "png",
    DocumentType.JPEG: "jpg",
    DocumentType.DOCX: "docx",
}


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    document_type: str


def read_upload(upload) -> bytes:
    """The bytes of an uploaded file, refused when empty or too big without reading more than
    the limit."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(FILE_TOO_BIG, code="too_big")
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if not content:
        raise ValidationError(FILE_EMPTY, code="empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError(FILE_TOO_BIG, code="too_big")
    return content


def checked_document(content: bytes) -> CheckedFile:
    """`content` as a story's document: a PDF or Word document kept as it is, a picture encoded
    afresh. Raises ValidationError with a plain message for anything else."""
    _check_size(content)
    if content.startswith(_PDF):
        if b"%%EOF" not in content[-2048:]:
            raise ValidationError(FILE_DAMAGED, code="damaged")
        return CheckedFile(content, DocumentType.PDF)
    if content.startswith(_ZIP):
        _check_docx(content)
        return CheckedFile(content, DocumentType.DOCX)
    if content.startswith((_PNG, _JPEG)):
        return checked_picture(content)
    raise ValidationError(FILE_NOT_ALLOWED, code="not_allowed")


def checked_picture(content: bytes) -> CheckedFile:
    """`content` as a PNG or JPEG picture, decoded and encoded afresh in the same format, so
    that only the picture is kept. Raises ValidationError for anything else."""
    _check_size(content)
    if content.startswith(_PNG):
        kind = DocumentType.PNG
    elif content.startswith(_JPEG):
        kind = DocumentType.JPEG
    else:
        raise ValidationError(PICTURE_NOT_ALLOWED, code="not_allowed")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.width * image.height > MAX_PICTURE_PIXELS:
                    raise ValidationError(FILE_TOO_BIG, code="too_big")
                image.load()
                picture = _without_extras(image, kind)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(FILE_DAMAGED, code="damaged") from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise ValidationError(FILE_DAMAGED, code="damaged") from None
    return CheckedFile(picture, kind)


def _without_extras(image: Image.Image, kind: str) -> bytes:
    """The picture alone, in a new file: no EXIF, XMP, comments or text chunks, turned the way
    its EXIF said to show it."""
    upright = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if kind == DocumentType.JPEG:
        upright.convert("RGB").save(out, format="JPEG", quality=90)
    else:
        mode = upright.mode if upright.mode in ("RGB", "RGBA", "L", "LA", "P") else "RGBA"
        upright.convert(mode).save(out, format="PNG", optimize=True)
    return out.getvalue()


def _check_size(content: bytes) -> None:
    if not content:
        raise ValidationError(FILE_EMPTY, code="empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError(FILE_TOO_BIG, code="too_big")


def _check_docx(content: bytes) -> None:
    """A Word document is a zip archive holding the parts Word writes; anything else in a zip
    archive is refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise ValidationError(FILE_DAMAGED, code="damaged") from None
    if not {"[Content_Types].xml", "word/document.xml"} <= names:
        raise ValidationError(FILE_NOT_ALLOWED, code="not_allowed")
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise ValidationError(FILE_TOO_BIG, code="too_big")
