"""Cross-origin requests: which web pages of other origins may call the API from a browser.

A browser lets a page's script read the answers of the page's own origin only (the same-origin
policy). The CORS headers that Flask-CORS adds let the origins of CORS_ORIGINS read those of /api
and /auth too. https://corydolphin.com/flask-cors/extension
"""

from flask import Flask, Response
from flask_cors import CORS

from app.errors import JSON_PREFIXES, wants_json

cors = CORS()  # it keeps nothing of an app: init_app reads each app's settings for that app

# The API's URLs, /api and /auth. Flask-CORS matches each pattern at the start of the path: the
# "/api/*" of its docs would also match the page /apiary. "(/|$)" ends the prefix there: /api itself,
# and what is below it.
CORS_PATHS = [rf"{prefix}(/|$)" for prefix in JSON_PREFIXES]
# The headers a page's script may send beyond those every request may carry. Either one makes the
# browser ask first, with a preflight request (OPTIONS): the token, and Content-Type: application/json.
ALLOWED_HEADERS = ["Authorization", "Content-Type"]
# The headers of an answer that a page's script may read, beyond the few every answer shows.
EXPOSED_HEADERS = ["X-Total-Count", "Link", "X-Request-ID"]
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
PREFLIGHT_MAX_AGE = 600  # seconds a browser may keep a preflight's answer before it asks again


def init_app(app: Flask) -> None:
    """CORS on /api and /auth, for the origins of app.config["CORS_ORIGINS"] (a list), and no others."""
    options = {
        "origins": app.config["CORS_ORIGINS"],
        "allow_headers": ALLOWED_HEADERS,
        "expose_headers": EXPOSED_HEADERS,
        "methods": METHODS,
        "max_age": PREFLIGHT_MAX_AGE,
        # No cookies across origins: a client of the API proves who it is with a bearer token, which
        # its script adds. With credentials, a script of any listed origin could act as whoever is
        # signed in to the pages, with the session cookie the browser would add by itself.
        "supports_credentials": False,
        # The headers only for a request that comes with an allowed Origin, as a browser's does.
        # Flask-CORS would otherwise answer every request without one with the whole list.
        "always_send": False,
    }
    cors.init_app(app, resources={path: options for path in CORS_PATHS})
    app.after_request(varies_by_origin)


def varies_by_origin(response: Response) -> Response:
    """Vary: Origin on every answer of /api and /auth: its CORS headers depend on the request's Origin,
    so a shared cache must keep one answer for each Origin. Flask-CORS says so only when it allowed the
    Origin and several origins are listed: a cache could keep the answer to a request without Origin,
    which has no CORS header, and give it to an allowed page, whose browser would then refuse it."""
    if wants_json():
        response.vary.add("Origin")
    return response
