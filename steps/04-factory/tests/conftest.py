import os

import pytest

from app import create_app
from support import describe

# Long enough for production, which refuses short secrets.
TEST_SECRET_KEY = "a-secret-for-tests-only-0123456789abcdef"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """No SECRET_KEY or FLASK_* variable from your shell reaches the app: FLASK_DEBUG=1 changes no result."""
    for name in list(os.environ):
        if name == "SECRET_KEY" or name.startswith("FLASK_"):
            monkeypatch.delenv(name)


@pytest.fixture
def config_name():
    """The settings the app is built with; error tests run under "production" too."""
    return "testing"


@pytest.fixture
def app(config_name):
    """A new app for each test, so every test starts with no posts."""
    app = create_app(config_name, SECRET_KEY=TEST_SECRET_KEY)
    # yield, not return: code after it runs when the test ends (step 05 drops the database there).
    yield app  # noqa: PT022


@pytest.fixture
def client(app):
    """A test client: sends requests to the app without starting a server."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A runner for the app's `flask` commands, without a terminal."""
    return app.test_cli_runner()


@pytest.fixture
def add_post(client):
    """Publish a post through the API and give back its JSON."""

    def add(title="Hello", content="My first post."):
        response = client.post("/api/posts", json={"title": title, "content": content})
        assert response.status_code == 201, describe(response)
        return response.get_json()

    return add
