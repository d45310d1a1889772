"""Rate limits: how many requests one client may send in a while, counted by Flask-Limiter.

Every request to a view counts against RATELIMIT_DEFAULT, in a count of its own for each view,
except those that VIEW_LIMITS gives a limit of their own. A client over a limit gets 429 Too Many
Requests, and each answer of a limited view says where the client stands: X-RateLimit-Limit,
X-RateLimit-Remaining, X-RateLimit-Reset and Retry-After.
https://flask-limiter.readthedocs.io/en/stable/
"""

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.errors import ConfigurationError

# The views with a limit of their own: the view's endpoint, the setting that holds its limit, the
# methods it counts, and the name of the count that views share. GET /login, the forms, and
# GET /api/posts keep the default. Sign-in attempts share one count, "login", in the API and in
# the form: else someone guessing a password would get twice the attempts. New posts share one
# count too, "new_posts", for the same reason: the form would be a way around the API's limit.
VIEW_LIMITS = [
    ("auth.login", "RATELIMIT_LOGIN", ["POST"], "login"),
    ("pages.login", "RATELIMIT_LOGIN", ["POST"], "login"),
    ("api.posts", "RATELIMIT_NEW_POSTS", ["POST"], "new_posts"),
    ("pages.new_post", "RATELIMIT_NEW_POSTS", ["POST"], "new_posts"),
]


def init_app(app: Flask) -> None:
    """Give the app a Limiter of its own, which reads the app's RATELIMIT_* settings now, and give
    the views of VIEW_LIMITS their limits: call it once the blueprints are registered."""
    # One Limiter for each app, not one for the whole program: Flask-Limiter keeps the counts (its
    # storage) and most of its settings on the Limiter, not on the app. One Limiter for two apps,
    # as the tests build them, would count both apps' requests together, under the first app's limits.
    limiter = Limiter(key_func=get_remote_address)  # counts the requests of each client address apart
    start_counting(limiter, app)
    if not limiter.enabled:
        return  # RATELIMIT_ENABLED = False switches every limit off
    # A browser asks first, with OPTIONS, before a request of another origin (CORS): that question is
    # the browser's, not the client's request, and a preflight refused would hide the real answer.
    limiter.request_filter(lambda: request.method == "OPTIONS")
    for endpoint, setting, methods, shared in VIEW_LIMITS:
        limit = limiter.shared_limit(limit_in(setting), scope=shared, methods=methods)
        # What @limit above the view's function would do, for this app's view only.
        app.view_functions[endpoint] = limit(app.view_functions[endpoint])


def start_counting(limiter: Limiter, app: Flask) -> None:
    """limiter.init_app(app), which opens the storage of RATELIMIT_STORAGE_URI; an app whose storage
    Flask-Limiter cannot open stops there, with one line naming the setting, not a traceback."""
    storage = app.config["RATELIMIT_STORAGE_URI"]
    try:
        if not isinstance(storage, str):  # FLASK_RATELIMIT_STORAGE_URI=5 is read as JSON: a number
            raise ConfigurationError("it is not text")
        limiter.init_app(app)
    except ConfigurationError as error:  # a scheme that limits does not know, or a broken address
        raise RuntimeError(
            f"RATELIMIT_STORAGE_URI is {storage!r}, where Flask-Limiter cannot count ({error}): set"
            " FLASK_RATELIMIT_STORAGE_URI to memory:// or to a Redis server, such as redis://127.0.0.1:6379/0."
        ) from None


def limit_in(setting: str):
    """The limit kept in a setting, read from the app that answers each request."""
    return lambda: current_app.config[setting]
