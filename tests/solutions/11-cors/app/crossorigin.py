"""Which pages of other web sites may use the API from a browser: CORS on /api and /auth, by Flask-CORS.

Every other origin, and every page of the blog itself, answers without a single Access-Control-*
header, so a browser keeps the answer from the page that asked.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask, request
from flask_cors import CORS

cross_origin = CORS()

# A regular expression for the paths, matched from the start: /api, /auth, and what lies below them.
API_PATHS = r"/(api|auth)(/.*)?$"


def origins_from(value: object) -> list[str]:
    """The origins CORS_ORIGINS lists: text separated by commas, or a list. Stops the app on a bad one."""
    if value is None:
        return []
    entries = value.split(",") if isinstance(value, str) else list(value)
    origins = [entry.strip() for entry in entries if entry.strip()]
    for origin in origins:
        parts = urlsplit(origin)
        looks_right = (
            parts.scheme in ("http", "https")
            and parts.hostname
            and "*" not in origin
            and "@" not in parts.netloc
            and origin == f"{parts.scheme}://{parts.netloc}"
        )
        if not looks_right:
            raise RuntimeError(
                f"CORS_ORIGINS has {origin!r}, which is no origin: give http(s)://host or"
                " http(s)://host:port, comma-separated, with nothing after the host or port."
            )
    return origins


def setup_cross_origin(app: Flask) -> None:
    cross_origin.init_app(
        app,
        resources=[API_PATHS],
        origins=origins_from(app.config.get("CORS_ORIGINS")),
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=["Content-Type", "Authorization"],
        expose_headers=["Link", "X-Total-Count", "X-Request-ID"],
        always_send=False,  # nothing for a request that came without an Origin
    )

    @app.after_request
    def one_cached_answer_per_origin(response):
        # Whether the answer carries CORS headers depends on Origin: tell caches, whatever was sent.
        if re.match(API_PATHS, request.path):
            response.vary.add("Origin")
        return response
