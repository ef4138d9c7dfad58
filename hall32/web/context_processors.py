from typing import Any

from django.conf import settings
from django.http import HttpRequest

from hall32.web.navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"nav_menu": menu_for(request), "site_url": settings.SITE_URL}
