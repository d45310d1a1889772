import importlib

import pytest

from support import describe


@pytest.fixture
def app():
    """A fresh app for each test, so every test starts with no posts."""
    # Reloading the module runs app.py again: a new Flask app and a new, empty list.
    module = importlib.reload(importlib.import_module("app"))
    module.app.config.update(TESTING=True)
    return module.app


@pytest.fixture
def client(app):
    """A test client: sends requests to the app without starting a server."""
    return app.test_client()


@pytest.fixture
def add_post(client):
    """Publish a post through the API and give back its JSON."""

    def add(title="Hello", content="My first post."):
        response = client.post("/api/posts", json={"title": title, "content": content})
        assert response.status_code == 201, describe(response)
        return response.get_json()

    return add
