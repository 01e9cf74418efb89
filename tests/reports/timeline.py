"""Travel to a day (10:00 local time unless said otherwise) to write history at that date."""

import datetime

import time_machine
from django.utils import timezone


def at(day: datetime.date, hour: int = 10):
    return time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))), tick=False
    )
