"""Reading an alumni roster: a CSV of email addresses, one a row.

Every problem is reported with its line number, and nothing is imported unless the whole
file is clean (DESIGN: imports are atomic).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000


@dataclass
class RosterParse:
    emails: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def parse_roster(data: bytes) -> RosterParse:
    """Emails of a roster file, or the list of (line, message) problems."""
    result = RosterParse()
    if len(data) > MAX_BYTES:
        result.errors.append((0, _("The file is larger than 1 MB.")))
        return result
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append((0, _("The file is not UTF-8 text. Save it as “CSV UTF-8”.")))
        return result
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    column = 0
    seen: dict[str, int] = {}
    rows = list(csv.reader(io.StringIO(text), dialect))
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        lowered = [c.lower() for c in cells]
        if not seen and not result.errors and ("email" in lowered or "e-mail" in lowered):
            column = lowered.index("email") if "email" in lowered else lowered.index("e-mail")
            continue
        if len(seen) + len(result.errors) >= MAX_ROWS:
            result.errors.append(
                (number, _("Too many rows: import at most %(n)d at a time.") % {"n": MAX_ROWS})
            )
            break
        value = cells[column] if column < len(cells) else ""
        email = value.lower()
        try:
            validate_email(email)
        except ValidationError:
            result.errors.append(
                (number, _("“%(value)s” is not a valid email address.") % {"value": value})
            )
            continue
        if email in seen:
            result.errors.append(
                (
                    number,
                    _("%(email)s is listed twice (first on line %(line)d).")
                    % {"email": email, "line": seen[email]},
                )
            )
            continue
        seen[email] = number
    if not seen and not result.errors:
        result.errors.append((0, _("The file contains no email addresses.")))
    result.emails = list(seen)
    return result
