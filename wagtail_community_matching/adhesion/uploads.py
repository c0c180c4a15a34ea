"""Checks of uploaded files: the type comes from the content, never from the name.

:func:`inspect_upload` reads the first bytes of a file to recognise its type from
an allow-list (PNG, JPEG, WebP, GIF images and PDF documents), then, for images,
reads the dimensions from the header and refuses images over the pixel limit
*before* decoding them, so a small file that expands into gigabytes of pixels (a
decompression bomb) never reaches memory. Finally the image is decoded in full, to
refuse truncated or corrupt files.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

#: Known types: MIME type -> (file extension, name for people, Pillow format or None).
KNOWN_TYPES: dict[str, tuple[str, str, str | None]] = {
    "image/png": ("png", "PNG", "PNG"),
    "image/jpeg": ("jpg", "JPEG", "JPEG"),
    "image/webp": ("webp", "WebP", "WEBP"),
    "image/gif": ("gif", "GIF", "GIF"),
    "application/pdf": ("pdf", "PDF", None),
}

_SNIFF_BYTES = 16


@dataclass(frozen=True)
class InspectedUpload:
    """What :func:`inspect_upload` learnt about a valid file."""

    content_type: str
    extension: str
    size: int
    original_name: str
    width: int | None = None
    height: int | None = None


def sniff_content_type(head: bytes) -> str | None:
    """The MIME type recognised from a file's first bytes, or ``None``."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def type_names(content_types) -> str:
    """``"PNG, JPEG or PDF"`` for a list of MIME types."""
    names = [KNOWN_TYPES[t][1] for t in content_types if t in KNOWN_TYPES]
    if len(names) <= 1:
        return "".join(names)
    return _("%(names)s or %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def safe_original_name(name: str) -> str:
    """The uploaded name, reduced to safe characters and 100 characters (for display only)."""
    try:
        cleaned = get_valid_filename(str(name or "").replace("\x00", "")[-100:])
    except SuspiciousFileOperation:  # nothing usable left, such as ":" or ".."
        cleaned = ""
    return cleaned or "upload"


def _check_image(upload, content_type: str, max_pixels: int) -> tuple[int, int]:
    expected_format = KNOWN_TYPES[content_type][2]
    upload.seek(0)
    with warnings.catch_warnings():
        # Pillow warns (DecompressionBombWarning) above Image.MAX_IMAGE_PIXELS and
        # raises DecompressionBombError above twice that: treat both as errors.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(upload) as image:
                width, height = image.size
                if image.format != expected_format:
                    raise ValidationError(
                        _("The file is not a valid %(type)s image."),
                        code="invalid_image",
                        params={"type": KNOWN_TYPES[content_type][1]},
                    )
                if width * height > max_pixels:
                    raise _too_many_pixels(width, height, max_pixels)
                image.load()  # decode everything: refuses truncated and corrupt files
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels(None, None, max_pixels) from error
        except ValidationError:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
            raise ValidationError(
                _("The image could not be read: the file is damaged or incomplete."),
                code="invalid_image",
            ) from error
    return width, height


def _too_many_pixels(width, height, max_pixels) -> ValidationError:
    if width is None:
        return ValidationError(
            _("The image is too large: at most %(max)s million pixels are accepted."),
            code="too_many_pixels",
            params={"max": round(max_pixels / 1_000_000, 1)},
        )
    return ValidationError(
        _(
            "The image is too large (%(width)s × %(height)s pixels): at most "
            "%(max)s million pixels are accepted. Please send a smaller version."
        ),
        code="too_many_pixels",
        params={"width": width, "height": height, "max": round(max_pixels / 1_000_000, 1)},
    )


def _check_pdf(upload) -> None:
    upload.seek(0)
    try:
        upload.seek(-1024, 2)
    except (OSError, ValueError):
        upload.seek(0)
    if b"%%EOF" not in upload.read():
        raise ValidationError(_("The PDF file is incomplete or damaged."), code="invalid_pdf")


def inspect_upload(upload, allowed_types, *, max_bytes: int, max_pixels: int) -> InspectedUpload:
    """Check ``upload`` (a Django ``UploadedFile``) and describe it.

    Raises ``ValidationError`` with a message for the applicant when the file is
    empty, too big, of a type not in ``allowed_types``, damaged, or an image with
    more than ``max_pixels`` pixels.
    """
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is too big (%(size)s): the limit is %(max)s."),
            code="too_big",
            params={"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
        )
    upload.seek(0)
    content_type = sniff_content_type(upload.read(_SNIFF_BYTES))
    if content_type is None or content_type not in allowed_types:
        raise ValidationError(
            _("This type of file is not accepted. Please send a %(types)s file."),
            code="invalid_type",
            params={"types": type_names(allowed_types)},
        )
    width = height = None
    if KNOWN_TYPES[content_type][2] is not None:
        width, height = _check_image(upload, content_type, max_pixels)
    else:
        _check_pdf(upload)
    upload.seek(0)
    return InspectedUpload(
        content_type=content_type,
        extension=KNOWN_TYPES[content_type][0],
        size=size,
        original_name=safe_original_name(getattr(upload, "name", "")),
        width=width,
        height=height,
    )
