"""Where the posts and users are kept: a SQLite database, through Flask-SQLAlchemy.

Its tables come from the migrations in migrations/, through Flask-Migrate: `flask --app app db upgrade`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import BigInteger, Integer, MetaData, String, event
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator
from werkzeug.routing import IntegerConverter, ValidationError

# The pattern of each constraint's name, so that the database knows them as uq_users_email,
# fk_posts_author_id_users... and a later change to a table can name what it changes.
CONSTRAINT_NAMES = {
    "pk": "pk_%(table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
}

# SQLite (and PostgreSQL's BIGINT) stores whole numbers up to 2**63 - 1. Looking up a bigger id
# does not find nothing: the driver raises OverflowError.
BIGGEST_ID = 2**63 - 1

# The type of every id: BIGINT on PostgreSQL, whose INTEGER ends at 2**31 - 1. On SQLite, INTEGER,
# which holds 64 bits already; and only INTEGER PRIMARY KEY, spelt exactly so, numbers new rows.
ROW_ID = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=CONSTRAINT_NAMES)


db = SQLAlchemy(model_class=Base)

# `flask db migrate` writes each change to a table in batch mode: SQLite cannot ALTER most of a
# table, so the migration copies it into a new table that has the change.
migrate = Migrate(render_as_batch=True)


class UTCText(TypeDecorator):
    """A moment in time, kept as ISO 8601 text in UTC: "2026-11-25T09:30:00.000000+00:00".

    SQLite has no date type of its own. Written in UTC, always with microseconds, the texts sort
    in the order of the moments they stand for, and the offset is still there when read back.
    """

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> str | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError(f"{value} has no time zone, so it cannot be turned into UTC.")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


def utc_now() -> datetime:
    return datetime.now(UTC)


class RowId(IntegerConverter):
    """<id:post_id> in a URL: a whole number the database can hold, so a bigger one is a 404."""

    def __init__(self, map) -> None:
        super().__init__(map, min=1, max=BIGGEST_ID)

    def to_python(self, value: str) -> int:
        # int() refuses thousands of digits (ValueError, a 500); an id has 19 at most.
        if len(value) > len(str(BIGGEST_ID)):
            raise ValidationError()
        return super().to_python(value)


def prepare_sqlite(dbapi_connection, connection_record) -> None:
    """What each new SQLite connection needs before the app uses it."""
    # SQLite ignores foreign keys, ON DELETE CASCADE too, unless each connection turns them on.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()
    # SQLite's own lower() knows only A to Z: "ÉTÉ" would stay "ÉTÉ", and a search that ignores
    # case (lower(title) LIKE lower(words)) would find less than on PostgreSQL. Python's knows them all.
    dbapi_connection.create_function("lower", 1, lowercase, deterministic=True)


def lowercase(value):
    return value.lower() if isinstance(value, str) else value  # NULL, None here, stays NULL


def setup_database(app: Flask) -> None:
    """Connect the app to its database and give it `flask db ...` for the migrations."""
    db.init_app(app)
    migrate.init_app(app, db)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", prepare_sqlite)
