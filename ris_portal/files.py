"""Stored files (meeting documents, report PDFs): unguessable names, permission-checked delivery.

Nothing under MEDIA_ROOT is served directly, not even with DEBUG=True: every download goes
through a view that checks the user's rights first and then calls `file_response()`. In
production the view can hand the transfer to the web server: with `FILES_ACCEL_REDIRECT`
set (e.g. `/_protected/`), the response carries only an `X-Accel-Redirect` header (nginx;
`X-Sendfile` for Apache/lighttpd with `FILES_SENDFILE_HEADER`) and the web server sends the
file from an `internal` location that maps that prefix to MEDIA_ROOT.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename


class FileIntegrityError(Exception):
    """The stored file does not match its recorded SHA-256 checksum."""

    def __init__(self, expected: str, actual: str):
        super().__init__(f"SHA-256 mismatch: expected {expected}, found {actual}")
        self.expected = expected
        self.actual = actual


class InMemoryFile:
    """Bytes built in memory (a rendered PDF, an open-data file): their SHA-256 and size."""

    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        return len(self.content)


def unguessable_name(folder: str, filename: str) -> str:
    """`folder/<random 128-bit token>/<cleaned original name>`: a name nobody can guess."""
    base = get_valid_filename(os.path.basename(filename)) or "datei"
    return f"{folder}/{secrets.token_urlsafe(16)}/{base[-120:]}"


def sha256_of(field_file: FieldFile) -> str:
    digest = hashlib.sha256()
    with field_file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_sha256(field_file: FieldFile, expected: str) -> None:
    """Raise FileIntegrityError unless the stored bytes hash to `expected`."""
    actual = sha256_of(field_file)
    if not secrets.compare_digest(actual, expected):
        raise FileIntegrityError(expected, actual)


def file_response(
    field_file: FieldFile, *, filename: str, content_type: str, as_attachment: bool = True
):
    """Send a stored file the user was checked for: directly or through the web server."""
    if not field_file:
        raise Http404
    accel_prefix = settings.FILES_ACCEL_REDIRECT
    response: HttpResponseBase
    if accel_prefix:
        response = HttpResponse(content_type=content_type)
        location = accel_prefix.rstrip("/") + "/" + quote(field_file.name or "")
        response[settings.FILES_SENDFILE_HEADER] = location
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response
