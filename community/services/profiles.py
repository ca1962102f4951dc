"""Profiles: editing, and turning an uploaded picture into a safe avatar.

An avatar is judged by its content, never its name: Pillow must recognise it as one of a
few real image formats, it must be small in bytes *and* in pixels (decompression bombs
declare huge dimensions in a tiny file), and it is re-encoded to a 256×256 PNG so that
no metadata (GPS position, camera, author) and no polyglot payload survives.
"""

from __future__ import annotations

import io
import logging
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from community.models import Profile

logger = logging.getLogger(__name__)

AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_MAX_PIXELS = 40_000_000
AVATAR_SIZE = 256
AVATAR_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def avatar_normalise(upload) -> ContentFile:
    """Check an uploaded file and return a clean 256×256 PNG, or raise a
    ``ValidationError`` saying what is wrong with it."""
    if upload.size is not None and upload.size > AVATAR_MAX_BYTES:
        raise ValidationError(
            _("The picture is too large: at most %(mb)d MB."),
            code="too_large",
            params={"mb": AVATAR_MAX_BYTES // (1024 * 1024)},
        )
    data = upload.read(AVATAR_MAX_BYTES + 1)
    if len(data) > AVATAR_MAX_BYTES:
        raise ValidationError(
            _("The picture is too large: at most %(mb)d MB."),
            code="too_large",
            params={"mb": AVATAR_MAX_BYTES // (1024 * 1024)},
        )
    not_an_image = ValidationError(
        _("This file is not a picture we can use. Upload a JPEG, PNG, GIF or WebP image."),
        code="not_an_image",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=sorted(AVATAR_FORMATS)) as probe:
                width, height = probe.size
                if width * height > AVATAR_MAX_PIXELS:
                    raise ValidationError(
                        _("The picture has too many pixels (%(w)d×%(h)d)."),
                        code="too_many_pixels",
                        params={"w": width, "h": height},
                    )
                probe.verify()
            with Image.open(io.BytesIO(data), formats=sorted(AVATAR_FORMATS)) as image:
                image.seek(0)
                image = ImageOps.exif_transpose(image)
                image = image.convert("RGBA")
                image = ImageOps.fit(image, (AVATAR_SIZE, AVATAR_SIZE), Image.Resampling.LANCZOS)
                out = io.BytesIO()
                image.save(out, format="PNG", optimize=True)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        logger.info("avatar refused: %s", exc)
        raise not_an_image from exc
    return ContentFile(out.getvalue(), name="avatar.png")


@transaction.atomic
def profile_update(
    *,
    profile: Profile,
    data: dict,
    themes=None,
    avatar: ContentFile | None = None,
    remove_avatar: bool = False,
    handle: str | None = None,
) -> Profile:
    """Save a member's profile edits. ``avatar`` must come from ``avatar_normalise``."""
    if handle and handle != profile.user.handle:
        profile.user.handle = handle
        profile.user.save(update_fields=["handle"])
    for name, value in data.items():
        setattr(profile, name, value)
    if remove_avatar and profile.avatar:
        storage, old = profile.avatar.storage, profile.avatar.name
        profile.avatar = ""
        transaction.on_commit(lambda: storage.delete(old))
    if avatar is not None:
        old = profile.avatar.name if profile.avatar else ""
        profile.avatar.save(avatar.name, avatar, save=False)
        if old:
            storage = profile.avatar.storage
            transaction.on_commit(lambda: storage.delete(old))
    profile.save()
    if themes is not None:
        profile.themes.set(themes)
    return profile


@transaction.atomic
def profile_set_language(*, user, language: str) -> Profile | None:
    """Remember a signed-in member's interface language so that it follows them to every
    device and to the emails they receive. An unsupported code is ignored: Django's
    ``set_language`` already refuses it, and a stale form must never raise."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        return None
    profile, _created = Profile.objects.get_or_create(user=user)
    if profile.language != language:
        profile.language = language
        profile.save(update_fields=["language"])
    return profile
