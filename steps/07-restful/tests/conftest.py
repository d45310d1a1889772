import os

import pytest
from sqlalchemy import MetaData, create_engine, inspect, text

from app import create_app
from support import describe

# Long enough for production, which refuses short secrets.
TEST_SECRET_KEY = "a-secret-for-tests-only-0123456789abcdef"
IN_MEMORY = "sqlite://"  # a new, empty SQLite database for each app, gone when the app is
# The database of the tests: by default a new one in memory for each app. TEST_DATABASE_URL can
# name a real server instead, postgresql+psycopg://user:password@127.0.0.1/blog_tests for one:
# every test then starts on empty tables there too.
TEST_DATABASE = os.environ.get("TEST_DATABASE_URL", IN_MEMORY)
# The testing settings' cheap password hash, for the apps under the production settings too: the
# tests create hundreds of users. test_users.py checks that production itself uses scrypt.
FAST_PASSWORD_HASH = "pbkdf2:sha256:1"


SETTINGS_IN_TURN = ("testing", "production")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Error tests run under the testing and the production settings alike (their `config_name`).
    A test that also tries several inputs tries each once, under the testing and the production
    settings in turn: each kind of error is still answered under both, in half the time. The cases
    left out are reported as deselected."""
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
    """No SECRET_KEY or FLASK_* variable from your shell reaches the app: FLASK_DEBUG=1 changes no result."""
    for name in list(os.environ):
        if name == "SECRET_KEY" or name.startswith("FLASK_"):
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


def build_app(config_name):
    """An app under the named settings, on the tests' database, with its tables."""
    app = create_app(
        config_name,
        SECRET_KEY=TEST_SECRET_KEY,
        SQLALCHEMY_DATABASE_URI=TEST_DATABASE,
        PASSWORD_HASH_METHOD=FAST_PASSWORD_HASH,
    )
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
    """Builds apps with create_app(name, **settings), each on a new database with its tables,
    and closes their databases when the test ends. tables=False leaves the tables out;
    SQLALCHEMY_DATABASE_URI=None leaves the database to the settings and the environment."""
    apps = []

    def make(config_name="testing", tables=True, **settings):
        settings.setdefault("SQLALCHEMY_DATABASE_URI", TEST_DATABASE)
        if settings["SQLALCHEMY_DATABASE_URI"] is None:
            del settings["SQLALCHEMY_DATABASE_URI"]
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


@pytest.fixture
def add_user(client):
    """Create a user through the API and give back its JSON."""

    def add(email="ada@example.com", password="correct horse battery"):
        response = client.post("/api/users", json={"email": email, "password": password})
        assert response.status_code == 201, describe(response)
        return response.get_json()

    return add


@pytest.fixture
def author(add_user):
    """A user to write the posts: ada@example.com."""
    return add_user()


@pytest.fixture
def add_post(client, request):
    """Publish a post through the API and give back its JSON. Its author is the `author` fixture's
    user, made at the first post that needs one, unless author_id names another."""

    def add(title="Hello", content="My first post.", author_id=None):
        if author_id is None:
            author_id = request.getfixturevalue("author")["id"]
        body = {"title": title, "content": content, "author_id": author_id}
        response = client.post("/api/posts", json=body)
        assert response.status_code == 201, describe(response)
        return response.get_json()

    return add
