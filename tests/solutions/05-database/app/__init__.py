"""Flask Blog as a package: create_app() makes a new app, on the database its settings name."""

from __future__ import annotations

import os

from flask import Flask
from werkzeug.exceptions import HTTPException

from app.body_limit import refuse_a_cut_off_body
from app.oops import show_error
from app.settings import Settings
from app.storage import RowId, setup_database


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

    setup_database(app)

    from app.rest import rest
    from app.web import web

    # <id:...> in the routes below: registered before them, so that they can use it.
    app.url_map.converters["id"] = RowId
    app.register_blueprint(web)
    app.register_blueprint(rest, url_prefix="/api")
    app.register_error_handler(HTTPException, show_error)
    app.before_request(refuse_a_cut_off_body)
    return app
