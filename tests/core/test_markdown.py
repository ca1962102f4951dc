import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from core.markdown import render_markdown, render_plain

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle/></svg>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "<a href='javascript:x'>y</a>",
    '<b onclick="x()">bold</b>',
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    '[x](https://ok.example "t" onmouseover=alert(1))',
]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _is_inert(output: str) -> bool:
    """No dangerous element, no event-handler attribute, no link to a script URL.

    Text that merely *mentions* ``javascript:`` (in code, say) is harmless."""
    collector = _Collector()
    collector.feed(output)
    for tag, attrs in collector.tags:
        if tag in {"script", "iframe", "svg", "style", "object", "embed", "img", "form"}:
            return False
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "src", "srcdoc"}:
                return False
            # Relative links are harmless; a scheme must be one of the safe ones.
            scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value or "")
            if (
                name == "href"
                and scheme
                and scheme.group(1).lower()
                not in {
                    "http",
                    "https",
                    "mailto",
                }
            ):
                return False
    return True


def test_markdown_renders_emphasis_links_and_tables():
    html = render_markdown("**Remittances** [report](https://example.org)\n\n| a |\n|---|\n| 1 |")
    assert "<strong>Remittances</strong>" in html
    assert '<a href="https://example.org" rel="nofollow ugc noopener">report</a>' in html
    assert "<table>" in html


def test_markdown_keeps_code_visible_but_inert():
    html = render_markdown("```\n<b>code</b>\n```")
    assert "&lt;b&gt;code&lt;/b&gt;" in html


def test_markdown_neutralises_known_payloads():
    for payload in PAYLOADS:
        assert _is_inert(render_markdown(payload)), payload


def test_markdown_strips_unicode_direction_overrides():
    assert "\u202e" not in render_markdown("admin\u202etxt.exe")


def test_plain_rendering_has_no_markup():
    assert render_plain("**bold** [link](https://example.org)") == "bold link"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(PAYLOADS + ["**", "[", "](", ")", "<", ">", "\n\n", "`", "a", " "])
        | st.text(max_size=20),
        max_size=12,
    ).map("".join)
)
def test_markdown_output_is_always_inert(text):
    assert _is_inert(render_markdown(text))
