import os

import pytest
from sqlalchemy import MetaData, create_engine, inspect, text

from app import create_app
from support import describe, find_form, forms_of

# Long enough for production, which refuses short secrets.
TEST_SECRET_KEY = "a-secret-for-tests-only-0123456789abcdef"
# The key that signs the API's tokens in the tests: the tests sign tokens of their own with it
# (expired ones, say), as the app would. PyJWT warns about a key under 32 bytes.
TEST_JWT_SECRET_KEY = "a-jwt-secret-for-tests-only-0123456789abcdef"
IN_MEMORY = "sqlite://"  # a new, empty SQLite database for each app, gone when the app is
# The database of the tests: by default a new one in memory for each app. TEST_DATABASE_URL can
# name a real server instead, postgresql+psycopg://user:password@127.0.0.1/blog_tests for one:
# every test then starts on empty tables there too.
TEST_DATABASE = os.environ.get("TEST_DATABASE_URL", IN_MEMORY)
# The testing settings' cheap password hash, for the apps under the production settings too: the
# tests create hundreds of users. test_users.py checks that production itself uses scrypt.
FAST_PASSWORD_HASH = "pbkdf2:sha256:1"
PASSWORD = "correct horse battery"  # the password of every user that add_user makes
# The origins whose pages may call the API from a browser, in the apps the tests share.
ALLOWED_ORIGINS = ["https://reader.example.com", "http://localhost:5173"]
# Every app counts requests in its own memory, unless a test says otherwise: production refuses to
# start until it is told where to count.
IN_MEMORY_COUNTS = "memory://"
# The apps the tests share count no requests (Flask-Limiter's own switch): none of their tests is
# about limits, and counting adds a tenth to the time of each of their thousands of requests.
# test_limits.py builds apps with limits, small ones, and proves that the switch works.
LIMITS_OFF = {"RATELIMIT_ENABLED": False}


SETTINGS_IN_TURN = ("testing", "production")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Error tests run under the testing and the production settings alike (their `config_name`).
    A test that also tries several inputs tries each once, under the testing and the production
    settings in turn: each kind of error is still answered under both, in half the time. The cases
    left out are reported as deselected. The browser tests run first."""
    inputs_of = {item: inputs(item) for item in items if settings_name(item) in SETTINGS_IN_TURN}
    cases, settings = {}, {}  # of each test function: its inputs, and the settings it runs under
    for item, tried in inputs_of.items():
        cases.setdefault(function_of(item), [])
        if tried is not None and tried not in cases[function_of(item)]:
            cases[function_of(item)].append(tried)
        settings.setdefault(function_of(item), set()).add(settings_name(item))
    left_out = []
    for item, tried in inputs_of.items():
        function = function_of(item)
        if tried is not None and len(cases[function]) > 1 and settings[function] == set(SETTINGS_IN_TURN):
            in_turn = SETTINGS_IN_TURN[cases[function].index(tried) % len(SETTINGS_IN_TURN)]
            if settings_name(item) != in_turn:
                left_out.append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        deselected = set(left_out)
        items[:] = [item for item in items if item not in deselected]
    # The browser tests first: pytest-xdist hands the first tests, together, to one process, so that
    # one Chromium serves them all, and starts while the other processes run other tests.
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)


def settings_name(item):
    """The settings a test case runs under ("testing", "production"), or None if it takes none."""
    return getattr(getattr(item, "callspec", None), "params", {}).get("config_name")


def inputs(item):
    """The parameters of a test case other than its settings, as text ("[('url', '/api/posts')]");
    None if it has none."""
    others = sorted((name, value) for name, value in item.callspec.params.items() if name != "config_name")
    return repr(others) if others else None


def function_of(item):
    """The test function of a case: tests/test_users.py::test_create[production] -> ...::test_create"""
    return item.nodeid.split("[", 1)[0]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """No SECRET_KEY, JWT_SECRET_KEY, CORS_ORIGINS or FLASK_* variable from your shell reaches the app:
    FLASK_DEBUG=1 changes no result."""
    for name in list(os.environ):
        if name in ("SECRET_KEY", "JWT_SECRET_KEY", "CORS_ORIGINS") or name.startswith("FLASK_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session", autouse=True)
def empty_database_server():
    """A database server keeps what a run that was stopped half-way left: start from no tables."""
    if TEST_DATABASE != IN_MEMORY:
        engine = create_engine(TEST_DATABASE)
        drop_every_table(engine)
        engine.dispose()


@pytest.fixture
def config_name():
    """The settings the app is built with; error tests run under "production" too."""
    return "testing"


@pytest.fixture(scope="session")
def built_apps():
    """The apps the tests share, one for each settings name, closed when the tests end."""
    apps = {}
    yield apps
    for app in apps.values():
        with app.app_context():
            close_database(app)


@pytest.fixture
def app(request, config_name, built_apps):
    """The app of a test, its tables empty, ids starting from 1 again.

    Building an app takes longer than most tests do (Werkzeug compiles each URL rule, SQLAlchemy
    each statement again for a new database), so the tests share one app for each settings name,
    and each test starts on emptied tables. A test that changes the app itself, adding a route or
    dropping its tables, is marked `@pytest.mark.own_app`: it gets a new app, which no other test sees.
    """
    if request.node.get_closest_marker("own_app"):
        app = build_app(config_name)
        yield app
        with app.app_context():
            close_database(app)
        return
    if config_name not in built_apps:
        built_apps[config_name] = build_app(config_name)
    app = built_apps[config_name]
    with app.app_context():
        empty_tables(app)
    yield app
    with app.app_context():
        app.extensions["sqlalchemy"].session.remove()


def build_app(config_name, **settings):
    """An app under the named settings, on the tests' database, with its tables; `settings` change
    the tests' own."""
    tests_own = {
        "SECRET_KEY": TEST_SECRET_KEY,
        "JWT_SECRET_KEY": TEST_JWT_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": TEST_DATABASE,
        "PASSWORD_HASH_METHOD": FAST_PASSWORD_HASH,
        "CORS_ORIGINS": ALLOWED_ORIGINS,
        "RATELIMIT_STORAGE_URI": IN_MEMORY_COUNTS,
        **LIMITS_OFF,
    }
    app = create_app(config_name, **{**tests_own, **settings})
    with app.app_context():
        new_tables(app)
    return app


def empty_tables(app):
    """Empty the models' tables, their ids starting from 1 again. They are there: no test changes
    the tables of an app the tests share (one that does is `own_app`), and every other app leaves a
    database server with the models' tables (close_database)."""
    db = app.extensions["sqlalchemy"]
    db.session.remove()
    if db.engine.url.get_backend_name() == "sqlite":
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
            # AUTOINCREMENT's counters, in a table SQLite makes at the first insert.
            if connection.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")).first():
                connection.execute(text("DELETE FROM sqlite_sequence"))
    else:
        truncate(db)


def new_tables(app, tables=True):
    """Give a new app the models' tables (none with tables=False). On a database server, first
    drop the tables that the tests before left there. Flask-SQLAlchemy keeps its `db` in
    app.extensions["sqlalchemy"]."""
    assert "sqlalchemy" in app.extensions, "create_app() must call db.init_app(app): Flask-SQLAlchemy"
    db = app.extensions["sqlalchemy"]
    if db.engine.url.get_backend_name() != "sqlite":
        drop_every_table(db.engine)
    if tables:
        db.create_all()


def close_database(app):
    """Empty what a test left on a database server, then close the app's connections, so that
    none is left for Python to find unclosed."""
    db = app.extensions["sqlalchemy"]
    db.session.remove()  # its transaction would keep the server from emptying the tables
    if db.engine.url.get_backend_name() != "sqlite":
        empty_the_server(db)
    db.engine.dispose()


def empty_the_server(db):
    """Leave the next test the models' tables, empty, their ids starting again from 1. Emptying
    them (PostgreSQL's TRUNCATE) is many times faster than making them again. A test that left
    other tables (alembic_version, after a migration) or none gets every table made again."""
    if sorted(inspect(db.engine).get_table_names()) == sorted(db.metadata.tables):
        truncate(db)
    else:
        drop_every_table(db.engine)
        db.create_all()


def truncate(db):
    """Empty the models' tables on a database server, their ids starting from 1 again."""
    with db.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(sorted(db.metadata.tables))} RESTART IDENTITY CASCADE"))


def drop_every_table(engine):
    """Drop every table of the database, alembic_version too, which no model knows."""
    every_table = MetaData()
    every_table.reflect(engine)
    every_table.drop_all(engine)


@pytest.fixture
def make_app():
    """Builds apps with create_app(name, **settings), each on a new database with its tables and
    counting requests in its own memory, and closes their databases when the test ends.
    tables=False leaves the tables out; SQLALCHEMY_DATABASE_URI=None leaves the database, and
    RATELIMIT_STORAGE_URI=None the counts, to the settings and the environment."""
    apps = []

    def make(config_name="testing", tables=True, **settings):
        settings.setdefault("SQLALCHEMY_DATABASE_URI", TEST_DATABASE)
        settings.setdefault("RATELIMIT_STORAGE_URI", IN_MEMORY_COUNTS)
        for name in ("SQLALCHEMY_DATABASE_URI", "RATELIMIT_STORAGE_URI"):
            if settings[name] is None:
                del settings[name]
        app = create_app(config_name, **settings)
        apps.append(app)
        with app.app_context():
            new_tables(app, tables)
        return app

    yield make
    for app in apps:
        with app.app_context():
            close_database(app)


@pytest.fixture
def client(app):
    """A test client: sends requests to the app without starting a server."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A runner for the app's `flask` commands, without a terminal."""
    return app.test_cli_runner()


class Accounts:
    """The users a test registered through the fixtures, each signed in to the API once, when a
    token of theirs is first needed: a test pays for no sign-in it does not use."""

    def __init__(self, app):
        self.app = app
        self.credentials: dict[int, dict] = {}  # {"email", "password"} of each user, by id
        self.sign_ins: dict[int, dict] = {}  # what POST /auth/login answered for each user, by id

    def register(self, email: str, password: str) -> dict:
        """Register the user with POST /auth/register; their JSON."""
        credentials = {"email": email, "password": password}
        response = self.app.test_client().post("/auth/register", json=credentials)
        assert response.status_code == 201, describe(response)
        user = response.get_json()
        self.credentials[user["id"]] = credentials
        return user

    def sign_in(self, user: dict) -> dict:
        """The user's {access_token, refresh_token, user}, from POST /auth/login the first time."""
        if user["id"] not in self.sign_ins:
            response = self.app.test_client().post("/auth/login", json=self.credentials[user["id"]])
            assert response.status_code == 200, describe(response)
            self.sign_ins[user["id"]] = response.get_json()
        return self.sign_ins[user["id"]]

    def client(self, user: dict):
        """A test client whose every request carries the user's access token."""
        client = self.app.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {self.sign_in(user)['access_token']}"
        return client


@pytest.fixture
def accounts(app):
    """The users this test registered, and their tokens."""
    return Accounts(app)


@pytest.fixture
def add_user(accounts):
    """Register a user through the API and give back its JSON."""

    def add(email="ada@example.com", password=PASSWORD):
        return accounts.register(email, password)

    return add


@pytest.fixture
def author(add_user):
    """A user to write the posts: ada@example.com."""
    return add_user()


@pytest.fixture
def tokens(accounts, author):
    """The author's {access_token, refresh_token, user}, from POST /auth/login."""
    return accounts.sign_in(author)


@pytest.fixture
def api(accounts, author):
    """A test client signed in to the API as the author: each request sends her access token, in
    the header Authorization: Bearer <token>."""
    return accounts.client(author)


@pytest.fixture
def api_as(accounts):
    """api_as(user): a test client signed in to the API as that user, one the fixtures registered."""
    return accounts.client


@pytest.fixture
def add_post(accounts, request):
    """Publish a post through the API and give back its JSON. Its author is the `author` fixture's
    user, made at the first post that needs one, unless author_id names another the fixtures made."""

    def add(title="Hello", content="My first post.", author_id=None):
        if author_id is None:
            author_id = request.getfixturevalue("author")["id"]
        writer = accounts.client({"id": author_id})
        response = writer.post("/api/posts", json={"title": title, "content": content})
        assert response.status_code == 201, describe(response)
        return response.get_json()

    return add


class AuthActions:
    """Signs up, in and out through the pages' forms, as a browser does: each form is read from its
    page first, and sent with what the page put in it, the CSRF token above all."""

    def __init__(self, client):
        self.client = client

    def sign_up(self, email="ada@example.com", password=PASSWORD):
        """Send the form of /signup: the response."""
        form = find_form(self.client, "/signup", field="password")
        return form.submit(self.client, email=email, password=password)

    def log_in(self, email="ada@example.com", password=PASSWORD, url="/login"):
        """Send the sign-in form of the page at `url`, /login or /login?next=...: the response."""
        form = find_form(self.client, url, field="password")
        return form.submit(self.client, email=email, password=password)

    def log_out(self):
        """Press the button to sign out, in the header of the home page: the response."""
        return find_form(self.client, "/", path="/logout").submit(self.client)

    def is_signed_in(self) -> bool:
        """Whether the home page's header offers to sign out: a form that POSTs to /logout."""
        return any(form.path == "/logout" for form in forms_of(self.client.get("/"), "/"))


@pytest.fixture
def auth(client):
    """Signs up, in and out through the pages' forms, with the CSRF token each form holds."""
    return AuthActions(client)


@pytest.fixture
def signed_in(author, auth):
    """The `author` fixture's user, ada@example.com, signed in through the login form: the client
    is signed in as her, and the posts that add_post publishes are hers."""
    response = auth.log_in(author["email"])
    assert response.status_code == 303, describe(response)
    return author
