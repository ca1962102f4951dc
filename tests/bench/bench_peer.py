"""Peer benchmark: the case-study page and listing beside wagtail/bakerydemo's blog post
and blog index, both sites served the same way, in one run.

    .venv/bin/python tests/bench/bench_peer.py      (scripts/bench.sh runs it too)

Issue #16 asks for a yardstick outside the project: a Wagtail site everyone knows. This
script fetches bakerydemo into a folder **outside the repository** (``PEER_DIR``, default
``/tmp/practice-commons-peer``) from ``BAKERYDEMO_SRC`` (default its GitHub repository;
any ``git clone`` source works, e.g. a local mirror), gives it its own virtual
environment there and nothing of it is vendored here. bakerydemo pins Django 6.0, which
needs Python ≥ 3.12; it runs on Django 5.2 with its pinned Wagtail, so its requirements
are installed with Django ``>=5.2,<6`` (plus whitenoise, which its production settings
use, and uvicorn).

Both sites run the way they would be deployed on one small machine, side by side:

- **the same server**: uvicorn, one worker, no access log, Django's ASGI handler
  (bakerydemo ships only a WSGI module, so uvicorn builds its app with Django's own
  ``get_asgi_application``);
- **the same database engine**: SQLite, one file each, in ``PEER_DIR`` (bakerydemo's
  ``migrate`` + ``load_initial_data``; ours ``migrate`` + ``seed_demo``, the demo
  content), kept between runs while the schema and the seed are unchanged;
- **DEBUG off, production settings**: bakerydemo's ``bakerydemo.settings.production``
  (local-memory cache without Redis); ours ``tests.bench.settings`` (production over
  plain HTTP) on SQLite, with the local-memory cache and the in-memory channel layer
  (no ``REDIS_URL``) and the database search (no ``ELASTICSEARCH_URL``); both with their
  static files collected into a manifest, as whitenoise serves them.

What is measured, alternating between the two sites throughout so that a shared
machine's load falls on both alike:

- **latency**: ``PEER_REQUESTS`` rounds of one request to each of the four pages in turn
  (one client, keep-alive): p50/p95/p99 per page;
- **throughput**: ``PEER_CLIENTS`` concurrent clients (default 10) for ``PEER_SECONDS``
  on one page, then the next, for ``PEER_ROUNDS`` rounds: requests/s per page (and the
  p95 under that load).

Ours is measured twice, beside the same bakerydemo server: **as deployed**, with the
anonymous page cache on (``core.page_cache``), and with it **off** (every request
renders). ``ratios`` (ours ÷ bakerydemo's) are the as-deployed figures, which the issue's
goal reads (p95 ≤ 0.5×, requests/s ≥ 2×); ``ratios_uncached`` the others. The SQL
queries of our two pages (uncached; a visitor, and a signed-in member on the case
study) are counted in-process on the same database. Figures go to
``reports/bench-peer.json``.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from harness import ROOT, load_average, percentile, summary_ms, write_report
from stack import stop_process_group

PEER_DIR = Path(os.environ.get("PEER_DIR", "/tmp/practice-commons-peer"))  # noqa: S108
BAKERYDEMO_SRC = os.environ.get("BAKERYDEMO_SRC", "https://github.com/wagtail/bakerydemo.git")
BAKERYDEMO_REF = os.environ.get("BAKERYDEMO_REF", "")
OUR_PORT = int(os.environ.get("PEER_OUR_PORT", "8731"))
BAKERY_PORT = int(os.environ.get("PEER_BAKERY_PORT", "8732"))
REQUESTS = int(os.environ.get("PEER_REQUESTS", "60"))
CLIENTS = int(os.environ.get("PEER_CLIENTS", "10"))
SECONDS = float(os.environ.get("PEER_SECONDS", "6"))
ROUNDS = int(os.environ.get("PEER_ROUNDS", "2"))
WARM_UP = int(os.environ.get("PEER_WARM_UP", "10"))
PYTHON = ROOT / ".venv" / "bin" / "python"
UVICORN = ROOT / ".venv" / "bin" / "uvicorn"
SECRET = "peer-bench-only-secret-key-not-for-production-0123456789"


def log(message: str) -> None:
    print(f"[peer {time.strftime('%H:%M:%S')}] {message}", flush=True)  # noqa: T201


def run(cmd: list[str], *, env: dict | None = None, cwd: Path | None = None, capture=False):
    result = subprocess.run(  # noqa: S603
        cmd, env=env, cwd=cwd, check=True, capture_output=capture, text=True
    )
    return result.stdout if capture else ""


# ---------------------------------------------------------------------------
# bakerydemo: fetched, installed and seeded outside the repository
# ---------------------------------------------------------------------------


def _uv() -> str | None:
    for candidate in (os.environ.get("UV"), ROOT / ".cache" / "uv" / "bin" / "uv", "uv"):
        if candidate and shutil.which(str(candidate)):
            return str(shutil.which(str(candidate)))
    return None


def bakery_src() -> Path:
    src = PEER_DIR / "bakerydemo"
    if not (src / ".git").exists():
        log(f"fetching bakerydemo from {BAKERYDEMO_SRC}")
        PEER_DIR.mkdir(parents=True, exist_ok=True)
        run(["git", "clone", "--quiet", BAKERYDEMO_SRC, str(src)])
    if BAKERYDEMO_REF:
        run(["git", "-C", str(src), "checkout", "--quiet", BAKERYDEMO_REF])
    return src


def bakery_python(src: Path) -> Path:
    """bakerydemo's own virtual environment: its requirements on Django 5.2 (Python 3.11
    here; its Django 6.0 pin needs 3.12), plus whitenoise and uvicorn."""
    venv = PEER_DIR / "venv"
    requirements = (src / "requirements" / "base.txt").read_text().splitlines()
    pinned = [
        "Django>=5.2,<6" if line.lower().startswith("django>=") else line
        for line in requirements
        if line.strip() and not line.startswith("#")
    ]
    wanted = "\n".join([*pinned, "whitenoise>=6.11,<7", "uvicorn"]) + "\n"
    stamp = venv / ".peer-requirements.txt"
    if stamp.exists() and stamp.read_text() == wanted:
        return venv / "bin" / "python"
    log("installing bakerydemo's requirements (Django 5.2) into its own virtual environment")
    (PEER_DIR / "requirements-peer.txt").write_text(wanted)
    uv = _uv()
    base_python = getattr(sys, "_base_executable", sys.executable)
    if uv:
        run([uv, "venv", "--quiet", "--allow-existing", "--python", base_python, str(venv)])
        run(
            [uv, "pip", "install", "--quiet", "-r", str(PEER_DIR / "requirements-peer.txt")],
            env={**os.environ, "VIRTUAL_ENV": str(venv)},
        )
    else:
        run([base_python, "-m", "venv", str(venv)])
        run(
            [
                str(venv / "bin" / "pip"),
                "install",
                "--quiet",
                "-r",
                str(PEER_DIR / "requirements-peer.txt"),
            ]
        )
    stamp.write_text(wanted)
    return venv / "bin" / "python"


def bakery_env(src: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "REDIS_TLS_URL", "ELASTICSEARCH_ENDPOINT", "DATABASE_URL"}
        and not k.startswith(("DJANGO_", "VIRTUAL_ENV"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
            "DJANGO_SECRET_KEY": SECRET,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{PEER_DIR / 'bakerydemo.sqlite3'}",
            "DJANGO_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(src),
        }
    )
    return env


def bakery_prepare(src: Path, python: Path) -> dict:
    env = bakery_env(src)
    database = PEER_DIR / "bakerydemo.sqlite3"
    head = run(["git", "-C", str(src), "rev-parse", "HEAD"], capture=True).strip()
    stamp = PEER_DIR / "bakerydemo.sqlite3.commit"
    if not database.exists() or not stamp.exists() or stamp.read_text() != head:
        log("bakerydemo: migrate, load_initial_data, collectstatic")
        database.unlink(missing_ok=True)
        manage = [str(python), "manage.py"]
        run([*manage, "migrate", "--no-input", "-v0"], env=env, cwd=src)
        run([*manage, "load_initial_data"], env=env, cwd=src, capture=True)
        run([*manage, "collectstatic", "--no-input", "-v0"], env=env, cwd=src)
        stamp.write_text(head)
    code = (
        "import json\n"
        "from bakerydemo.blog.models import BlogIndexPage, BlogPage\n"
        "post = BlogPage.objects.live().public().order_by('path').first()\n"
        "index = BlogIndexPage.objects.live().public().first()\n"
        "print(json.dumps({'page': post.url, 'listing': index.url}))\n"
    )
    out = run([str(python), "manage.py", "shell", "-c", code], env=env, cwd=src, capture=True)
    return json.loads(out.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# Practice Commons on SQLite, production settings
# ---------------------------------------------------------------------------


def our_env(*, page_cache: bool) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "ELASTICSEARCH_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{PEER_DIR / 'commons.sqlite3'}",
            # SQLite has no connection pool: a persistent connection per thread instead.
            "DB_POOL_MAX_SIZE": "0",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "STATIC_ROOT": str(PEER_DIR / "commons-static"),
            "MEDIA_ROOT": str(PEER_DIR / "commons-media"),
            "SITE_URL": f"http://127.0.0.1:{OUR_PORT}",
            "PAGE_CACHE_ENABLED": "true" if page_cache else "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def _seed_fingerprint() -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    paths = sorted(
        [
            *ROOT.glob("*/migrations/*.py"),
            *ROOT.glob("*/demo/**/*"),
            *ROOT.glob("*/management/commands/seed_demo.py"),
            ROOT / "uv.lock",
        ]
    )
    for path in paths:
        if path.is_file() and ".venv" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _static_fingerprint() -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted([*ROOT.glob("static/**/*"), *ROOT.glob("*/static/**/*")]):
        if path.is_file() and ".venv" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    digest.update((ROOT / "uv.lock").read_bytes())
    return digest.hexdigest()


def our_prepare() -> dict:
    env = our_env(page_cache=False)
    manage = [str(PYTHON), "manage.py"]
    database = PEER_DIR / "commons.sqlite3"
    stamp = PEER_DIR / "commons.sqlite3.fingerprint"
    fingerprint = _seed_fingerprint()
    if not database.exists() or not stamp.exists() or stamp.read_text() != fingerprint:
        log("Practice Commons: migrate and seed_demo into a fresh SQLite file")
        database.unlink(missing_ok=True)
        run([*manage, "migrate", "--no-input", "-v0"], env=env, cwd=ROOT)
        run([*manage, "seed_demo", "-v0"], env=env, cwd=ROOT, capture=True)
        stamp.write_text(fingerprint)
    static_stamp = PEER_DIR / "commons-static" / ".peer-fingerprint"
    static_fingerprint = _static_fingerprint()
    if not static_stamp.exists() or static_stamp.read_text() != static_fingerprint:
        log("Practice Commons: collectstatic")
        run([*manage, "collectstatic", "--no-input", "-v0"], env=env, cwd=ROOT)
        static_stamp.write_text(static_fingerprint)
    if not (ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.mo").exists():
        run(
            [*manage, "compilemessages", "-v0", "--ignore=.venv", "--ignore=.cache"],
            env=env,
            cwd=ROOT,
        )
    out = run([*manage, "shell", "-c", _OUR_TARGETS], env=env, cwd=ROOT, capture=True)
    return json.loads(out.strip().splitlines()[-1])


_OUR_TARGETS = """
import json
from casestudies.models import CaseStudyPage
from casestudies.selectors import public_pages
page = public_pages(CaseStudyPage).filter(locale__language_code="en").order_by("path").first()
print(json.dumps({"page": page.url, "listing": page.get_parent().url}))
"""

_OUR_QUERIES = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from community.models import User

targets = json.loads({targets!r})
host = {{"HTTP_HOST": "127.0.0.1"}}

def count(client, url):
    client.get(url, **host)  # warm: renditions, site root paths, the versioned caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **host)
    if response.status_code != 200:
        return {{"queries": len(queries), "status": response.status_code}}
    return len(queries)

member = (
    User.objects.filter(email="member@practice-commons.test").first()
    or User.objects.filter(is_active=True, is_staff=False).first()
)
signed_in = Client()
signed_in.force_login(member)
print(json.dumps({{
    "case_study_page": {{
        "visitor": count(Client(), targets["page"]),
        "member": count(signed_in, targets["page"]),
    }},
    "listing": {{
        "visitor": count(Client(), targets["listing"]),
        "member": count(signed_in, targets["listing"]),
    }},
}}))
"""


def our_queries(targets: dict) -> dict:
    env = our_env(page_cache=False)
    code = _OUR_QUERIES.format(targets=json.dumps(targets))
    out = run([str(PYTHON), "manage.py", "shell", "-c", code], env=env, cwd=ROOT, capture=True)
    return json.loads(out.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


class Server:
    def __init__(self, name: str, command: list[str], *, env: dict, cwd: Path, port: int):
        self.name, self.command, self.env, self.cwd, self.port = name, command, env, cwd, port
        self.process: subprocess.Popen | None = None

    def start(self, probe: str) -> None:
        if not _port_free(self.port):
            raise RuntimeError(f"port {self.port} is taken; set PEER_OUR_PORT/PEER_BAKERY_PORT")
        log_file = open(PEER_DIR / f"{self.name}.log", "ab")  # noqa: SIM115 - lives with the server
        self.process = subprocess.Popen(  # noqa: S603
            self.command,
            env=self.env,
            cwd=self.cwd,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, http.client.HTTPException):
                status, _ = fetch(http.client.HTTPConnection("127.0.0.1", self.port), probe)
                if status == 200:
                    return
            if self.process.poll() is not None:
                break
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer {probe}; see {PEER_DIR}/{self.name}.log")

    def stop(self) -> None:
        stop_process_group(self.process)
        self.process = None


def uvicorn(app: list[str], port: int) -> list[str]:
    return [
        *app,
        "--host=127.0.0.1",
        f"--port={port}",
        "--workers=1",
        "--no-access-log",
        "--lifespan=off",
        "--log-level=warning",
    ]


# ---------------------------------------------------------------------------
# Clients
# ---------------------------------------------------------------------------


def fetch(conn: http.client.HTTPConnection, path: str) -> tuple[int, int]:
    """One GET as a first-time visitor would send it (no cookies), body read."""
    # As behind the TLS-terminating proxy both production settings expect
    # (SECURE_PROXY_SSL_HEADER); without it bakerydemo answers 301 to https.
    conn.request(
        "GET", path, headers={"Host": f"127.0.0.1:{conn.port}", "X-Forwarded-Proto": "https"}
    )
    response = conn.getresponse()
    body = response.read()
    return response.status, len(body)


def latency(targets: list[tuple[str, int, str]], rounds: int) -> dict[str, list[float]]:
    """One client, keep-alive, one request to each target in turn, ``rounds`` times."""
    conns = {
        port: http.client.HTTPConnection("127.0.0.1", port, timeout=60) for _, port, _ in targets
    }
    samples: dict[str, list[float]] = {name: [] for name, _, _ in targets}
    errors: dict[str, int] = {name: 0 for name, _, _ in targets}
    for _ in range(rounds):
        for name, port, path in targets:
            start = time.perf_counter()
            try:
                status, _ = fetch(conns[port], path)
            except (OSError, http.client.HTTPException):
                conns[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 0
            elapsed = time.perf_counter() - start
            if status == 200:
                samples[name].append(elapsed)
            else:
                errors[name] += 1
    for conn in conns.values():
        conn.close()
    return {"samples": samples, "errors": errors}


def throughput(port: int, path: str, *, clients: int, seconds: float) -> dict:
    """``clients`` threads, each with its own keep-alive connection, as fast as the
    server answers, for ``seconds``."""
    stop = time.monotonic() + seconds
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[float] = []
        failed = 0
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                status, _ = fetch(conn, path)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 0
            if status == 200:
                mine.append(time.perf_counter() - start)
            else:
                failed += 1
        conn.close()
        with lock:
            times.extend(mine)
            errors[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"requests": len(times), "errors": errors[0], "seconds": elapsed, "times": times}


def measure(targets: list[tuple[str, int, str]]) -> dict:
    """Latency and throughput of each target, alternating between them throughout."""
    for _ in range(WARM_UP):
        latency(targets, 1)
    lat = latency(targets, REQUESTS)
    runs: dict[str, list[dict]] = {name: [] for name, _, _ in targets}
    for _ in range(ROUNDS):
        for name, port, path in targets:
            runs[name].append(throughput(port, path, clients=CLIENTS, seconds=SECONDS))
    figures = {}
    for name, _, path in targets:
        total = sum(r["requests"] for r in runs[name])
        seconds = sum(r["seconds"] for r in runs[name])
        loaded = [t for r in runs[name] for t in r["times"]]
        figures[name] = {
            "path": path,
            "latency": {**summary_ms(lat["samples"][name]), "errors": lat["errors"][name]},
            "throughput": {
                "clients": CLIENTS,
                "requests": total,
                "errors": sum(r["errors"] for r in runs[name]),
                "requests_per_s": round(total / seconds, 1) if seconds else None,
                "per_round_rps": [
                    round(r["requests"] / r["seconds"], 1) for r in runs[name] if r["seconds"]
                ],
                "p95_ms_under_load": round(percentile([t * 1000 for t in loaded], 95), 1)
                if loaded
                else None,
            },
        }
    return figures


def ratios(ours: dict, bakery: dict) -> dict:
    def ratio(a, b):
        return round(a / b, 2) if a is not None and b else None

    return {
        "case_study_p95": ratio(
            ours["case_study_page"]["latency"]["p95_ms"], bakery["blog_post"]["latency"]["p95_ms"]
        ),
        "listing_p95": ratio(
            ours["listing"]["latency"]["p95_ms"], bakery["blog_index"]["latency"]["p95_ms"]
        ),
        "case_study_rps": ratio(
            ours["case_study_page"]["throughput"]["requests_per_s"],
            bakery["blog_post"]["throughput"]["requests_per_s"],
        ),
        "listing_rps": ratio(
            ours["listing"]["throughput"]["requests_per_s"],
            bakery["blog_index"]["throughput"]["requests_per_s"],
        ),
    }


def main() -> int:
    started = time.monotonic()
    PEER_DIR.mkdir(parents=True, exist_ok=True)
    if PEER_DIR.resolve().is_relative_to(ROOT.resolve()):
        raise SystemExit(f"PEER_DIR ({PEER_DIR}) must be outside the repository")
    src = bakery_src()
    bakery_py = bakery_python(src)
    bakery_targets = bakery_prepare(src, bakery_py)
    our_targets = our_prepare()
    log(f"targets: ours {our_targets}, bakerydemo {bakery_targets}")
    queries = our_queries(our_targets)
    log(f"our SQL queries (uncached): {queries}")
    prepared = time.monotonic()

    bakery = Server(
        "bakerydemo",
        uvicorn(
            [
                str(bakery_py.parent / "uvicorn"),
                "--factory",
                "django.core.asgi:get_asgi_application",
            ],
            BAKERY_PORT,
        ),
        env=bakery_env(src),
        cwd=src,
        port=BAKERY_PORT,
    )
    runs = {}
    load_before = {}
    try:
        bakery.start(bakery_targets["page"])
        for label, page_cache in (("as_deployed", True), ("page_cache_off", False)):
            ours = Server(
                f"commons-{label}",
                uvicorn([str(UVICORN), "config.asgi:application"], OUR_PORT),
                env=our_env(page_cache=page_cache),
                cwd=ROOT,
                port=OUR_PORT,
            )
            try:
                ours.start(our_targets["page"])
                load_before[label] = load_average()
                log(f"measuring ({label}), load {load_before[label]}")
                figures = measure(
                    [
                        ("ours:case_study_page", OUR_PORT, our_targets["page"]),
                        ("bakerydemo:blog_post", BAKERY_PORT, bakery_targets["page"]),
                        ("ours:listing", OUR_PORT, our_targets["listing"]),
                        ("bakerydemo:blog_index", BAKERY_PORT, bakery_targets["listing"]),
                    ]
                )
            finally:
                ours.stop()
            runs[label] = {
                "load_average_at_start": load_before[label],
                "ours": {
                    "case_study_page": figures["ours:case_study_page"],
                    "listing": figures["ours:listing"],
                },
                "bakerydemo": {
                    "blog_post": figures["bakerydemo:blog_post"],
                    "blog_index": figures["bakerydemo:blog_index"],
                },
            }
            runs[label]["ratios"] = ratios(runs[label]["ours"], runs[label]["bakerydemo"])
            log(f"{label}: ratios {runs[label]['ratios']}")
    finally:
        bakery.stop()

    bakery_commit = run(["git", "-C", str(src), "rev-parse", "HEAD"], capture=True).strip()
    bakery_versions = run(
        [
            str(bakery_py),
            "-c",
            "import django, wagtail; print(django.__version__, wagtail.__version__)",
        ],
        capture=True,
    ).split()
    write_report(
        "peer",
        {
            "setup": {
                "server": "uvicorn, 1 worker, no access log (Django's ASGI handler on both)",
                "database": "SQLite (one file per site)",
                "debug": False,
                "clients": CLIENTS,
                "latency_rounds": REQUESTS,
                "throughput_seconds_per_round": SECONDS,
                "throughput_rounds": ROUNDS,
                "bakerydemo": {
                    "source": BAKERYDEMO_SRC,
                    "commit": bakery_commit,
                    "django": bakery_versions[0],
                    "wagtail": bakery_versions[1],
                    "settings": "bakerydemo.settings.production (local-memory cache)",
                },
                "ours": {
                    "settings": "tests.bench.settings on SQLite, local-memory cache, "
                    "in-memory channel layer, database search",
                    "targets": our_targets,
                },
            },
            "ratios": runs["as_deployed"]["ratios"],
            "ratios_uncached": runs["page_cache_off"]["ratios"],
            "sql_queries_uncached": queries,
            "runs": runs,
            "seconds": {
                "prepare": round(prepared - started, 1),
                "measure": round(time.monotonic() - prepared, 1),
            },
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
