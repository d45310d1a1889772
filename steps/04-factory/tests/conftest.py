import pytest

from app import create_app

# Long enough for production, which refuses short secrets.
TEST_SECRET_KEY = "a-secret-for-tests-only-0123456789abcdef"


@pytest.fixture
def config_name():
    """The settings the app is built with; error tests run under "production" too."""
    return "testing"


@pytest.fixture
def app(config_name, monkeypatch):
    """A new app for each test, so every test starts with no posts."""
    monkeypatch.setenv("SECRET_KEY", TEST_SECRET_KEY)
    return create_app(config_name)


@pytest.fixture
def client(app):
    """A test client: sends requests to the app without starting a server."""
    return app.test_client()


@pytest.fixture
def add_post(client):
    """Publish a post through the API and give back its JSON."""

    def add(title="Hello", content="My first post."):
        response = client.post("/api/posts", json={"title": title, "content": content})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return add
