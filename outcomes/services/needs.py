"""Posting and endorsing capacity needs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from community.models import User
from core.markdown import clean_text
from outcomes.models import Need, NeedEndorsement

# Free text a member types: normalised, with bidirectional controls removed, so that a
# title cannot display reversed (U+202E) on the board or in emails.
_TEXT_FIELDS = ("title", "organisation", "description")


@transaction.atomic
def need_create(*, author: User, **fields) -> Need:
    for name in _TEXT_FIELDS:
        if isinstance(fields.get(name), str):
            fields[name] = clean_text(fields[name])
    need = Need(author=author, **fields)
    need.full_clean()
    need.save()
    return need


def need_endorse(*, need: Need, user: User) -> bool:
    """One endorsement per member; endorsing one's own need does not count.
    Returns whether a new endorsement was recorded."""
    if need.author_id == user.pk:
        raise ValidationError(_("You cannot endorse a need you posted."))
    try:
        with transaction.atomic():
            _endorsement, created = NeedEndorsement.objects.get_or_create(need=need, user=user)
    except IntegrityError:
        return False
    return created


@transaction.atomic
def need_unendorse(*, need: Need, user: User) -> None:
    NeedEndorsement.objects.filter(need=need, user=user).delete()
