import pytest

from app import create_app
from app.config import DEVELOPMENT_SECRET_KEY

GOOD_SECRET_KEY = "f" * 32


def test_development_is_the_default(monkeypatch):
    """create_app() with no name builds the development app, with a development-only secret."""
    monkeypatch.delenv("SECRET_KEY", raising=False)

    app = create_app()

    assert app.config["SECRET_KEY"] == DEVELOPMENT_SECRET_KEY
    assert app.testing is False


def test_testing_config(monkeypatch):
    """create_app("testing") turns on TESTING, so errors inside views reach the test."""
    monkeypatch.delenv("SECRET_KEY", raising=False)

    app = create_app("testing")

    assert app.testing is True


def test_secret_key_comes_from_the_environment(monkeypatch):
    """The SECRET_KEY environment variable wins over the development default."""
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET_KEY)

    assert create_app("development").config["SECRET_KEY"] == GOOD_SECRET_KEY


def test_empty_secret_key_is_ignored(monkeypatch):
    """An empty SECRET_KEY variable counts as unset: development keeps its default, and pages work."""
    monkeypatch.setenv("SECRET_KEY", "")

    app = create_app("development")
    response = app.test_client().post("/posts/new", data={"title": "Hi", "content": "There"})

    assert app.config["SECRET_KEY"] == DEVELOPMENT_SECRET_KEY
    assert response.status_code == 303


def test_production_starts_with_a_good_secret(monkeypatch):
    """create_app("production") starts with a long secret from the environment, secure cookies on."""
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET_KEY)

    app = create_app("production")

    assert app.config["SECRET_KEY"] == GOOD_SECRET_KEY
    assert app.testing is False
    assert app.debug is False
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize(
    ("secret_key", "problem"),
    [
        (None, "SECRET_KEY is not set"),
        ("", "SECRET_KEY is not set"),
        (DEVELOPMENT_SECRET_KEY, "SECRET_KEY is the development default"),
        ("f" * 31, "SECRET_KEY is shorter than 32 characters"),
    ],
)
def test_production_refuses_a_weak_secret(monkeypatch, secret_key, problem):
    """create_app("production") refuses to start without a real secret, and says what to set."""
    if secret_key is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", secret_key)

    with pytest.raises(RuntimeError) as refused:
        create_app("production")

    assert str(refused.value) == (
        f"{problem}. Production needs a long random secret: set the SECRET_KEY environment variable, "
        'for example to the output of: python -c "import secrets; print(secrets.token_hex())"'
    )


def test_production_session_cookie_is_secure(monkeypatch):
    """In production the session cookie is Secure (HTTPS only), HttpOnly and SameSite=Lax."""
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET_KEY)
    client = create_app("production").test_client()

    response = client.post("/posts/new", data={"title": "Hello", "content": "From a form."})

    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("session=")
    assert {"Secure", "HttpOnly", "SameSite=Lax"} <= set(cookie.split("; "))


def test_development_session_cookie_works_over_http(monkeypatch):
    """In development the session cookie is not Secure, so flashed messages work on http://localhost."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    client = create_app("development").test_client()

    response = client.post("/posts/new", data={"title": "Hello", "content": "From a form."})

    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("session=")
    assert "Secure" not in cookie.split("; ")


def test_unknown_config_name():
    """create_app() with a name it does not know says which names it knows."""
    expected = r"^Unknown config 'staging': choose one of development, testing, production\.$"
    with pytest.raises(ValueError, match=expected):
        create_app("staging")


def test_each_app_has_its_own_posts():
    """Two apps from create_app() do not share posts: that is what keeps tests apart."""
    first, second = create_app("testing"), create_app("testing")

    first.test_client().post("/api/posts", json={"title": "Only here", "content": "Hi"})

    assert len(first.test_client().get("/api/posts").get_json()) == 1
    assert second.test_client().get("/api/posts").get_json() == []
