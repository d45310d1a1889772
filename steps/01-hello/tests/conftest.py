import pytest

from app import app as flask_app


@pytest.fixture
def app():
    """The app, in testing mode: errors inside a view reach the test."""
    flask_app.config.update(TESTING=True)
    return flask_app


@pytest.fixture
def client(app):
    """A test client: sends requests to the app without starting a server."""
    return app.test_client()
