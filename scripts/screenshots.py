"""Regenerate docs/screenshots/: the seeded demo, photographed by Chromium.

    .venv/bin/python scripts/screenshots.py          # or: make screenshots

The demo runs on its embedded defaults (SQLite, database search, in-memory channel
layer) in a throw-away directory, so neither var/demo.sqlite3 nor the test services are
touched. Each page is taken at 1280 px and at 390 px wide, the whole page long: the home
page for a visitor and for the demo member, a group page and a forum topic with an
accepted answer. CHROMIUM_PATH says where Chromium is (default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
MEMBER = "member@practice-commons.test"
PASSWORD = "commons-demo-2026"  # noqa: S105 - the published demo password
GROUP = "/groups/lma-alumni-2024/"
WIDTHS = {"1280": {"width": 1280, "height": 800}, "390": {"width": 390, "height": 844}}
TOPIC_QUERY = (
    "from forums.models import Post; "
    "post = Post.objects.filter(is_accepted=True, topic__category__group__isnull=True)"
    ".select_related('topic').order_by('topic_id').first(); "
    "print(post.topic.get_absolute_url())"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def _wait(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urlopen(f"{url}/healthz", timeout=2):  # noqa: S310 - loopback only
                return
        except (URLError, ConnectionError, OSError):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the demo server did not start") from None
            time.sleep(0.3)


def _save(page, path: Path) -> None:
    """A whole-page PNG, reduced to a palette so the repository stays light."""
    from PIL import Image

    image = Image.open(io.BytesIO(page.screenshot(full_page=True)))
    image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
        path, optimize=True
    )
    print(f"  {path.relative_to(ROOT)}")  # noqa: T201


def _sign_in(page, url: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.locator("#id_login").fill(MEMBER)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{url}/")


def _photograph(url: str, topic: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        for width, viewport in WIDTHS.items():
            visitor = browser.new_context(locale="en-GB", viewport=viewport).new_page()
            visitor.goto(f"{url}/")
            _save(visitor, out / f"home-anonymous-{width}.png")
            member = browser.new_context(locale="en-GB", viewport=viewport).new_page()
            _sign_in(member, url)
            member.goto(f"{url}/")  # without the "signed in" message
            _save(member, out / f"home-member-{width}.png")
            member.goto(f"{url}{GROUP}")
            _save(member, out / f"group-{width}.png")
            member.goto(f"{url}{topic}")
            _save(member, out / f"forum-topic-{width}.png")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="commons-shots-") as tmp:
        port = _free_port()
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "SITE_URL")
        }
        env |= {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "PRIVATE_MEDIA_ROOT": f"{tmp}/private-media",
            "DEMO_HOST": "127.0.0.1",
            "DEMO_PORT": str(port),
            "DJANGO_DEBUG": "true",
        }
        print("==> migrating and seeding a throw-away demo database")  # noqa: T201
        _manage(env, "migrate", "--no-input", "-v", "0")
        _manage(env, "seed_demo")
        topic = _manage(env, "shell", "-c", TOPIC_QUERY).strip().splitlines()[-1]
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait(url, server)
            print(f"==> photographing {url} into {options.out}")  # noqa: T201
            _photograph(url, topic, options.out)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
