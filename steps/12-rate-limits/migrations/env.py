"""How Alembic reaches the database: through the app that `flask db ...` builds.

`flask db init` wrote this file; it is tidied here. Flask-Migrate runs it for every `flask db`
command, inside an app context, so the database and the models are the app's own.
"""

import logging
from contextlib import contextmanager
from logging.config import fileConfig

from alembic import context
from flask import current_app
from sqlalchemy import Table, event

config = context.config  # the settings in alembic.ini

# Log as alembic.ini says. disable_existing_loggers=False leaves the loggers that already exist
# working, the app's among them: the tests run `flask db upgrade` in the process that serves them.
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

migrate = current_app.extensions["migrate"]  # what migrate.init_app(app, db) keeps
db = migrate.db
# The app's database URL. alembic.ini's values treat % as special, so each % is written %%.
config.set_main_option(
    "sqlalchemy.url", db.engine.url.render_as_string(hide_password=False).replace("%", "%%")
)


def run_migrations_offline():
    """`flask db upgrade --sql`: print the SQL instead of running it, without a connection."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), target_metadata=db.metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    """Run the migrations on a connection to the app's database."""

    def process_revision_directives(context, revision, directives):
        # `flask db migrate` with no change in the models writes no empty migration.
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    # Migrate(render_as_batch=True) and any other option given to Flask-Migrate.
    configure_args = {"process_revision_directives": process_revision_directives, **migrate.configure_args}

    with db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=db.metadata, **configure_args)
        with context.begin_transaction(), sqlite_ids_never_reused(connection):
            context.run_migrations()


@contextmanager
def sqlite_ids_never_reused(connection):
    """Keep every migration, now and to come, from letting SQLite reuse an id.

    To change a column, a batch migration on SQLite copies the table: a new table, changed, with
    the rows, then the old one dropped. The copy loses AUTOINCREMENT, and its id counter starts
    again at the largest id copied: the id of a deleted newest row would be given out again. So
    the copy keeps AUTOINCREMENT, and each table's counter is put back where it was.
    """
    if connection.dialect.name != "sqlite":
        yield  # PostgreSQL changes a table in place: its sequences stay as they were
        return
    counters = id_counters(connection)
    event.listen(Table, "column_reflect", keep_autoincrement)
    try:
        yield
    finally:
        event.remove(Table, "column_reflect", keep_autoincrement)
    for table, counter in counters.items():
        restore_id_counter(connection, table, counter)
    # On SQLite, Alembic commits each migration on its own, and nothing after the last: this must be.
    connection.commit()


def keep_autoincrement(inspector, table, column_info):
    """While a batch migration reads a table (for each column), mark it AUTOINCREMENT if it was:
    Alembic gives the copy the table's own options."""
    sql = table_sql(inspector.bind, table.name)
    if sql and "AUTOINCREMENT" in sql.upper():
        table.dialect_kwargs["sqlite_autoincrement"] = True


def table_sql(connection, name: str) -> str | None:
    """The CREATE TABLE statement SQLite keeps for the table, or None if there is no such table."""
    query = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"
    return connection.exec_driver_sql(query, (name,)).scalar()


def id_counters(connection) -> dict[str, int]:
    """The largest id each AUTOINCREMENT table has ever given, by table: SQLite's sqlite_sequence."""
    if table_sql(connection, "sqlite_sequence") is None:  # made with the first AUTOINCREMENT table
        return {}
    return dict(connection.exec_driver_sql("SELECT name, seq FROM sqlite_sequence").all())


def restore_id_counter(connection, table: str, counter: int) -> None:
    """Put the table's id counter back to `counter`, unless it has gone further or the table is gone."""
    if table_sql(connection, table) is None:
        return
    now = connection.exec_driver_sql("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).scalar()
    connection.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
    insert = "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)"
    connection.exec_driver_sql(insert, (table, max(counter, now or 0)))


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
