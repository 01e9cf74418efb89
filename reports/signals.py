"""Signals of the reports app, for apps above it (e.g. the open data) to listen to.

`report_published` is sent inside the publishing transaction (receivers that act later use
`transaction.on_commit`): publishing is a conditional UPDATE, which sends no post_save.
"""

from django.dispatch import Signal

report_published = Signal()  # sender=Report, report=<Report>
