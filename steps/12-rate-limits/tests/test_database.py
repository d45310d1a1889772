import os
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import StatementError

from support import describe, find_form

PASSWORD = "correct horse battery"


def add_user(client, email="ada@example.com") -> dict:
    response = client.post("/auth/register", json={"email": email, "password": PASSWORD})
    assert response.status_code == 201, describe(response)
    return response.get_json()


def count_users(client) -> int:
    return len(client.get("/api/users").get_json())


# The data stays -----------------------------------------------------------------------------


def test_posts_persist_across_requests(app, add_post):
    """What one request writes, the next requests read: posts and users live in the database."""
    post = add_post("Kept", "In the database.")

    for _ in range(2):
        client = app.test_client()  # a new client: nothing carried over but the app and its database
        assert client.get(f"/api/posts/{post['id']}").get_json() == post
        assert client.get("/api/users").get_json() == [post["author"]]


def test_apps_have_their_own_databases(make_app):
    """Two apps built on their own databases in memory share no user."""
    in_memory = "sqlite://"  # on any other database, two apps would share its tables
    first = make_app(SQLALCHEMY_DATABASE_URI=in_memory)
    second = make_app(SQLALCHEMY_DATABASE_URI=in_memory)

    add_user(first.test_client())

    assert count_users(first.test_client()) == 1
    assert count_users(second.test_client()) == 0


def test_dates_keep_their_time_zone(client, add_post):
    """created_at of a post and of its author, read back from the database, is ISO 8601 in UTC (+00:00)."""
    post = add_post()

    again = client.get(f"/api/posts/{post['id']}").get_json()
    author = client.get(f"/api/users/{post['author']['id']}").get_json()

    for created_at in [again["created_at"], again["author"]["created_at"], author["created_at"]]:
        assert datetime.fromisoformat(created_at).utcoffset() == timedelta(0), created_at
    assert again["created_at"] == post["created_at"]
    assert author["created_at"] == post["author"]["created_at"]


# Where the database is ----------------------------------------------------------------------


def test_development_database_is_in_the_instance_folder(make_app):
    """Development keeps its database in instance/blog.sqlite, the app's instance folder."""
    app = make_app("development", tables=False, DEBUG=True, SQLALCHEMY_DATABASE_URI=None)

    with app.app_context():
        database = app.extensions["sqlalchemy"].engine.url.database

    assert os.path.samefile(os.path.dirname(database), app.instance_path)
    assert os.path.basename(database) == "blog.sqlite"


def test_database_url_from_the_environment(monkeypatch, make_app, tmp_path):
    """FLASK_SQLALCHEMY_DATABASE_URI sets the database: what the app writes lands in that file."""
    monkeypatch.setenv("FLASK_SQLALCHEMY_DATABASE_URI", f"sqlite:///{tmp_path / 'env.sqlite'}")
    app = make_app(SQLALCHEMY_DATABASE_URI=None)  # make_app creates the tables in that database

    add_user(app.test_client())
    again = make_app(tables=False, SQLALCHEMY_DATABASE_URI=None)

    assert (tmp_path / "env.sqlite").is_file()
    assert count_users(again.test_client()) == 1  # a second app on the same file sees the user


def test_database_url_override_wins_over_the_environment(monkeypatch, make_app, tmp_path):
    """create_app(SQLALCHEMY_DATABASE_URI=...) wins over FLASK_SQLALCHEMY_DATABASE_URI."""
    monkeypatch.setenv("FLASK_SQLALCHEMY_DATABASE_URI", f"sqlite:///{tmp_path / 'env.sqlite'}")

    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'override.sqlite'}")
    add_user(app.test_client())

    assert (tmp_path / "override.sqlite").is_file()
    assert not (tmp_path / "env.sqlite").exists()


# The schema ---------------------------------------------------------------------------------


def test_constraints_have_names(app):
    """A naming convention names every constraint and index, in the models and in the database."""
    db = app.extensions["sqlalchemy"]  # Flask-SQLAlchemy's `db`, wherever the app defines it

    for table in db.metadata.sorted_tables:
        for constraint in [*table.constraints, *table.indexes]:
            assert constraint.name, f"a {type(constraint).__name__} of {table.name} has no name"
    with app.app_context():
        database = inspect(db.engine)
        for table in database.get_table_names():
            for constraint in [*database.get_unique_constraints(table), *database.get_foreign_keys(table)]:
                assert constraint["name"], f"a constraint of {table} has no name in the database"


# This app's own schema ----------------------------------------------------------------------


@pytest.mark.reference
def test_constraint_names(app):
    """The constraints are named by the convention: pk_users, uq_users_email, fk_posts_author_id_users..."""
    tables = app.extensions["sqlalchemy"].metadata.tables

    names = {
        table: sorted(item.name for item in [*tables[table].constraints, *tables[table].indexes])
        for table in tables
    }

    assert names == {
        "users": ["pk_users", "uq_users_email"],
        "posts": ["fk_posts_author_id_users", "ix_posts_author_id", "ix_posts_created_at", "pk_posts"],
        "revoked_tokens": ["ix_revoked_tokens_jti", "pk_revoked_tokens"],
    }


@pytest.mark.reference
def test_deleting_a_user_cascades_in_the_database(app):
    """The posts' foreign key says ON DELETE CASCADE, so the database deletes a user's posts too."""
    with app.app_context():
        foreign_keys = inspect(app.extensions["sqlalchemy"].engine).get_foreign_keys("posts")

    assert [key["options"] for key in foreign_keys] == [{"ondelete": "CASCADE"}]


@pytest.mark.reference
def test_database_settings(make_app):
    """Development and production use sqlite:///blog.sqlite; testing a database in memory."""
    settings = {
        "development": make_app("development", tables=False, DEBUG=True, SQLALCHEMY_DATABASE_URI=None),
        "production": make_app(
            "production",
            tables=False,
            SECRET_KEY="p" * 32,
            JWT_SECRET_KEY="j" * 32,
            SQLALCHEMY_DATABASE_URI=None,
        ),
        "testing": make_app("testing", tables=False, SQLALCHEMY_DATABASE_URI=None),
    }

    urls = {name: app.config["SQLALCHEMY_DATABASE_URI"] for name, app in settings.items()}

    assert urls == {
        "development": "sqlite:///blog.sqlite",
        "production": "sqlite:///blog.sqlite",
        "testing": "sqlite://",
    }


def insert_user(app, created_at):
    """Insert a row into this app's users table directly, with this created_at."""
    db = app.extensions["sqlalchemy"]
    users = db.metadata.tables["users"]
    with app.app_context():
        db.session.execute(
            users.insert().values(email="ada@example.com", password_hash="x", created_at=created_at)
        )
        db.session.commit()
        return db.session.scalars(select(users.c.created_at)).one()


@pytest.mark.reference
def test_utc_datetime_stores_utc_and_gives_it_back(app):
    """A created_at in another time zone is stored as UTC and read back as the same instant, in UTC."""
    paris_noon = datetime(2026, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))

    created_at = insert_user(app, paris_noon)

    assert created_at == paris_noon
    assert created_at.tzinfo is UTC
    assert created_at.hour == 10


@pytest.mark.reference
def test_utc_datetime_refuses_a_naive_datetime(app):
    """A datetime without a time zone is refused, rather than guessed."""
    with pytest.raises(StatementError, match="time zone"):
        insert_user(app, datetime(2026, 6, 1, 12))


@pytest.mark.reference
def test_bad_requests_write_no_row(client, api, signed_in):
    """A refused user or post leaves the tables as they were: counted in the database itself."""
    db = client.application.extensions["sqlalchemy"]

    client.post("/auth/register", json={"email": "ada@example.com", "password": PASSWORD})  # taken
    client.post("/auth/register", json={"email": "grace@example.com", "password": "short"})
    api.post("/api/posts", json={"title": "Hi", "content": "Text", "author_id": 999})
    client.post("/api/posts", json={"title": "Hi", "content": "Text"})  # no token
    find_form(client, "/posts/new", field="title").submit(client, title="", content="Text")
    find_form(client, "/signup", field="password").submit(client, email="ada@example.com", password=PASSWORD)
    client.post("/posts/new", data={"title": "Hi", "content": "Text"})  # without the CSRF token

    with client.application.app_context():
        for table, rows in [("users", 1), ("posts", 0), ("revoked_tokens", 0)]:
            counted = select(func.count()).select_from(db.metadata.tables[table])
            assert db.session.scalar(counted) == rows, table
