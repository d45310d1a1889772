"""The database: the `db` object, the base of every model, and `migrate`, which changes its tables."""

import sqlite3
from datetime import UTC, datetime

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import BigInteger, DateTime, Engine, Integer, MetaData, event
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

# Every constraint gets a name built from its table and columns: uq_users_email, fk_posts_author_id_users.
# A migration finds a constraint by its name to change or drop it: on SQLite, a batch migration
# rebuilds the whole table, and cannot carry over a constraint that has no name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Ids are 64-bit whole numbers: PostgreSQL's BIGINT (its INTEGER stops at 2,147,483,647). SQLite's
# INTEGER is 64-bit already, and only a column declared exactly INTEGER PRIMARY KEY numbers new
# rows by itself, so SQLite keeps that type.
ID = BigInteger().with_variant(Integer, "sqlite")

# The largest id either database can hold. Asking it for a bigger one fails, a 500, instead of
# finding nothing: so the app answers 404 (in a URL) or 400 (in a body) without asking.
LARGEST_ID = 2**63 - 1


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)

# `flask db ...`: the migrations in migrations/ create and change the tables. SQLite cannot
# ALTER most of a table, so render_as_batch writes each change as "copy the table, changed".
migrate = Migrate(render_as_batch=True)


class UTCDateTime(TypeDecorator):
    """A date and time stored in UTC, and read back with its time zone.

    SQLite has no type for a date with a time zone: it stores the text "2026-11-25 09:30:00" and
    gives back a datetime without one, whose isoformat() has no "+00:00". So this type turns every
    datetime into UTC before storing it, and marks what it reads back as UTC.
    """

    impl = DateTime
    cache_ok = True  # the type holds no state, so SQLAlchemy may cache statements that use it

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("A datetime without a time zone could be anywhere: give it one.")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


@event.listens_for(Engine, "connect")
def lower_all_of_unicode_on_sqlite(connection, connection_record) -> None:
    """Give SQLite Python's lower(), which knows every alphabet, as PostgreSQL's does.

    SQLite's own lower() changes only A to Z, so a search for "été" would miss "Été" on SQLite and
    find it on PostgreSQL. Case-insensitive searches compare lower(column) with lower(words).
    """
    if isinstance(connection, sqlite3.Connection):
        connection.create_function("lower", 1, lower_text, deterministic=True)


def lower_text(value):
    return value.lower() if isinstance(value, str) else value
