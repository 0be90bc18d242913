"""Screenshots of Kompas' main journeys, for the documentation: docs/screenshots/*.png and its README.md.

Run:  .venv/bin/python ops/screenshots.py            (or `make screenshots`)

It starts Kompas the way ``make run`` does, but on its own: a temporary folder for the SQLite database and the
media files (``KOMPAS_VAR_DIR``), ``migrate``, the small demo data (``manage.py demo --scale small``) and
``runserver`` on a free loopback port. Debian's chromium (``/usr/bin/chromium``, or ``KOMPAS_CHROMIUM``),
driven by Playwright, logs in through the real login form as the demo roles (anonymous, citizen, employee,
leader, programme staff) and photographs each page of ``SHOTS`` at 1280 and 390 pixels wide. Nothing is
downloaded: no browser download, and every request outside the server is refused.

The pictures are the browser's viewport (not the full page), PNG, so the folder stays small (a few MB). The
server and the temporary folder are removed when it ends, also on failure (``--keep`` keeps the folder and the
server log for a look). The exit code is non-zero when a page fails to load or answers with an error.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = BASE_DIR / "docs" / "screenshots"
CHROMIUM = Path(os.environ.get("KOMPAS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {1280: 800, 390: 844}  # width: height of the viewport (a laptop, a phone)
DEMO_PASSWORD = "demo"  # noqa: S105 - the documented demo logins of kompas.demo.builders

# Who is logged in, by the name used in the file names (Danish, as the pages are).
ROLES = {
    "anonym": None,
    "borger": "borger@demo.kompas.dk",
    "medarbejder": "medarbejder@demo.kompas.dk",
    "leder": "leder@demo.kompas.dk",
    "programstab": "programstab@demo.kompas.dk",
}


@dataclass(frozen=True)
class Shot:
    """One page: ``path`` is the address, or a list page and a pattern for the first link to follow on it."""

    slug: str
    role: str
    path: str
    title: str
    follow: str = ""  # a regular expression for the href of the first matching link on ``path``


SHOTS = [
    Shot("forside", "anonym", "/", "Forsiden for en besøgende, der ikke er logget ind"),
    Shot("vaerdikort", "anonym", "/value-map/", "Værdikortet: byrådets mål og det, der skaber værdi"),
    Shot("dialogforum", "anonym", "/dialogues/", "Et dialogforum om et dilemma", r"^/dialogues/\d+/$"),
    Shot("farvel", "anonym", "/farewell/goodbye/", "Det siger vi farvel til (den offentlige liste)"),
    Shot("indstillinger", "anonym", "/proposals/published/", "Offentliggjorte indstillinger"),
    Shot("log-ind", "anonym", "/accounts/login/", "Log ind"),
    Shot("forside", "borger", "/", "Forsiden for en borger, der er logget ind"),
    Shot(
        "dialogforum",
        "borger",
        "/dialogues/",
        "En borger tager stilling i et dialogforum",
        r"^/dialogues/\d+/$",
    ),
    Shot("forside", "medarbejder", "/", "Forsiden for en medarbejder"),
    Shot("maal", "medarbejder", "/goals/", "Et mål med indikatorer og erfaringer", r"^/goals/\d+/$"),
    Shot("afproevning", "medarbejder", "/trials/", "En afprøvning i iterationer", r"^/trials/\d+/$"),
    Shot("farvel-forslag", "medarbejder", "/farewell/new/", "Foreslå noget, vi kan sige farvel til"),
    Shot("maal", "leder", "/goals/", "Målene, som en leder ser dem"),
    Shot("maaling", "leder", "/surveys/", "Aarhuskompas-målingen for en leder"),
    Shot(
        "maaling-enhed",
        "leder",
        "/surveys/",
        "En enheds resultater (over tærsklen)",
        r"^/surveys/runde/\d+/resultater/enhed/\d+/$",
    ),
    Shot(
        "maaling-resultater",
        "programstab",
        "/surveys/",
        "Resultater af en måling efter rolle og afdeling",
        r"^/surveys/runde/\d+/resultater/$",
    ),
    Shot("maaling-udvikling", "programstab", "/surveys/udvikling/", "Udviklingen på tværs af målinger"),
    Shot("puljen", "programstab", "/fund/", "Udviklingspuljen"),
    Shot("indstilling", "programstab", "/proposals/", "En indstilling til byrådet", r"^/proposals/\d+/$"),
    Shot("samarbejde", "programstab", "/collaborations/", "Et samarbejde", r"^/collaborations/\d+/$"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(var_dir: Path) -> dict[str, str]:
    """The environment of ``make run``, on the temporary folder; nothing shared (no Redis, no PostgreSQL)."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_REPLICA_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        KOMPAS_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'kompas.sqlite3'}",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], log, *args: str) -> None:
    started = time.monotonic()
    print(f"manage.py {' '.join(args)} …", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, stdout=log, stderr=log, check=True
    )
    print(f"  done in {time.monotonic() - started:.0f} s", flush=True)


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own loopback server
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not answer at {url}")
        time.sleep(0.5)


def file_name(number: int, shot: Shot, width: int) -> str:
    return f"{number:02d}-{shot.slug}-{shot.role}-{width}.png"


def first_link(page, pattern: str) -> str:
    """The href of the first link in the page's main content whose path matches ``pattern``."""
    hrefs = page.eval_on_selector_all(
        "main a[href]", "links => links.map(a => new URL(a.href).pathname + new URL(a.href).search)"
    )
    regex = re.compile(pattern)
    for href in hrefs:
        if regex.match(href.split("?", 1)[0]):
            return href
    raise RuntimeError(f"no link matching {pattern} on {page.url}")


def log_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    if "/accounts/login/" in page.url:
        raise RuntimeError(f"could not log in as {email}")


def take(base_url: str, out_dir: Path) -> list[tuple[str, Shot, int]]:
    from playwright.sync_api import sync_playwright

    taken: list[tuple[str, Shot, int]] = []
    numbers = {shot: index for index, shot in enumerate(SHOTS, start=1)}
    origin = base_url.split("://", 1)[1]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            for role, email in ROLES.items():
                shots = [shot for shot in SHOTS if shot.role == role]
                for width, height in WIDTHS.items():
                    context = browser.new_context(
                        locale="da-DK",
                        base_url=base_url,
                        viewport={"width": width, "height": height},
                        device_scale_factor=1,
                        reduced_motion="reduce",
                    )
                    context.set_default_timeout(20_000)
                    context.route(
                        "**/*",
                        lambda route: (
                            route.continue_()
                            if route.request.url.split("://", 1)[1].startswith(origin)
                            else route.abort()
                        ),
                    )
                    page = context.new_page()
                    if email:
                        log_in(page, base_url, email)
                    for shot in shots:
                        response = page.goto(f"{base_url}{shot.path}")
                        if shot.follow:
                            response = page.goto(f"{base_url}{first_link(page, shot.follow)}")
                        if response is None or response.status >= 400:
                            status = response.status if response else "no answer"
                            raise RuntimeError(f"{page.url} answered {status}")
                        page.wait_for_load_state("networkidle")
                        name = file_name(numbers[shot], shot, width)
                        page.screenshot(path=str(out_dir / name), full_page=False, animations="disabled")
                        taken.append((name, shot, width))
                        print(f"  {name}  {page.url.removeprefix(base_url)}", flush=True)
                    context.close()
        finally:
            browser.close()
    return sorted(taken, key=lambda item: item[0])


def write_readme(out_dir: Path, taken: list[tuple[str, Shot, int]]) -> None:
    role_names = {
        "anonym": "ikke logget ind",
        "borger": "borger",
        "medarbejder": "medarbejder",
        "leder": "leder",
        "programstab": "programstab (Borgmesterens Afdeling)",
    }
    lines = [
        "# Skærmbilleder af Kompas",
        "",
        "Lavet af `ops/screenshots.py` (`make screenshots`) med demodata (`manage.py demo --scale small`) i",
        "Debians chromium, 1280 og 390 pixel brede (det synlige vindue, ikke hele siden). Kør scriptet igen for",
        "at lave dem forfra; filerne overskrives.",
        "",
        "| fil | side | rolle | bredde |",
        "|---|---|---|---|",
    ]
    for name, shot, width in taken:
        lines.append(f"| [{name}]({name}) | {shot.title} | {role_names[shot.role]} | {width} px |")
    (out_dir / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where the PNG files and README.md go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and the server log")
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        print(
            f"No chromium at {CHROMIUM} (apt-get install chromium, or set KOMPAS_CHROMIUM).", file=sys.stderr
        )
        return 2
    var_dir = Path(tempfile.mkdtemp(prefix="kompas-screenshots-"))
    env = server_env(var_dir)
    log_path = var_dir / "server.log"
    server = None
    ok = False
    try:
        with log_path.open("w", encoding="utf-8") as log:
            manage(env, log, "migrate", "--noinput")
            manage(env, log, "demo", "--scale", "small")
            port = free_port()
            server = subprocess.Popen(  # noqa: S603 - our own manage.py
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--nostatic"],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=log,
            )
            base_url = f"http://127.0.0.1:{port}"
            wait_for(f"{base_url}/")
            args.out.mkdir(parents=True, exist_ok=True)
            for old in args.out.glob("*.png"):
                old.unlink()
            taken = take(base_url, args.out)
            write_readme(args.out, taken)
        size = sum(path.stat().st_size for path in args.out.glob("*.png"))
        print(f"{len(taken)} screenshots, {size / 1_000_000:.1f} MB, in {args.out}")
        ok = True
    except (subprocess.CalledProcessError, RuntimeError) as exc:
        print(f"Failed: {exc}. The server log is {log_path}.", file=sys.stderr)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        if ok and not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
        else:
            print(f"The temporary folder is kept: {var_dir}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
