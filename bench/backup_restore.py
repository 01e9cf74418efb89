"""Backup and restore, tested: back up, wipe, restore, compare (issue 12).

    .venv/bin/python bench/backup_restore.py

On the local stack of bench/stack.py (own PostgreSQL cluster :5440, demo data, one rendered
report and one uploaded meeting document in MEDIA_ROOT) it runs `deploy/backup.sh`, then
destroys the database schema and every media file, runs `deploy/restore.sh`, and compares:
the row count of every table, a checksum over the content of the key tables, the SHA-256 of
every media file, and that the restored report PDF passes the download checksum check.
Also checks that restore refuses without --yes and refuses a damaged backup. Prints pass/fail.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import ROOT, Checks, Stack, log  # noqa: E402

KEY_TABLES = [
    "fields_theme",
    "fields_roadmap",
    "governance_membership",
    "governance_decision",
    "monitoring_indicatorvalue",
    "reports_report",
    "governance_meetingdocument",
    "auth_user",
]

PREPARE = """
import datetime
from django.core.files.base import ContentFile
from django.contrib.auth import get_user_model
from governance.models import Meeting, MeetingDocument
from reports import services
staff = get_user_model().objects.get(email='geschaeftsstelle@ris-portal.example')
report = services.report_request(year=2024, user=staff)
services.report_render(report_id=report.pk)
meeting = Meeting.objects.first()
document = MeetingDocument(meeting=meeting, title='Protokoll', uploaded_by=staff,
                           content_type='application/pdf')
document.file.save('protokoll.pdf', ContentFile(b'%PDF-1.4 Sicherungstest'), save=False)
document.size = document.file.size
document.save()
print(report.pk)
"""


def table_state(stack: Stack) -> dict[str, str]:
    tables = stack.psql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    ).split()
    state = {}
    for table in tables:
        state[table] = stack.psql(f"SELECT count(*) FROM {table}")
    for table in KEY_TABLES:
        state[f"{table} (Inhalt)"] = stack.psql(
            f"SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {table} t"
        )
    return state


def media_state(media: Path) -> dict[str, str]:
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }


def main() -> int:
    checks = Checks("Backup and restore")
    with Stack() as stack:
        report_pk = stack.shell(PREPARE).splitlines()[-1]
        env = stack.env()
        before_tables = table_state(stack)
        before_media = media_state(stack.media)
        log(f"{len(before_tables)} table states, {len(before_media)} media files")
        checks.check(len(before_media) >= 2, f"{len(before_media)} media files to back up")

        backup = stack.folder / "backup"
        result = subprocess.run(
            [str(ROOT / "deploy" / "backup.sh"), str(backup)],
            env=env,
            capture_output=True,
            text=True,
        )
        checks.check(result.returncode == 0, f"backup.sh: {result.stdout.strip() or result.stderr}")

        refused = subprocess.run(
            [str(ROOT / "deploy" / "restore.sh"), str(backup)], env=env, capture_output=True
        )
        checks.check(refused.returncode == 2, "restore.sh refuses without --yes")

        # Disaster: the schema and every file are gone.
        stack.psql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        shutil.rmtree(stack.media)
        checks.check(stack.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0",
                     "database wiped")  # fmt: skip

        damaged = stack.folder / "damaged"
        shutil.copytree(backup, damaged)
        with (damaged / "db.dump").open("ab") as handle:
            handle.write(b"x")
        bad = subprocess.run(
            [str(ROOT / "deploy" / "restore.sh"), str(damaged), "--yes"],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        checks.check(bad.returncode != 0, "restore.sh refuses a damaged backup (checksum)")

        result = subprocess.run(
            [str(ROOT / "deploy" / "restore.sh"), str(backup), "--yes"],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        checks.check(
            result.returncode == 0, f"restore.sh: {result.stdout.strip() or result.stderr}"
        )

        after_tables = table_state(stack)
        after_media = media_state(stack.media)
        differing = [t for t in before_tables if before_tables[t] != after_tables.get(t)]
        checks.check(
            not differing and len(after_tables) == len(before_tables),
            f"all {len(before_tables)} table counts and key-table contents equal"
            + (f" (differing: {differing})" if differing else ""),
        )
        checks.check(after_media == before_media, f"all {len(after_media)} media files identical")
        verified = stack.shell(
            "from reports.models import Report; from reports.services import report_verify_file;"
            f"report_verify_file(report=Report.objects.get(pk={report_pk})); print('ok')"
        )
        checks.check(verified.endswith("ok"), "the restored report PDF passes the SHA-256 check")
        migrations = stack.manage("showmigrations", "--plan")
        checks.check("[ ]" not in migrations, "no migration is missing after the restore")
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
