"""Flask Blog as a package: create_app() makes a new app, on the database its settings name."""

from __future__ import annotations

import os

from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from app.accounts import accounts, csrf, setup_accounts
from app.bearer import setup_bearer
from app.body_limit import refuse_a_cut_off_body
from app.crossorigin import setup_cross_origin
from app.logbook import RequestLog, setup_logging
from app.oops import show_error
from app.settings import FROM_THE_ENVIRONMENT, Settings, refuse_bad_throttling
from app.storage import RowId, setup_database
from app.throttle import setup_throttle

# Logging belongs to the program, not to one app: set up here, once, before any app is made, as
# Flask's "Logging" page says. In create_app() it would be set up again for every app the tests make.
setup_logging()


def create_app(config_name: str = "development", **overrides) -> Flask:
    settings = Settings.called(config_name)
    app = Flask(__name__)
    app.config.from_object(settings)
    for name in FROM_THE_ENVIRONMENT:  # the two keys and CORS_ORIGINS; an empty one counts as unset
        secret = os.environ.get(name, "")
        if secret != "":
            app.config[name] = secret
    app.config.from_prefixed_env()
    app.config.from_mapping(overrides)
    settings.refuse_unsafe(app)
    refuse_bad_throttling(app)

    # Flask runs the before_request functions in the order they are added, and CSRFProtect adds one
    # that reads the form for its token: a body too large is refused before that.
    app.before_request(refuse_a_cut_off_body)
    setup_database(app)
    setup_accounts(app)
    setup_bearer(app)
    setup_cross_origin(app)

    from app.passport import passport
    from app.rest import rest
    from app.web import web

    # <id:...> in the routes below: registered before them, so that they can use it.
    app.url_map.converters["id"] = RowId
    app.register_blueprint(web)
    app.register_blueprint(accounts)
    app.register_blueprint(rest, url_prefix="/api")
    app.register_blueprint(passport, url_prefix="/auth")
    # The API and /auth log nobody in with the cookie, only with a bearer token that a browser never
    # adds by itself: no other site can act for a visitor there, and they need no CSRF token.
    csrf.exempt(rest)
    csrf.exempt(passport)
    setup_throttle(app)  # after the blueprints: it limits some of their views
    app.register_error_handler(HTTPException, show_error)
    # Every request passes through RequestLog: its id, its X-Request-ID header, its line in the log.
    app.wsgi_app = RequestLog(app.wsgi_app)
    # Outermost: what the proxies say about the client is in place before anything reads it.
    if hops := app.config["PROXY_COUNT"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app
