"""The PostgreSQL server of `nox -s postgres`: can the tests use it, and emptying its database.

    python tools/postgres.py usable   # quiet if they can; else one line why not (exit 1: no login,
                                      # exit 2: a database that cannot hold their text)
    python tools/postgres.py empty    # drops everything in the database: tables, types, sequences

The database is $WORKBOOK_POSTGRES_URL, as SQLAlchemy reads it:
postgresql+psycopg://user:password@host:port/database. This runs in the session's virtualenv,
which has psycopg.
"""

from __future__ import annotations

import os
import sys

import psycopg

CONNECT_TIMEOUT = 5  # seconds a server has to answer
CANNOT_CONNECT, WRONG_DATABASE = 1, 2


def libpq_url(url: str) -> str:
    """postgresql+psycopg://... as psycopg reads it: postgresql://... (the driver is SQLAlchemy's part)."""
    scheme, rest = url.split("://", 1)
    return f"{scheme.split('+', 1)[0]}://{rest}"


def usable(url: str) -> int:
    """0 when the tests can use the database; else print why not and give an exit status."""
    try:
        # client_encoding: text as str, even from a SQL_ASCII database, which has no encoding.
        with psycopg.connect(
            libpq_url(url), connect_timeout=CONNECT_TIMEOUT, client_encoding="UTF8"
        ) as connection:
            encoding, ctype = connection.execute(
                "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database"
                " WHERE datname = current_database()"
            ).fetchone()
    except psycopg.Error as error:
        print(one_line(error))
        return CANNOT_CONNECT
    # Searching posts ignores case in every language (?q=été finds "Été") only with a UTF-8 ctype.
    if encoding != "UTF8" or ctype in ("C", "POSIX"):
        print(
            f"its database has encoding {encoding} and ctype {ctype}; the steps need UTF8 and a UTF-8"
            " ctype: CREATE DATABASE ... TEMPLATE template0 ENCODING 'UTF8'"
            " LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
        return WRONG_DATABASE
    return 0


def empty(url: str) -> int:
    """Drop everything in the database's schema `public`, then make the schema again, empty."""
    with psycopg.connect(libpq_url(url), connect_timeout=CONNECT_TIMEOUT, autocommit=True) as connection:
        connection.execute("DROP SCHEMA IF EXISTS public CASCADE")
        connection.execute("CREATE SCHEMA public")
    return 0


def one_line(error: Exception) -> str:
    """psycopg's message, on one line: it spreads a refused connection over several."""
    return " ".join(str(error).split())


COMMANDS = {"usable": usable, "empty": empty}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS or "WORKBOOK_POSTGRES_URL" not in os.environ:
        sys.exit(__doc__)
    sys.exit(COMMANDS[sys.argv[1]](os.environ["WORKBOOK_POSTGRES_URL"]))
