"""The database: the `db` object, the base of every model, and `migrate`, which changes its tables."""

from datetime import UTC, datetime

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, MetaData
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

# The largest whole number a row's id can be (SQLite's INTEGER, PostgreSQL's BIGINT). Asking the
# database for a bigger one raises OverflowError, a 500, instead of finding nothing.
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
