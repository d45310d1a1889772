"""The blog as a package. create_app() builds a new, configured app each time
it is called: one for the server, a fresh one for every test."""

from flask import Flask
from werkzeug.exceptions import HTTPException

from app import posts
from app.api import api
from app.config import load_config
from app.errors import handle_http_error
from app.pages import pages


def create_app(config_name: str = "development") -> Flask:
    """Build the app with the "development", "testing" or "production" settings."""
    app = Flask(__name__)
    load_config(app, config_name)

    # storage
    posts.init_app(app)

    # blueprints
    app.register_blueprint(pages)
    app.register_blueprint(api, url_prefix="/api")

    # errors
    app.register_error_handler(HTTPException, handle_http_error)

    return app
