#!/usr/bin/env bash
# Backup of the RIS-Portal: PostgreSQL (pg_dump, custom format) and the media files, with a
# checksum list. Usage (with the portal's environment, e.g. inside the web container):
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/ris/media deploy/backup.sh /backup/2026-03-02
# Restore with deploy/restore.sh; the procedure is described in docs/betrieb.md.
set -euo pipefail

target="${1:?usage: backup.sh TARGET_DIRECTORY}"
: "${DATABASE_URL:?DATABASE_URL must be set}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be set}"

mkdir -p "$target"
target="$(cd "$target" && pwd)"
if [ -e "$target/SHA256SUMS" ]; then
  echo "backup.sh: $target already holds a backup; choose an empty directory" >&2
  exit 1
fi

# A consistent snapshot of the database (pg_dump runs in one transaction).
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$target/db.dump"
# Media after the database: a file referenced by the dump is never missing from the archive
# (files are only added, never changed in place; new ones may be extra, which is harmless).
tar --create --gzip --file="$target/media.tar.gz" --directory="$MEDIA_ROOT" .
{
  echo "created_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "pg_dump=$(pg_dump --version)"
} > "$target/INFO"
(cd "$target" && sha256sum db.dump media.tar.gz INFO > SHA256SUMS)
echo "backup.sh: wrote $target ($(du -sh "$target" | cut -f1))"
