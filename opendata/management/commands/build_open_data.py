from django.core.management.base import BaseCommand

from opendata import services


class Command(BaseCommand):
    help = (
        "Baut die offenen Daten (datapackage.json, CSV, dcat.ttl) neu. Ohne --now wird der Bau "
        "dem Worker übergeben (wie nach einer Veröffentlichung)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Sofort in diesem Prozess bauen.")

    def handle(self, *args, now=False, **options):
        if now:
            build = services.package_build_now(reason="manage.py build_open_data --now")
            if build is None:
                self.stderr.write("Ein anderer Prozess baut gerade; nichts zu tun.")
                return
            self.stdout.write(
                f"Offene Daten gebaut in {build.duration_ms} ms: {len(build.files)} Dateien, "
                f"datapackage.json {build.package_sha256[:12]}…"
            )
            return
        build = services.package_schedule(reason="manage.py build_open_data")
        self.stdout.write(f"Neubau angefordert (Nr. {build.pk}).")
