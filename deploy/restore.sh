#!/usr/bin/env bash
# Restore a backup written by deploy/backup.sh. DESTRUCTIVE: replaces every table of the
# database in DATABASE_URL and every file under MEDIA_ROOT. Stop web, worker and beat first.
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/ris/media deploy/restore.sh /backup/2026-03-02 --yes
set -euo pipefail

source_dir="${1:?usage: restore.sh BACKUP_DIRECTORY --yes}"
confirm="${2:-}"
: "${DATABASE_URL:?DATABASE_URL must be set}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be set}"
if [ "$confirm" != "--yes" ]; then
  echo "restore.sh: this replaces the database and all media files; repeat with --yes" >&2
  exit 2
fi

# 1. The backup must be complete and unchanged.
(cd "$source_dir" && sha256sum --check --quiet SHA256SUMS)

# 2. Database: drop what is there and load the dump in one transaction (all or nothing).
psql --quiet --set ON_ERROR_STOP=1 --dbname="$DATABASE_URL" \
  --command "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"
pg_restore --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$source_dir/db.dump"

# 3. Media: unpack next to the target, then swap, so a failed unpack leaves the old files.
parent="$(dirname "$MEDIA_ROOT")"
staging="$(mktemp -d "$parent/.restore-media.XXXXXX")"
tar --extract --gzip --file="$source_dir/media.tar.gz" --directory="$staging"
mkdir -p "$MEDIA_ROOT"
find "$MEDIA_ROOT" -mindepth 1 -delete
(cd "$staging" && tar --create . ) | tar --extract --directory="$MEDIA_ROOT"
rm -rf "$staging"
echo "restore.sh: restored $source_dir"
