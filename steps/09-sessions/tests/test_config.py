import pytest
from flask.cli import routes_command

from app import create_app
from support import describe, find_form

GOOD_SECRET_KEY = "f" * 32  # the shortest secret production accepts
OTHER_SECRET_KEY = "o" * 40
# The development settings hash passwords with scrypt, a tenth of a second each: not needed here.
FAST_PASSWORD_HASH = "pbkdf2:sha256:1"
FORM = {"title": "Hello", "content": "From a form."}


def development_secret_key() -> str:
    """The secret the development settings use when nothing else is set."""
    return create_app("development", DEBUG=True).config["SECRET_KEY"]


def new_author(client) -> int:
    """Create a user through the API and give back their id, for a post's author_id."""
    response = client.post("/api/users", json={"email": "ada@example.com", "password": "correct horse"})
    assert response.status_code == 201, describe(response)
    return response.get_json()["id"]


def sign_in(client):
    """Sign a new user in through the login form, with the CSRF token it holds: the form's response."""
    new_author(client)
    form = find_form(client, "/login", field="password")
    return form.submit(client, email="ada@example.com", password="correct horse")


def publish_from_form(client):
    """Sign a new user in, then POST /posts/new with a good form and its CSRF token: the response."""
    assert sign_in(client).status_code == 303
    return find_form(client, "/posts/new", field="title").submit(client, **FORM)


def publish_big_post(client):
    """POST /api/posts with a post of 100 characters of content: the response."""
    return client.post(
        "/api/posts", json={"title": "Big", "content": "x" * 100, "author_id": new_author(client)}
    )


def refusal(config_name: str = "development", **overrides) -> str:
    """create_app() refuses to build this app: the refusal's message, which must be one line."""
    with pytest.raises(RuntimeError) as refused:
        create_app(config_name, **overrides)
    message = str(refused.value)
    assert message.strip(), "say what to set"
    assert "\n" not in message.strip(), "one line says what to set"
    return message


# Development and testing ------------------------------------------------------


def test_development_needs_debug_mode_for_its_secret():
    """create_app() (development) refuses to start with its published secret unless debug mode is on."""
    assert "SECRET_KEY" in refusal()


def test_development_with_flask_debug(monkeypatch, make_app):
    """With FLASK_DEBUG=1 (what `flask run --debug` sets), create_app() builds a debug app, and forms work."""
    monkeypatch.setenv("FLASK_DEBUG", "1")

    app = make_app("development", PASSWORD_HASH_METHOD=FAST_PASSWORD_HASH)
    response = publish_from_form(app.test_client())

    assert app.debug
    assert app.testing is False
    assert response.status_code == 303, describe(response)


def test_testing_config():
    """create_app("testing") turns on TESTING; it needs no secret."""
    app = create_app("testing")

    assert app.testing is True


def test_secret_key_comes_from_the_environment(monkeypatch, make_app):
    """The SECRET_KEY environment variable wins over the settings, so development starts without debug."""
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET_KEY)

    app = make_app("development", PASSWORD_HASH_METHOD=FAST_PASSWORD_HASH)

    assert app.config["SECRET_KEY"] == GOOD_SECRET_KEY
    assert publish_from_form(app.test_client()).status_code == 303


def test_empty_secret_key_is_ignored(monkeypatch, make_app):
    """An empty SECRET_KEY variable counts as unset: development keeps its own, and pages work."""
    monkeypatch.setenv("SECRET_KEY", "")

    app = make_app("development", DEBUG=True, PASSWORD_HASH_METHOD=FAST_PASSWORD_HASH)
    response = publish_from_form(app.test_client())

    assert app.config["SECRET_KEY"]
    assert response.status_code == 303, describe(response)


def test_unknown_config_name():
    """create_app() with a name it does not know raises ValueError."""
    with pytest.raises(ValueError, match="staging"):
        create_app("staging")


def test_each_app_has_its_own_posts(make_app):
    """Two apps from create_app(), each on its own database in memory, do not share posts."""
    in_memory = "sqlite://"  # on any other database, two apps would share its tables
    first = make_app("testing", SQLALCHEMY_DATABASE_URI=in_memory)
    second = make_app("testing", SQLALCHEMY_DATABASE_URI=in_memory)

    author_id = new_author(first.test_client())
    first.test_client().post(
        "/api/posts", json={"title": "Only here", "content": "Hi", "author_id": author_id}
    )

    assert len(first.test_client().get("/api/posts").get_json()) == 1
    assert second.test_client().get("/api/posts").get_json() == []


def test_pages_and_api_are_blueprints(runner):
    """`flask routes` shows the pages in a blueprint named "pages" and the API in one named "api"."""
    result = runner.invoke(routes_command)

    routes = [line.split() for line in result.output.splitlines()[2:]]
    endpoints = {rule: endpoint for endpoint, *_, rule in routes}
    assert result.exit_code == 0, result.output
    assert endpoints["/"].startswith("pages.")
    assert endpoints["/posts/new"].startswith("pages.")
    assert endpoints["/api/posts"].startswith("api.")


# Where settings come from: class, then environment, then arguments ---------------


def test_overrides_win_over_the_settings_class(make_app):
    """create_app(name, SETTING=value) changes that setting: here, a smaller request body limit."""
    app = make_app("testing", MAX_CONTENT_LENGTH=100)

    response = publish_big_post(app.test_client())

    assert response.status_code == 413, describe(response)


def test_flask_variables_reach_the_settings(monkeypatch, make_app):
    """Each FLASK_* environment variable sets a setting: FLASK_MAX_CONTENT_LENGTH=100 sets that limit."""
    monkeypatch.setenv("FLASK_MAX_CONTENT_LENGTH", "100")

    app = make_app("testing")
    response = publish_big_post(app.test_client())

    assert app.config["MAX_CONTENT_LENGTH"] == 100
    assert response.status_code == 413, describe(response)


def test_overrides_win_over_the_environment(monkeypatch, make_app):
    """Settings passed to create_app() win over SECRET_KEY and FLASK_* environment variables."""
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET_KEY)
    monkeypatch.setenv("FLASK_MAX_CONTENT_LENGTH", "100")

    app = make_app(
        "production",
        SECRET_KEY=OTHER_SECRET_KEY,
        MAX_CONTENT_LENGTH=1000,
        PASSWORD_HASH_METHOD=FAST_PASSWORD_HASH,
    )
    response = publish_big_post(app.test_client())

    assert app.config["SECRET_KEY"] == OTHER_SECRET_KEY
    assert response.status_code == 201, describe(response)


# Production refuses what would put its users at risk --------------------------


def test_production_starts_with_a_good_secret(monkeypatch):
    """create_app("production") starts with a secret of 32 characters from the environment."""
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET_KEY)

    app = create_app("production")

    assert app.config["SECRET_KEY"] == GOOD_SECRET_KEY
    assert not app.testing
    assert not app.debug


@pytest.mark.parametrize("weakness", ["unset", "empty", "development default", "31 characters", "a number"])
def test_production_refuses_a_weak_secret(monkeypatch, weakness):
    """create_app("production") refuses a missing, empty, development or short (< 32) SECRET_KEY,
    and one that is not text: from_prefixed_env() reads FLASK_SECRET_KEY as JSON."""
    secret_keys = {
        "empty": "",
        "development default": development_secret_key(),
        "31 characters": "f" * 31,
    }
    if weakness in secret_keys:
        monkeypatch.setenv("SECRET_KEY", secret_keys[weakness])
    if weakness == "a number":
        monkeypatch.setenv("FLASK_SECRET_KEY", "1" * 40)

    assert "SECRET_KEY" in refusal("production")


def test_production_refuses_flask_debug(monkeypatch):
    """create_app("production") with FLASK_DEBUG=1 refuses to start: debug mode is for development."""
    monkeypatch.setenv("FLASK_DEBUG", "1")

    assert "debug" in refusal("production", SECRET_KEY=GOOD_SECRET_KEY).lower()


def test_production_refuses_the_debug_setting():
    """create_app("production", DEBUG=True) refuses to start: debug mode is for development."""
    assert "debug" in refusal("production", SECRET_KEY=GOOD_SECRET_KEY, DEBUG=True).lower()


def session_cookie(response) -> set[str]:
    """The parts of the session cookie that the response sets: {"session=...", "HttpOnly", ...}."""
    cookies = [value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")]
    assert len(cookies) == 1, f"one session cookie: {cookies}"
    return set(cookies[0].split("; "))


def sign_in_under_production(make_app):
    """Sign a new user in to an app under the production settings: the login form's response."""
    app = make_app("production", SECRET_KEY=GOOD_SECRET_KEY, PASSWORD_HASH_METHOD=FAST_PASSWORD_HASH)
    return sign_in(app.test_client())


def test_production_session_cookie_is_secure(make_app):
    """In production the cookie that signs someone in is Secure (HTTPS only), HttpOnly and SameSite=Lax."""
    response = sign_in_under_production(make_app)

    assert response.status_code == 303, describe(response)
    assert {"Secure", "HttpOnly", "SameSite=Lax"} <= session_cookie(response)


@pytest.mark.parametrize("config_name", ["development", "testing"])
def test_session_cookie_works_over_http(make_app, config_name):
    """In development and testing the session cookie is HttpOnly and SameSite=Lax, but not Secure, so
    signing in works on http://localhost."""
    app = make_app(config_name, DEBUG=True, PASSWORD_HASH_METHOD=FAST_PASSWORD_HASH)
    client = app.test_client()

    response = sign_in(client)

    assert response.status_code == 303, describe(response)
    assert {"HttpOnly", "SameSite=Lax"} <= session_cookie(response)
    assert "Secure" not in session_cookie(response)
    assert find_form(client, "/", path="/logout"), "signed in"


# This app's own words -------------------------------------------------------------


@pytest.mark.reference
@pytest.mark.parametrize(
    "name", ["SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "WTF_CSRF_ENABLED", "WTF_CSRF_CHECK_DEFAULT"]
)
def test_production_refuses_to_switch_off_what_guards_sessions(monkeypatch, name):
    """create_app("production") with FLASK_SESSION_COOKIE_SECURE=false (or HTTPONLY, WTF_CSRF_ENABLED,
    or WTF_CSRF_CHECK_DEFAULT) refuses to start, saying which variable to unset."""
    monkeypatch.setenv(f"FLASK_{name}", "false")

    assert (
        refusal("production", SECRET_KEY=GOOD_SECRET_KEY)
        == f"Production keeps {name} on: unset FLASK_{name}."
    )


@pytest.mark.reference
@pytest.mark.parametrize("value", ["None", "null", "none", "Lacks", "1"])
def test_production_refuses_a_session_cookie_that_other_sites_requests_carry(monkeypatch, value):
    """create_app("production") with FLASK_SESSION_COOKIE_SAMESITE=None (null, read as JSON, is None
    too; or any value but Lax and Strict) refuses to start, saying which variable to unset."""
    monkeypatch.setenv("FLASK_SESSION_COOKIE_SAMESITE", value)

    assert refusal("production", SECRET_KEY=GOOD_SECRET_KEY) == (
        "Production sends the session cookie with SameSite=Lax or Strict: "
        "unset FLASK_SESSION_COOKIE_SAMESITE."
    )


@pytest.mark.reference
@pytest.mark.parametrize("value", ["Strict", "strict", "lax"])
def test_production_takes_a_strict_session_cookie(make_app, monkeypatch, value):
    """SameSite=Strict keeps the cookie off even the links other sites' pages follow: production
    takes it, and Lax or Strict in any case, as Werkzeug does, and sends the cookie with it."""
    monkeypatch.setenv("FLASK_SESSION_COOKIE_SAMESITE", value)
    response = sign_in_under_production(make_app)

    assert response.status_code == 303, describe(response)
    assert f"SameSite={value.title()}" in session_cookie(response)


@pytest.mark.reference
def test_development_refusal_wording():
    """Development without debug mode says to pass --debug or set SECRET_KEY, in these words."""
    assert refusal() == (
        "SECRET_KEY is the development default, which is only for debug mode: "
        "run flask with --debug, or set the SECRET_KEY environment variable."
    )


@pytest.mark.reference
@pytest.mark.parametrize(
    ("secret_key", "problem"),
    [
        (None, "SECRET_KEY is not set"),
        ("", "SECRET_KEY is not set"),
        ("development-only-not-a-secret", "SECRET_KEY is the development default"),
        ("f" * 31, "SECRET_KEY is shorter than 32 characters"),
    ],
)
def test_weak_secret_refusal_wording(secret_key, problem):
    """Production names the secret's problem and says how to make a good one, in these words."""
    assert refusal("production", SECRET_KEY=secret_key) == (
        f"{problem}. Production needs a long random secret: set the SECRET_KEY environment variable, "
        'for example to the output of: python -c "import secrets; print(secrets.token_hex())"'
    )


@pytest.mark.reference
def test_debug_refusal_wording():
    """Production in debug mode says to unset FLASK_DEBUG, in these words."""
    assert refusal("production", SECRET_KEY=GOOD_SECRET_KEY, DEBUG=True) == (
        "Production must not run in debug mode: unset FLASK_DEBUG and leave out --debug."
    )


@pytest.mark.reference
def test_unknown_config_name_wording():
    """An unknown settings name is refused with the list of known names, in these words."""
    expected = r"^Unknown config 'staging': choose one of development, testing, production\.$"
    with pytest.raises(ValueError, match=expected):
        create_app("staging")
