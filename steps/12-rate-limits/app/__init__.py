"""The blog as a package. create_app() builds a new, configured app each time
it is called: one for the server, a fresh one for every test."""

import os

from flask import Flask

from app import cors, errors, limits, logs, proxies
from app.api import API_PREFIX, api
from app.auth import AUTH_PREFIX, auth
from app.config import SECRETS, refuse_unsafe_settings, settings_class
from app.database import db, migrate
from app.pages import pages
from app.sessions import csrf, login_manager
from app.tokens import jwt

# Logging is the program's, not an app's: set up once, when the package is imported, before any app
# exists, as Flask's "Logging" page advises; not again for each of the many apps the tests build.
logs.configure_logging()


def create_app(config_name: str = "development", **overrides) -> Flask:
    """Build the app with the "development", "testing" or "production" settings.

    Keyword arguments change single settings, and win over everything else:
    create_app("testing", SQLALCHEMY_DATABASE_URI="sqlite://") is how the tests pass their own.
    """
    app = Flask(__name__)

    # settings: each line may change what the lines above it set
    app.config.from_object(settings_class(config_name))
    for secret in SECRETS:
        if os.environ.get(secret):  # set and not empty
            app.config[secret] = os.environ[secret]
    if os.environ.get("CORS_ORIGINS"):  # origins, separated by commas
        app.config["CORS_ORIGINS"] = os.environ["CORS_ORIGINS"]
    app.config.from_prefixed_env()  # FLASK_DEBUG=1 sets DEBUG, FLASK_MAX_CONTENT_LENGTH=... sets that
    app.config.update(overrides)
    refuse_unsafe_settings(app, config_name)

    # behind reverse proxies: the client's address, scheme and host are the ones they report
    proxies.init_app(app)

    # the log and errors: one line for every request, one JSON shape for every error of the API.
    # Flask runs the before_request functions in the order they were added. These come first: the
    # log notes when a request starts, before errors.py may refuse its body, and errors.py refuses a
    # body too large before CSRFProtect reads it for its token.
    logs.init_app(app)
    errors.init_app(app)

    # extensions: they read their settings here, so every setting must be in place by now
    db.init_app(app)  # Flask-SQLAlchemy makes the instance folder, where instance/blog.sqlite lives
    migrate.init_app(app, db)  # flask --app app db upgrade, db migrate, db downgrade...
    login_manager.init_app(app)  # current_user in every view and template, from the session
    csrf.init_app(app)  # every POST needs the token of a form this site gave out...
    jwt.init_app(app)  # Flask-JWT-Extended: the API's bearer tokens
    cors.init_app(app)  # Flask-CORS: which pages of other origins may call /api and /auth

    # blueprints
    app.register_blueprint(pages)
    app.register_blueprint(api, url_prefix=API_PREFIX)
    app.register_blueprint(auth, url_prefix=AUTH_PREFIX)
    # ...but those of the API: it signs no one in with the cookie, so another site has nothing to use.
    # A token goes only where the client's own code puts it, in the Authorization header.
    csrf.exempt(api)
    csrf.exempt(auth)

    # the limits, on the views of the blueprints: how many requests each client may send in a while
    limits.init_app(app)

    return app
