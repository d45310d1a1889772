"""Flask Blog as a package: create_app() makes a new app, on the database its settings name."""

from __future__ import annotations

import os

from flask import Flask
from werkzeug.exceptions import HTTPException

from app.accounts import accounts, csrf, setup_accounts
from app.body_limit import refuse_a_cut_off_body
from app.logbook import RequestLog, setup_logging
from app.oops import show_error
from app.settings import Settings
from app.storage import RowId, setup_database

# Logging belongs to the program, not to one app: set up here, once, before any app is made, as
# Flask's "Logging" page says. In create_app() it would be set up again for every app the tests make.
setup_logging()


def create_app(config_name: str = "development", **overrides) -> Flask:
    settings = Settings.called(config_name)
    app = Flask(__name__)
    app.config.from_object(settings)
    secret = os.environ.get("SECRET_KEY", "")
    if secret != "":
        app.config["SECRET_KEY"] = secret
    app.config.from_prefixed_env()
    app.config.from_mapping(overrides)
    settings.refuse_unsafe(app)

    # Flask runs the before_request functions in the order they are added, and CSRFProtect adds one
    # that reads the form for its token: a body too large is refused before that.
    app.before_request(refuse_a_cut_off_body)
    setup_database(app)
    setup_accounts(app)

    from app.rest import rest
    from app.web import web

    # <id:...> in the routes below: registered before them, so that they can use it.
    app.url_map.converters["id"] = RowId
    app.register_blueprint(web)
    app.register_blueprint(accounts)
    app.register_blueprint(rest, url_prefix="/api")
    # The API logs nobody in with the cookie, so no other site can act for a visitor there: no token.
    csrf.exempt(rest)
    app.register_error_handler(HTTPException, show_error)
    # Every request passes through RequestLog: its id, its X-Request-ID header, its line in the log.
    app.wsgi_app = RequestLog(app.wsgi_app)
    return app
