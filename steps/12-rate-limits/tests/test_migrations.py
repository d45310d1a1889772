"""The migrations in migrations/ make the database: exactly the models' tables, up and down.

The other tests create the tables from the models, which is faster; these prove that the
migrations give the very same schema, so those tests test the database you deploy.
"""

import os
import shutil
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect


@pytest.fixture(autouse=True)
def in_the_step_folder(monkeypatch, request):
    """`flask db` looks for migrations/ in the working directory: the folder that holds pytest.ini."""
    monkeypatch.chdir(request.config.rootpath)


@pytest.fixture
def app(make_app, tmp_path):
    """A new app on an empty database, without tables: `flask db upgrade` makes them. The database
    is an SQLite file, or the server that TEST_DATABASE_URL names."""
    database = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'blog.sqlite'}"
    return make_app(tables=False, SQLALCHEMY_DATABASE_URI=database)


def flask_db(runner, *arguments):
    """Run `flask db ARGUMENTS` and check that it worked."""
    result = runner.invoke(args=["db", *arguments])
    assert result.exit_code == 0, f"`flask db {' '.join(arguments)}` failed:\n{result.output}"
    return result


def table_names(app) -> set[str]:
    with app.app_context():
        return set(inspect(app.extensions["sqlalchemy"].engine).get_table_names())


def schema_drift(app) -> list:
    """What `flask db migrate` would write to make the database match the models: [] for nothing."""
    db = app.extensions["sqlalchemy"]
    with app.app_context(), db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), db.metadata)


def drift_names(app) -> list[tuple[str, str]]:
    """schema_drift(), each change as its operation and the name of its table or index, sorted."""
    return sorted((operation, item.name) for operation, item in schema_drift(app))


# Up to the newest migration, the head --------------------------------------------------------


def test_upgrade_gives_exactly_the_models_schema(app, runner):
    """`flask db upgrade` on an empty database makes the models' tables, and nothing differs from them."""
    flask_db(runner, "upgrade")

    models = set(app.extensions["sqlalchemy"].metadata.tables)
    assert table_names(app) == models | {"alembic_version"}
    assert schema_drift(app) == []


def test_db_check_finds_nothing_to_migrate(app, runner):
    """After `flask db upgrade`, `flask db check` finds no change in the models that lacks a migration."""
    flask_db(runner, "upgrade")

    flask_db(runner, "check")


def test_app_works_on_the_migrated_database(app, runner, client, add_post, api_as):
    """On a migrated database the API registers, signs in, creates and lists users and posts, never
    reuses a post's id, and signs out: the revoked token is refused."""
    flask_db(runner, "upgrade")

    first = add_post("First", "Made on a migrated database.")
    author = api_as(first["author"])
    assert client.get("/api/posts").get_json() == [first]
    assert client.get("/api/users").get_json() == [first["author"]]
    assert author.delete(f"/api/posts/{first['id']}").status_code == 204
    second = add_post("Second", "After a delete.")
    assert second["id"] != first["id"]
    assert author.post("/auth/logout").status_code == 204
    assert author.get("/auth/me").status_code == 401


def test_init_db_is_gone(runner):
    """`flask init-db` no longer exists: the migrations make the tables."""
    result = runner.invoke(args=["init-db"])

    # Click's answer to a command it does not know; any other failure is not this one.
    assert result.exit_code == 2, result.output
    assert "No such command 'init-db'" in result.output


# Down, and up again --------------------------------------------------------------------------


def test_downgrade_to_base_removes_every_table(app, runner):
    """`flask db downgrade base` leaves no table but alembic_version; `flask db upgrade` works again."""
    flask_db(runner, "upgrade")

    flask_db(runner, "downgrade", "base")
    assert table_names(app) == {"alembic_version"}

    flask_db(runner, "upgrade")
    assert schema_drift(app) == []


def test_last_migration_adds_the_blocklist(app, runner):
    """The newest migration adds one table, the blocklist, and changes nothing else: one revision down
    removes that table and its indexes, and upgrade adds them again."""
    flask_db(runner, "upgrade")
    models = set(app.extensions["sqlalchemy"].metadata.tables)

    flask_db(runner, "downgrade")  # one revision down: -1
    removed = models - table_names(app)
    assert len(removed) == 1, f"one table less, not {sorted(removed)}"
    assert {(operation, table_of(item)) for operation, item in schema_drift(app)} <= {
        ("add_table", *removed),
        ("add_index", *removed),
    }, "only that table and its indexes are missing"

    flask_db(runner, "upgrade")
    assert table_names(app) == models | {"alembic_version"}
    assert schema_drift(app) == []


def table_of(item) -> str:
    """The name of a table of schema_drift(), or of an index's table."""
    return item.table.name if hasattr(item, "table") else item.name


@pytest.mark.reference
def test_the_blocklist_is_revoked_tokens(app, runner):
    """The newest migration's table is revoked_tokens, with its index on jti."""
    flask_db(runner, "upgrade")
    flask_db(runner, "downgrade")

    assert drift_names(app) == [("add_index", "ix_revoked_tokens_jti"), ("add_table", "revoked_tokens")]


def test_downgrade_and_upgrade_keep_the_data(app, runner, client, add_post):
    """Going one migration down and up again keeps the users and posts already there."""
    flask_db(runner, "upgrade")
    post = add_post()

    flask_db(runner, "downgrade")
    flask_db(runner, "upgrade")

    assert client.get("/api/posts").get_json() == [post]


# Migrations to come -------------------------------------------------------------------------

# A migration like those a later step may add: it changes one column of a table, which on SQLite
# means copying the whole table.
CHANGE_A_COLUMN = '''"""make {table}.{column} longer"""
import sqlalchemy as sa
from alembic import op

revision = "c0ffee000001"
down_revision = "{head}"


def upgrade():
    with op.batch_alter_table("{table}") as batch_op:
        batch_op.alter_column("{column}", existing_type=sa.String({length}), type_=sa.String({length} + 1))
'''


def with_a_column_change(app, tmp_path, table: str, column: str, length: int):
    """A copy of the app's migrations/ with one more migration, changing the column: its folder."""
    folder = tmp_path / "migrations"
    shutil.copytree(app.extensions["migrate"].directory, folder)
    head = ScriptDirectory(str(folder)).get_current_head()
    change = CHANGE_A_COLUMN.format(table=table, column=column, length=length, head=head)
    (folder / "versions" / "c0ffee000001_change_a_column.py").write_text(change)
    return folder


@pytest.mark.parametrize(("table", "column", "length"), [("posts", "title", 200), ("users", "email", 254)])
def test_a_migration_that_copies_a_table_never_reuses_an_id(
    app, runner, add_user, add_post, api_as, tmp_path, table, column, length
):
    """After a migration changes a column of posts or users, a new row never gets a deleted row's id."""

    def make(number: int):
        """Add a row to the table, through the API: its id, and a client that may delete it."""
        if table == "posts":
            post = add_post(f"Post {number}")
            return post["id"], api_as(post["author"])
        user = add_user(f"user{number}@example.com")
        return user["id"], api_as(user)

    flask_db(runner, "upgrade")
    make(1)
    newest, owner = make(2)
    assert owner.delete(f"/api/{table}/{newest}").status_code == 204

    migrations = with_a_column_change(app, tmp_path, table, column, length)
    flask_db(runner, "upgrade", "--directory", str(migrations))

    after_the_migration, owner = make(3)
    assert after_the_migration > newest, "the migration let the table give a deleted row's id again"
    assert owner.delete(f"/api/{table}/{after_the_migration}").status_code == 204
    assert make(4)[0] > after_the_migration, "the migrated table reuses the id of its newest row, deleted"


# This app's own migrations -------------------------------------------------------------------


@pytest.mark.reference
def test_migrations_write_what_create_all_writes(make_app, tmp_path):
    """The migrations make, statement for statement, the tables and indexes that create_all() makes."""
    migrated = make_app(tables=False, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'blog.sqlite'}")
    flask_db(migrated.test_cli_runner(), "upgrade")
    make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'create_all.sqlite'}")

    migrated = schema_sql(tmp_path / "blog.sqlite")
    created = schema_sql(tmp_path / "create_all.sqlite")

    assert {name: sql for name, sql in migrated.items() if name != "alembic_version"} == created


def schema_sql(path) -> dict[str, str]:
    """The CREATE statement of each table and index SQLite keeps in the file, by name."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
    connection.close()
    return dict(rows)


@pytest.mark.reference
def test_history_has_three_migrations(app):
    """The history, oldest first: "users and posts", "index posts by date", "revoked tokens" (the head)."""
    script = ScriptDirectory(app.extensions["migrate"].directory)

    history = [
        (revision.down_revision, revision.revision, revision.doc) for revision in script.walk_revisions()
    ]

    assert history[::-1] == [
        (None, "a75304624b6e", "users and posts"),
        ("a75304624b6e", "02453ce56322", "index posts by date"),
        ("02453ce56322", "0e6f636b322b", "revoked tokens"),
    ]


@pytest.mark.reference
def test_migrations_render_as_batch(app):
    """Migrate(render_as_batch=True): new migrations change a SQLite table by copying it."""
    assert app.extensions["migrate"].configure_args["render_as_batch"] is True


@pytest.mark.reference
def test_upgrade_leaves_the_app_logging(app, runner):
    """migrations/env.py sets up Alembic's logging without turning off the app's own logger."""
    logger = app.logger  # made now, before the upgrade, as a server's is

    flask_db(runner, "upgrade")

    assert not logger.disabled
