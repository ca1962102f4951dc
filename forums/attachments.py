"""Checking uploaded attachments by their content, never by their name.

Images are opened and verified with Pillow; documents are recognised by their magic
bytes (PDF) or their container structure (OOXML and OpenDocument zip packages); plain
text and CSV must decode as UTF-8 without control bytes. The stored file name is a fresh
token with the extension of the detected type.
"""

from __future__ import annotations

import io
import secrets
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .conf import limit

IMAGE_FORMATS = {
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}
OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}
ODF = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
Image.MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class CheckedUpload:
    kind: str  # "image" or "document"
    content_type: str
    extension: str
    original_name: str
    size: int

    def storage_name(self) -> str:
        return f"{secrets.token_hex(12)}.{self.extension}"


def _image(data: bytes) -> tuple[str, str] | None:
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return IMAGE_FORMATS.get(fmt or "")


def _zip_document(data: bytes) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype in ODF:
                    return mimetype, ODF[mimetype]
            if "[Content_Types].xml" in names:
                for prefix, found in OOXML.items():
                    if any(n.startswith(prefix) for n in names):
                        return found
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    return None


def _text(data: bytes, name: str) -> tuple[str, str] | None:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in {"txt", "csv"}:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        return None
    return ("text/csv", "csv") if extension == "csv" else ("text/plain", "txt")


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Accept an image or a document, or raise ``ValidationError`` saying why not."""
    max_bytes = limit("ATTACHMENT_MAX_BYTES")
    name = get_valid_filename(upload.name or "file")[-200:] or "file"
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is too large: attachments may be up to %(max)s.")
            % {"name": name, "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(data) > max_bytes:
        raise ValidationError(
            _("“%(name)s” is too large: attachments may be up to %(max)s.")
            % {"name": name, "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    if not data:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    if found := _image(data):
        return CheckedUpload("image", found[0], found[1], name, len(data))
    if data.startswith(b"%PDF-"):
        return CheckedUpload("document", "application/pdf", "pdf", name, len(data))
    if data.startswith(b"PK\x03\x04") and (found := _zip_document(data)):
        return CheckedUpload("document", found[0], found[1], name, len(data))
    if found := _text(data, name):
        return CheckedUpload("document", found[0], found[1], name, len(data))
    raise ValidationError(
        _(
            "“%(name)s” is not a file type we accept. Attach an image (PNG, JPEG, GIF, "
            "WebP) or a document (PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV)."
        )
        % {"name": name},
        code="file_type",
    )
