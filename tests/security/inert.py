"""Deciding whether rendered HTML carries anything a payload could execute."""

from __future__ import annotations

from html.parser import HTMLParser

PAYLOADS = [
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    '<img src=x onerror="alert(1)">',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    "![x](x onerror=alert(1))",
    "Safe\u202etxt.exe",
    "Invoice \u2067\u202efdp.exe\u2069 \u202dforced\u202c \u2066isolated\u2069",
]
BIDI_OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
_DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"iframe", "object", "embed"}:
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            if not dict(attrs).get("src"):
                self._in_script = True
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            normalised = "".join((value or "").split()).lower()
            if name in _URL_ATTRIBUTES and normalised.startswith(_DANGEROUS_SCHEMES):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.problems.append(f"inline script {data[:60]!r}")
        if any(char in data for char in BIDI_OVERRIDES):
            self.problems.append(f"bidirectional override in text {data[:60]!r}")


def executable_markup(html: str) -> list[str]:
    """What in ``html`` would run or mislead: script elements with inline code, event
    handler attributes, javascript:/data: URLs, frames and embeds, and bidirectional
    overrides in text. The site's own templates use none of these, so anything found
    came from a payload."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems
