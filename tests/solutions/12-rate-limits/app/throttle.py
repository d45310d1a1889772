"""How often one client may ask: Flask-Limiter, set up from the RATELIMIT_* settings of each app."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.errors import ConfigurationError


def setup_throttle(app: Flask) -> None:
    """A Limiter of the app's own: Flask-Limiter keeps the counts on the Limiter, so that two apps
    sharing one would share their counts, and the first app's limits."""
    where = app.config.get("RATELIMIT_STORAGE_URI")
    try:
        limiter = Limiter(get_remote_address, app=app) if isinstance(where, str) else None
    except ConfigurationError:
        limiter = None
    if limiter is None:
        raise RuntimeError(
            f"Cannot count requests in RATELIMIT_STORAGE_URI={where!r}: try memory:// or redis://..."
        )
    # A CORS preflight (OPTIONS) is the browser asking, not the client: it costs the client nothing.
    limiter.request_filter(lambda: request.method == "OPTIONS")
    if limiter.enabled:  # with RATELIMIT_ENABLED = False, init_app kept no Limiter to count with
        own_limits(app, limiter)


# The endpoints of the two ways to log in, which count together, in one "sign-in" count, and of the
# two ways to publish a post, which count together too.
SIGN_INS = ("auth.log_in", "accounts.log_in")
PUBLISHING = ("api.post_collection", "pages.write_post")


def own_limits(app: Flask, limiter: Limiter) -> None:
    """Logging in and publishing get limits of their own: the views are wrapped here, as the
    @limiter.limit decorator would, since this app's Limiter exists only now."""
    sign_in = limiter.shared_limit(setting("RATELIMIT_LOGIN"), scope="sign-in", methods=["POST"])
    for endpoint in SIGN_INS:
        app.view_functions[endpoint] = sign_in(app.view_functions[endpoint])
    publish = limiter.shared_limit(setting("RATELIMIT_NEW_POSTS"), scope="publishing", methods=["POST"])
    for endpoint in PUBLISHING:
        app.view_functions[endpoint] = publish(app.view_functions[endpoint])


def setting(name: str):
    """The limit in the app's settings, read again at each request."""
    return lambda: current_app.config[name]
