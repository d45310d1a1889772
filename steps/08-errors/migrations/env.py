"""How Alembic reaches the database: through the app that `flask db ...` builds.

`flask db init` wrote this file; it is tidied here. Flask-Migrate runs it for every `flask db`
command, inside an app context, so the database and the models are the app's own.
"""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

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
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
