from django.conf import settings

from .navigation import navigation_for
from .roles import roles_for


def portal(request):
    roles = roles_for(getattr(request, "user", None))
    return {
        "roles": roles,
        "main_navigation": navigation_for(request, roles),
        "ministry_name": settings.RIS_MINISTRY_NAME,
    }
