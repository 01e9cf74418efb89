"""Settings come from the environment and refuse unsafe production configurations."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ris_portal.settings import database_from_url, env_bool

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests and would fail the deploy check.
    unset = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_env_bool_rejects_typos(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "flase")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG", True)
    monkeypatch.setenv("SOME_FLAG", "Off")
    assert env_bool("SOME_FLAG", True) is False


def test_env_reads_secret_files(monkeypatch, tmp_path):
    from ris_portal.settings import env

    secret = tmp_path / "key"
    secret.write_text("from-file\n")
    monkeypatch.setenv("MY_SECRET_FILE", str(secret))
    monkeypatch.setenv("MY_SECRET", "from-env")
    assert env("MY_SECRET") == "from-file"


def test_database_url_selects_postgresql_with_health_checks():
    db = database_from_url("postgres://ris:geheim%21@db.example:5433/ris?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "ris",
        "ris",
        "geheim!",
        "db.example",
        "5433",
    )
    assert db["CONN_HEALTH_CHECKS"] is True
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_it_refuses_to_start_without_secret_key_in_production():
    result = _manage("check", DEBUG="False", ALLOWED_HOSTS="ris.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_to_start_without_allowed_hosts_in_production():
    result = _manage("check", DEBUG="False", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_deploy_check_prints_no_warning():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="False",
        SECRET_KEY="k" * 20 + "-deploy-check-" + "q" * 40,
        ALLOWED_HOSTS="ris.example",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout


def test_seed_demo_refuses_without_debug():
    result = _manage("seed_demo", DEBUG="False", SECRET_KEY="x" * 60, ALLOWED_HOSTS="ris.example")
    assert result.returncode == 1
    assert "nur mit DEBUG=True" in result.stderr


def test_every_environment_variable_of_the_settings_is_documented_in_the_readme():
    root = Path(__file__).resolve().parents[2]
    settings_source = (root / "ris_portal" / "settings.py").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    names = set(re.findall(r'env(?:_bool|_int|_list)?\("([A-Z0-9_]+)"', settings_source))
    assert len(names) > 20  # the pattern still finds the variables
    undocumented = sorted(name for name in names if f"`{name}`" not in readme)
    assert not undocumented, f"Document these in the README's table: {undocumented}"
