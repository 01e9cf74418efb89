"""A throw-away local stack for the fault and soak scripts: own PostgreSQL cluster, own Redis,
Celery worker and beat, gunicorn — all on loopback, all under one temporary folder.

    from stack import Stack
    with Stack() as stack:          # initdb, start, migrate, seed_demo
        stack.start_web(); stack.start_worker(); stack.start_beat()
        ...

Ports (override with BENCH_PG_PORT, BENCH_REDIS_PORT, BENCH_WEB_PORT): PostgreSQL 5440,
Redis 6390, gunicorn 8113. Nothing touches the shared PostgreSQL or Redis of the machine. The
web runs with production settings (DEBUG=False); the bench client says it came through a TLS
proxy (X-Forwarded-Proto) so that no HTTPS redirect happens. Everything started is stopped on
exit (by process id), and the folder is removed unless BENCH_KEEP=1.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
PG_BIN = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])
PG_PORT = int(os.environ.get("BENCH_PG_PORT", "5440"))
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "6390"))
WEB_PORT = int(os.environ.get("BENCH_WEB_PORT", "8113"))
DEMO_PASSWORD = "Demo-Passwort-2026!"
STAFF = "geschaeftsstelle@ris-portal.example"
MINISTRY = "ministerium@ris-portal.example"


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Stack:
    def __init__(self, *, keep: bool | None = None):
        self.folder = Path(tempfile.mkdtemp(prefix="ris-bench-"))
        self.keep = os.environ.get("BENCH_KEEP") == "1" if keep is None else keep
        self.media = self.folder / "media"
        self.processes: dict[str, subprocess.Popen] = {}
        self.pg_data = self.folder / "pg"
        self.pg_socket = self.folder / "pgsock"
        self.redis_folder = self.folder / "redis"
        self.base = f"http://127.0.0.1:{WEB_PORT}"

    # --- environment ---------------------------------------------------------------------------
    @property
    def database_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{PG_PORT}/ris"

    def env(self, **extra) -> dict[str, str]:
        env = {
            **os.environ,
            "DEBUG": "False",
            "SECRET_KEY": "bench-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMN",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_HSTS_SECONDS": "0",
            "REQUIRE_STAFF_MFA": "False",
            "DATABASE_URL": self.database_url,
            "DB_CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "MEDIA_ROOT": str(self.media),
            "STATIC_ROOT": str(self.folder / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env.update(extra)
        return env

    def _spawn(self, name: str, args: list[str], env=None, cwd=ROOT) -> subprocess.Popen:
        logfile = (self.folder / f"{name}.log").open("ab")
        process = subprocess.Popen(
            args,
            cwd=cwd,
            env=env or self.env(),
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def manage(self, *args: str, **env) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(**env),
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def shell(self, code: str) -> str:
        """Run Python code in a Django shell against the stack; returns stdout."""
        return self.manage("shell", "-c", code).strip()

    # --- PostgreSQL ------------------------------------------------------------------------------
    def _pg(self, *args: str, check=True) -> subprocess.CompletedProcess:
        run_as = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]
        return subprocess.run(
            [*run_as, str(PG_BIN / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            check=check,
        )

    def init_postgres(self) -> None:
        self.pg_socket.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.pg_socket, "postgres")
            os.chmod(self.folder, 0o755)
        self._pg("initdb", "-D", str(self.pg_data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        with (self.pg_data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {PG_PORT}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.pg_socket}'\nfsync = on\n"
                "max_connections = 100\nshared_buffers = 128MB\n"
            )
        self.start_postgres()
        subprocess.run(
            [
                str(PG_BIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(PG_PORT),
                "-U",
                "postgres",
                "ris",
            ],
            check=True,
        )

    def start_postgres(self) -> None:
        self._pg(
            "pg_ctl", "-D", str(self.pg_data), "-l", str(self.folder / "pg.log"), "-w", "start"
        )

    def stop_postgres(self, mode: str = "fast") -> None:
        self._pg("pg_ctl", "-D", str(self.pg_data), "-m", mode, "-w", "stop", check=False)

    def psql(self, sql: str, db: str = "ris") -> str:
        result = subprocess.run(
            [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres",
             "-d", db, "-tAc", sql],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return result.stdout.strip()

    # --- Redis ---------------------------------------------------------------------------------
    def start_redis(self) -> None:
        self.redis_folder.mkdir(exist_ok=True)
        self._spawn(
            "redis",
            # The append-only file goes to the working folder (redis_folder).
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1",
             "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
             "--daemonize", "no"],
            cwd=self.redis_folder,
        )  # fmt: skip
        self.wait(lambda: self.redis_cli("ping") == "PONG", 20, "Redis")

    def stop_redis(self) -> None:
        process = self.processes.pop("redis", None)
        if process and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)

    def redis_cli(self, *args: str) -> str:
        result = subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), *args], capture_output=True, text=True
        )
        return result.stdout.strip()

    # --- the portal ------------------------------------------------------------------------------
    def migrate_and_seed(self) -> None:
        self.manage("migrate", "--noinput")
        # seed_demo refuses to run with DEBUG=False (it creates demo passwords).
        self.manage("seed_demo", DEBUG="True")
        self.manage("collectstatic", "--noinput")

    def start_web(self, workers: int = 3, threads: int = 2) -> None:
        self._spawn(
            "web",
            [PYTHON, "-m", "gunicorn", "ris_portal.wsgi:application", "--config",
             "gunicorn.conf.py", "--bind", f"127.0.0.1:{WEB_PORT}", "--workers", str(workers),
             "--threads", str(threads)],
        )  # fmt: skip
        self.wait(lambda: self._get_ok("/healthz/live/"), 60, "gunicorn")
        if self.processes["web"].poll() is not None:
            raise RuntimeError(f"gunicorn exited; see {self.folder / 'web.log'}")

    def start_worker(self, name: str = "worker", concurrency: int = 1) -> subprocess.Popen:
        process = self._spawn(
            name,
            [PYTHON, "-m", "celery", "-A", "ris_portal", "worker", "--loglevel=INFO",
             f"--concurrency={concurrency}", "--pool=prefork", "-n", f"{name}@%h",
             "--without-gossip", "--without-mingle"],
        )  # fmt: skip
        ready = self.logtext(name).count(" ready.")  # the log is appended on a restart
        self.wait(
            lambda: self.logtext(name).count(" ready.") > ready, 60, f"Celery {name}", interval=0.1
        )
        return process

    def start_beat(self) -> None:
        self._spawn(
            "beat",
            [PYTHON, "-m", "celery", "-A", "ris_portal", "beat", "--loglevel=INFO",
             "--schedule", str(self.folder / "celerybeat-schedule")],
        )  # fmt: skip

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            os.killpg(process.pid, sig)
            process.wait(timeout=30)

    def worker_children(self, name: str = "worker") -> list[int]:
        parent = self.processes[name].pid
        result = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True)
        return [int(pid) for pid in result.stdout.split()]

    def rss_mb(self, pid: int) -> float:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return 0.0
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        return int(match.group(1)) / 1024 if match else 0.0

    def logtext(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # --- HTTP ----------------------------------------------------------------------------------
    def _get_ok(self, path: str) -> bool:
        try:
            return requests.get(self.base + path, timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def client(self) -> Client:
        return Client(self.base)

    @staticmethod
    def wait(condition, seconds: float, what: str, interval: float = 0.5) -> float:
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            try:
                if condition():
                    return time.monotonic() - started
            except Exception:  # noqa: BLE001 - not ready yet
                pass
            time.sleep(interval)
        raise TimeoutError(f"{what} not ready after {seconds} s")

    # --- lifecycle -----------------------------------------------------------------------------
    def __enter__(self) -> Stack:
        log(f"Stack in {self.folder}: PostgreSQL :{PG_PORT}, Redis :{REDIS_PORT}, web :{WEB_PORT}")
        busy = [port for port in (PG_PORT, REDIS_PORT, WEB_PORT) if port_in_use(port)]
        if busy:
            # Another server on a port would answer in place of ours (a dev server on the web
            # port made every fault talk to the wrong portal); choose other ports instead.
            shutil.rmtree(self.folder, ignore_errors=True)
            raise RuntimeError(
                f"Port(s) {busy} already in use on 127.0.0.1; set BENCH_PG_PORT, "
                "BENCH_REDIS_PORT or BENCH_WEB_PORT to free ones."
            )
        try:
            self.init_postgres()
            self.start_redis()
            self.migrate_and_seed()
        except BaseException:
            self.__exit__()  # a failed start leaves no PostgreSQL or Redis behind
            raise
        return self

    def __exit__(self, *exc) -> None:
        for name in list(self.processes):
            self.kill(name, signal.SIGTERM)
        self.stop_postgres("immediate")
        if self.keep:
            log(f"Kept {self.folder}")
        else:
            shutil.rmtree(self.folder, ignore_errors=True)


class Client:
    """A browser-like HTTP client: session cookie, CSRF token, "came through TLS" header."""

    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()
        self.session.headers["X-Forwarded-Proto"] = "https"
        # As seen through the TLS proxy: CSRF compares the Referer with the https origin.
        self.origin = base.replace("http://", "https://")
        self.session.headers["Referer"] = self.origin + "/"

    def _keep_cookies(self, response) -> None:
        # The cookies are marked Secure (production settings); the bench talks plain HTTP on
        # loopback, so they are stored without the flag.
        for cookie in response.cookies:
            self.session.cookies.set(cookie.name, cookie.value)

    def get(self, path: str, **kwargs):
        response = self.session.get(self.base + path, timeout=60, allow_redirects=False, **kwargs)
        self._keep_cookies(response)
        return response

    def csrf(self, path: str) -> str:
        page = self.get(path).text
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return match.group(1) if match else self.session.cookies.get("csrftoken", "")

    def post(self, path: str, data: dict, *, token_from: str | None = None, **kwargs):
        token = self.csrf(token_from or path)
        response = self.session.post(
            self.base + path,
            data={**data, "csrfmiddlewaretoken": token},
            timeout=60,
            allow_redirects=False,
            headers={"X-CSRFToken": token, "Referer": self.origin + (token_from or path)},
            **kwargs,
        )
        self._keep_cookies(response)
        return response

    def login(self, email: str, password: str = DEMO_PASSWORD):
        response = self.post("/accounts/login/", {"login": email, "password": password})
        if response.status_code != 302:
            raise RuntimeError(f"login as {email} failed: HTTP {response.status_code}")
        return response


class Checks:
    """Collects pass/fail lines and the exit code of a fault script."""

    def __init__(self, title: str):
        self.title = title
        self.results: list[tuple[bool, str]] = []

    def check(self, ok: bool, text: str) -> bool:
        self.results.append((bool(ok), text))
        log(f"{'PASS' if ok else 'FAIL'}  {text}")
        return bool(ok)

    def finish(self) -> int:
        failed = [text for ok, text in self.results if not ok]
        print(f"\n== {self.title}: {'PASS' if not failed else 'FAIL'} "
              f"({len(self.results) - len(failed)}/{len(self.results)} checks)", flush=True)  # fmt: skip
        return 1 if failed else 0
