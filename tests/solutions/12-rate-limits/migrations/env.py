import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app
from sqlalchemy import Table, event

# this is the Alembic Config object, which provides
# access to the values within the .ini file in use.
config = context.config

# Interpret the config file for Python logging.
# This line sets up loggers basically.
fileConfig(config.config_file_name)
logger = logging.getLogger("alembic.env")


def get_engine():
    # Flask-SQLAlchemy 3 gives the engine as db.engine; its db.get_engine() is deprecated, and
    # the tests turn that warning into an error.
    return current_app.extensions["migrate"].db.engine


def get_engine_url():
    try:
        return get_engine().url.render_as_string(hide_password=False).replace("%", "%%")
    except AttributeError:
        return str(get_engine().url).replace("%", "%%")


# add your model's MetaData object here
# for 'autogenerate' support
# from myapp import mymodel
# target_metadata = mymodel.Base.metadata
config.set_main_option("sqlalchemy.url", get_engine_url())
target_db = current_app.extensions["migrate"].db

# other values from the config, defined by the needs of env.py,
# can be acquired:
# my_important_option = config.get_main_option("my_important_option")
# ... etc.


def get_metadata():
    if hasattr(target_db, "metadatas"):
        return target_db.metadatas[None]
    return target_db.metadata


def run_migrations_offline():
    """Run migrations in 'offline' mode.

    This configures the context with just a URL
    and not an Engine, though an Engine is acceptable
    here as well.  By skipping the Engine creation
    we don't even need a DBAPI to be available.

    Calls to context.execute() here emit the given string to the
    script output.

    """
    url = config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=get_metadata(), literal_binds=True)

    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    """Run migrations in 'online' mode.

    In this scenario we need to create an Engine
    and associate a connection with the context.

    """

    # this callback is used to prevent an auto-migration from being generated
    # when there are no changes to the schema
    # reference: http://alembic.zzzcomputing.com/en/latest/cookbook.html
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    conf_args = current_app.extensions["migrate"].configure_args
    if conf_args.get("process_revision_directives") is None:
        conf_args["process_revision_directives"] = process_revision_directives

    connectable = get_engine()

    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=get_metadata(), **conf_args)

        if connection.dialect.name == "sqlite":
            run_on_sqlite(connection)
        else:
            with context.begin_transaction():
                context.run_migrations()


def run_on_sqlite(connection):
    """Run the migrations so that no table gives out an id twice, not even one that they copy.

    To change a column, a batch migration copies the table on SQLite: a new table, the rows into it,
    the old table dropped. The new table is made from the old one as SQLAlchemy reads it back, which
    leaves out AUTOINCREMENT; and its id counter (in sqlite_sequence) starts again from the largest
    id copied, so the id of a deleted newest row would be given once more. Here, for every migration
    to come: the copy keeps AUTOINCREMENT, and each table gets its counter back.
    """
    counters = id_counters(connection)
    event.listen(Table, "column_reflect", keep_autoincrement)
    try:
        with context.begin_transaction():
            context.run_migrations()
    finally:
        event.remove(Table, "column_reflect", keep_autoincrement)
    restore_id_counters(connection, counters)
    # On SQLite, Alembic commits after each migration, and not after the last: so here.
    connection.commit()


def keep_autoincrement(inspector, table, column_info):
    """Called for each column of a table read back from the database: mark the table AUTOINCREMENT
    when its CREATE TABLE says so, and the copy of a batch migration is made AUTOINCREMENT too."""
    if "AUTOINCREMENT" in (create_table_sql(inspector.bind, table.name) or "").upper():
        table.dialect_kwargs["sqlite_autoincrement"] = True


def create_table_sql(connection, name):
    """The CREATE TABLE statement SQLite keeps for a table; None when there is no such table."""
    query = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"
    return connection.exec_driver_sql(query, (name,)).scalar()


def id_counters(connection):
    """{table: the last id it gave}, for each AUTOINCREMENT table: SQLite's sqlite_sequence."""
    if create_table_sql(connection, "sqlite_sequence") is None:  # made with the first such table
        return {}
    return dict(connection.exec_driver_sql("SELECT name, seq FROM sqlite_sequence").all())


def restore_id_counters(connection, counters):
    """Give each table the counter it had before, unless it has counted further, or is gone."""
    for name, last_id in counters.items():
        if create_table_sql(connection, name) is None:
            continue
        update = "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?"
        if connection.exec_driver_sql(update, (last_id, name)).rowcount == 0:
            # A copy with no rows has no counter yet.
            insert = "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)"
            connection.exec_driver_sql(insert, (name, last_id))


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
