"""Helpers for the notebooks: run a step's app as a real server and talk to it over HTTP.

    from helpers import start_app

    app = start_app("02")  # flask --app app run, inside steps/02-requests
    response = app.post("/api/posts", json={"title": "Hello", "content": "My first post."})
    print(response.json()["id"])
    app.stop()

Each request prints what happened: the curl command that sends it, the request as it was
sent, then the response, much as `curl -i` would show it. It gives back the
`requests.Response`, so a cell can use `response.json()` or `response.headers` afterwards.
JSON bodies are shown indented, one key a line, to be read easily; what travels over the
wire may be on one line.

Each app runs on a fresh temporary instance: a step with a database gets a new, empty one
in a temporary folder, which is deleted when the app stops. From step 05 on, the app's
database can be read too:

    app.sql("SELECT id, email FROM users")  # the rows, as a table
    app.schema()  # the tables, as SQL
    app.flask("db", "current")  # a `flask` command, on the same database
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import shlex
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qsl

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import workbook  # what the workbook knows about its steps, shared with noxfile.py

HOST = "127.0.0.1"
START_TIMEOUT = 15  # seconds the server has to start answering
REQUEST_TIMEOUT = 10  # seconds one request may take
LONGEST_CURL_BODY = 200  # characters of a request body shown in the curl command
SHOWN_LINES = 40  # lines shown of a text body (or of an HTML page without <main>)
LONGEST_LINE = 120  # characters shown of one line of a request body
LONGEST_HEADER = 60  # characters shown of a request header's value (a long token, say)
LONGEST_CELL = 50  # characters shown of one value in a table of rows (a password's hash, say)

# The request headers worth reading: what the body is, who is asking, and from where.
SHOWN_REQUEST_HEADERS = {"content-type", "authorization", "origin", "cookie"}

# The response headers worth reading. The others (Date, Server, Content-Length...) are left out.
SHOWN_HEADERS = {
    "content-type",
    "location",
    "allow",
    "set-cookie",
    "x-total-count",
    "link",
    "www-authenticate",
    "retry-after",
}
SHOWN_HEADER_PREFIXES = ("access-control-", "x-ratelimit-")


class AppDidNotStart(RuntimeError):
    """The server stopped, or never answered, while starting. The message holds what it printed."""


def start_app(
    step: str, env: dict[str, str | None] | None = None, target: str = "app", debug: bool = True
) -> App:
    """Start a step's app as a real server, the same as `flask --app app run --debug` in the step's folder.

    step:   "01", "02"... (or the folder's full name, "02-requests").
    env:    extra environment variables for the server; a value of None removes a variable.
    target: what to give `flask --app`, for example "app:create_app('production')".
    debug:  run in debug mode, as you would while developing; give False for production settings.

    The server listens on a free port of 127.0.0.1, so it never clashes with another one.
    A step with a database gets a new, empty one in a temporary folder, set up before the server
    starts. The server is stopped, and the folder deleted, when you call app.stop(), or at the
    latest when the notebook's kernel stops.
    """
    folder = find_step_folder(step)
    port = free_port()
    scratch = Path(tempfile.mkdtemp(prefix="workbook-app-"))
    database_env, setup_commands = workbook.database_setup(workbook.Step(folder), scratch)
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", **database_env}
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    for setup in setup_commands:  # for example: flask --app app db upgrade
        done = subprocess.run(
            [sys.executable, "-m", *setup], cwd=folder, env=environment, capture_output=True, text=True
        )
        if done.returncode != 0:
            shutil.rmtree(scratch, ignore_errors=True)
            raise AppDidNotStart(f"`{' '.join(setup)}` failed. It printed:\n\n{done.stdout}{done.stderr}")
    # --no-reload: the reloader would run the app in a second process, which stop() cannot reach.
    debug_options = ["--debug", "--no-reload"] if debug else []
    options = [*debug_options, "--host", HOST, "--port", str(port)]
    command = [sys.executable, "-m", "flask", "--app", target, "run", *options]
    # What the server prints goes to a file, as it would go to a terminal. The file lives as
    # long as the App; append mode keeps our reads from getting in the way of its writes.
    output = tempfile.TemporaryFile(mode="a+b")  # noqa: SIM115
    process = subprocess.Popen(command, cwd=folder, env=environment, stdout=output, stderr=subprocess.STDOUT)
    database = sqlite_file(environment.get("FLASK_SQLALCHEMY_DATABASE_URI"), folder) if database_env else None
    app = App(folder, f"http://{HOST}:{port}", process, output, scratch, command, environment, database)
    atexit.register(app.stop)
    app.wait_until_ready()
    shown_target = target if target.isidentifier() else f'"{target}"'
    shown_command = f"flask --app {shown_target} run{' --debug' if debug else ''} --port {port}"
    print(f"Serving {folder.relative_to(ROOT).as_posix()} at {app.url}  ({shown_command})")
    return app


class App:
    """A step's app, running as a server in the background."""

    def __init__(
        self,
        folder: Path,
        url: str,
        process: subprocess.Popen,
        output,
        scratch: Path | None = None,
        command: list[str] | None = None,
        environment: dict[str, str] | None = None,
        database: Path | None = None,
    ) -> None:
        self.folder = folder  # the step's folder, for example steps/02-requests
        self.url = url  # for example http://127.0.0.1:54321
        self.process = process
        self.database = database  # the SQLite file the app uses, if it has one
        self._output = output
        self._scratch = scratch  # the temporary folder holding this run's database, if any
        self._command = command  # what started the server, for restart()
        self._environment = environment  # the server's environment, for restart() and flask()
        self._stopped = False  # stop() deletes the database: no restart() after it
        self.session = requests.Session()  # keeps cookies from one request to the next
        self.session.trust_env = False  # talk to 127.0.0.1 directly, never through a proxy

    def __repr__(self) -> str:
        state = "running" if self.process.poll() is None else "stopped"
        return f"<App {self.folder.relative_to(ROOT).as_posix()} at {self.url}, {state}>"

    # Requests ----------------------------------------------------------------

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        """Send METHOD path to the app, print the request and the response, give back the response.

        kwargs are those of requests: json=..., data=..., params=..., headers=...
        Redirects are not followed, so that you see them; allow_redirects=True follows them.
        """
        allow_redirects = kwargs.pop("allow_redirects", False)
        prepared = self.session.prepare_request(requests.Request(method, self.url + path, **kwargs))
        print("$ " + as_curl(prepared, self.session.headers, allow_redirects))
        print_request(prepared)
        response = self.session.send(prepared, allow_redirects=allow_redirects, timeout=REQUEST_TIMEOUT)
        for redirect, followed in pairwise([*response.history, response]):
            print_status_and_headers(redirect)
            print(f"{followed.request.method} {followed.request.path_url}")
        print_status_and_headers(response)
        body = body_as_text(response)
        if body:
            print()
            print(body)
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs) -> requests.Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def head(self, path: str, **kwargs) -> requests.Response:
        return self.request("HEAD", path, **kwargs)

    def options(self, path: str, **kwargs) -> requests.Response:
        return self.request("OPTIONS", path, **kwargs)

    # The server process --------------------------------------------------------

    def output(self) -> str:
        """Everything the server has printed so far: what you would read in its terminal."""
        self._output.seek(0)
        return self._output.read().decode("utf-8", errors="replace")

    def sql_statements(self, since: int = 0) -> list[str]:
        """The SQL statements the server logged (with FLASK_SQLALCHEMY_ECHO=1) after the first
        `since` characters of its output, each with its values, without the log's dates and timings."""
        # Each log line starts with its date and the logger; a long statement goes on over the next lines.
        log = self.output()[since:]
        entries = re.split(r"^\S+ \S+ INFO sqlalchemy\.engine\.Engine ", log, flags=re.MULTILINE)[1:]
        statements = []
        for entry in (" ".join(entry.split()) for entry in entries):
            if entry.startswith("["):  # "[generated in 0.0001s] (20, 0)": the values of the statement before
                statements[-1] += "\n    values: " + entry.split("] ", 1)[1]
            elif entry.split()[0] in ("SELECT", "INSERT", "UPDATE", "DELETE"):
                statements.append(entry)
        return statements

    def wait_until_ready(self) -> None:
        """Wait until the server accepts connections; raise AppDidNotStart if it never does."""
        port = int(self.url.rsplit(":", 1)[1])
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                self.stop()
                raise AppDidNotStart(
                    f"The server stopped (exit code {self.process.returncode}) before answering."
                    f" It printed:\n\n{self.output()}"
                )
            try:
                with socket.create_connection((HOST, port), timeout=0.5):
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise AppDidNotStart(
                    f"The server did not answer on {self.url} within {START_TIMEOUT} s."
                    f" It printed:\n\n{self.output()}"
                )
            time.sleep(0.1)

    def stop(self) -> None:
        """Stop the server (Ctrl+C in its terminal, so to speak). Calling it twice is fine."""
        self._stop_process()
        self._stopped = True
        self.session.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
        atexit.unregister(self.stop)

    def restart(self) -> None:
        """Stop the server and start it again, the same way, on the same port and the same database.

        What the app kept in memory is gone; what it wrote to its database is not.
        """
        if self._command is None or self._stopped:
            raise RuntimeError("This app was stopped for good: start a new one with start_app().")
        self._stop_process()
        self.process = subprocess.Popen(
            self._command,
            cwd=self.folder,
            env=self._environment,
            stdout=self._output,
            stderr=subprocess.STDOUT,
        )
        self.wait_until_ready()
        print(f"Restarted {self.folder.relative_to(ROOT).as_posix()} at {self.url}")

    def _stop_process(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    # The database ----------------------------------------------------------------

    def sql(self, query: str, *params) -> list[tuple]:
        """Run a query that reads the database, print its rows as a table, give them back as tuples.

            app.sql("SELECT id, email FROM users WHERE id = ?", 1)

        The database is opened read-only: the app alone writes to it. Long values are cut short in
        the table, not in the rows given back.
        """
        with contextlib.closing(self._read_only_connection()) as connection:
            cursor = connection.execute(query, params)
            columns = [column[0] for column in cursor.description or []]
            rows = cursor.fetchall()
        print(as_table(columns, rows))
        return rows

    def schema(self) -> dict[str, list[str]]:
        """Print how the database defines each table (columns, constraints) and its indexes, as SQL.

        This is what `sqlite3 blog.sqlite .schema` shows. Gives back, for each table, the names of its
        constraints and indexes: {"users": ["uq_users_email"], ...} (a primary key written inside its
        column, as AUTOINCREMENT needs, has no name). SQLite's own tables, such as sqlite_sequence,
        are left out.
        """
        with contextlib.closing(self._read_only_connection()) as connection:
            tables = connection.execute(
                "SELECT name, sql FROM sqlite_master"
                " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"
            ).fetchall()
            names = {}
            for table, create_table in tables:
                print(readable_sql(create_table) + ";")
                names[table] = re.findall(r'CONSTRAINT\s+"?(\w+)"?', create_table)
                indexes = connection.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
                    " AND sql IS NOT NULL ORDER BY name",  # SQLite's own indexes have no sql
                    (table,),
                ).fetchall()
                for index, create_index in indexes:
                    print(readable_sql(create_index) + ";")
                    names[table].append(index)
                print()
        return {table: sorted(found) for table, found in names.items()}

    def flask(self, *args: str) -> subprocess.CompletedProcess:
        """Run `flask --app app --debug ARGS...` in the step's folder, on the app's database.

            app.flask("db", "current")

        It has the server's environment, so it works on the same database. Prints the command and
        what it printed; gives back the finished process, whose .returncode is 0 if it succeeded
        and whose .stdout holds what it printed.
        """
        command = ["flask", "--app", "app", "--debug", *args]
        print("$ " + " ".join(shlex.quote(word) for word in command))
        # stderr into stdout: the lines come in the order a terminal would show them.
        done = subprocess.run(
            [sys.executable, "-m", *command],
            cwd=self.folder,
            env=self._environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        print(done.stdout.rstrip("\n"))
        if done.returncode != 0:
            print(f"(exit code {done.returncode})")
        return done

    def _read_only_connection(self) -> sqlite3.Connection:
        if self.database is None:
            raise RuntimeError(f"{self.folder.name} has no SQLite database.")
        if not self.database.is_file():
            raise RuntimeError(f"There is no database at {self.database} (any more).")
        # mode=ro: the file is opened for reading only; a write raises sqlite3.OperationalError.
        return sqlite3.connect(f"{self.database.as_uri()}?mode=ro", uri=True)


# Finding the step and a port ------------------------------------------------------


def find_step_folder(step: str) -> Path:
    """steps/02-requests for "02", "2" or "02-requests"; final/ for "final"."""
    return workbook.find_step(step).path


def free_port() -> int:
    """A port nobody listens on: the system picks one when we ask for port 0."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def sqlite_file(url: str | None, folder: Path) -> Path | None:
    """The file of a SQLAlchemy URL such as sqlite:////tmp/x/blog.sqlite; None for any other database.

    Flask-SQLAlchemy puts a relative file, sqlite:///blog.sqlite, in the instance folder of the app
    in the step's folder.
    """
    if not url or not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return None
    path = Path(url.removeprefix("sqlite:///").split("?", 1)[0])
    return path if path.is_absolute() else folder / "instance" / path


# Showing rows and the schema ------------------------------------------------------


def as_table(columns: list[str], rows: list[tuple]) -> str:
    """Rows as an aligned table under their column names, NULL for None, and how many rows."""
    cells = [[shortened(cell_text(value), LONGEST_CELL) for value in row] for row in rows]
    widths = [max(len(text) for text in column) for column in zip(columns, *cells, strict=True)]
    lines = [
        "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip()
        for line in [columns, ["-" * width for width in widths], *cells]
    ]
    count = f"({len(rows)} row{'' if len(rows) == 1 else 's'})"
    return "\n".join([*lines, count]) if columns else count


def cell_text(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bytes):
        return f"({len(value)} bytes)"
    return str(value).replace("\n", "\\n")


def readable_sql(statement: str) -> str:
    """A CREATE statement as SQLite keeps it, with tabs as spaces and no spaces at the ends of lines."""
    return "\n".join(line.rstrip().expandtabs(4) for line in statement.strip().splitlines())


# Showing requests and responses ---------------------------------------------------


def as_curl(request: requests.PreparedRequest, default_headers, follow_redirects: bool = False) -> str:
    """The curl command that sends the same request."""
    words = ["curl", "-I" if request.method == "HEAD" else "-i"]
    if follow_redirects:
        words.append("-L")
    if request.method not in ("GET", "HEAD"):
        words += ["-X", request.method]
    words.append(request.url)
    for name, value in request.headers.items():
        if name.lower() == "content-length" or default_headers.get(name) == value:
            continue  # curl works these out itself
        if name.lower() == "content-type" and value == "application/x-www-form-urlencoded":
            continue  # what curl -d sends anyway
        words += ["-H", f"{name}: {value}"]
    note = ""
    if request.body:
        body = request.body
        body = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
        if len(body) > LONGEST_CURL_BODY:
            note = f"  # body shortened here: it has {len(body):,} characters"
            body = body[:60] + "…"
        words += ["-d", body]
    return " ".join(shlex.quote(word) for word in words) + note


def print_request(request: requests.PreparedRequest) -> None:
    """The request as it was sent: method and path, the headers worth reading, then the body."""
    print(f"{request.method} {request.path_url}")
    for name, value in request.headers.items():
        if name.lower() in SHOWN_REQUEST_HEADERS:
            print(f"  {name}: {shortened(value, LONGEST_HEADER)}")
    body = request_body_as_text(request)
    if body:
        print()
        print(body)
    print()


def request_body_as_text(request: requests.PreparedRequest) -> str:
    """A request's body, made easy to read: JSON indented, form fields one per line as key=value."""
    if not request.body:
        return ""
    body = request.body
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    kind = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind == "application/json" or kind.endswith("+json"):
        # Not JSON after all (on purpose, in some cells)? Then it is shown as it is.
        with contextlib.suppress(ValueError):
            body = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    elif kind == "application/x-www-form-urlencoded":
        body = "\n".join(f"{key}={value}" for key, value in parse_qsl(body, keep_blank_values=True))
    elif kind.startswith("multipart/"):
        return f"({len(request.body):,} bytes of {kind})"
    lines = [shortened(line, LONGEST_LINE) for line in body.splitlines()]
    return first_lines("\n".join(lines))


def shortened(text: str, longest: int) -> str:
    """text, cut short if it is longer than longest characters, saying how long it was."""
    if len(text) <= longest:
        return text
    return f"{text[: longest - 20]}… ({len(text):,} characters)"


def print_status_and_headers(response: requests.Response) -> None:
    print(f"→ {response.status_code} {response.reason}")
    for name, value in response.headers.items():
        if name.lower() in SHOWN_HEADERS or name.lower().startswith(SHOWN_HEADER_PREFIXES):
            print(f"  {name}: {value}")


def body_as_text(response: requests.Response) -> str:
    """The body, made easy to read: JSON indented, HTML trimmed to its <main>, nothing if empty."""
    if not response.content:
        return ""
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind == "application/json" or kind.endswith("+json"):
        try:
            return json.dumps(response.json(), indent=2, ensure_ascii=False)
        except ValueError:
            return first_lines(response.text)  # says it is JSON, but is not
    if kind == "text/html":
        return trim_html(response.text)
    if kind.startswith("text/"):
        return first_lines(response.text)
    return f"({len(response.content)} bytes of {kind or 'data'})"


def trim_html(html: str) -> str:
    """The page's <main> part if it has one, else its first lines."""
    main = re.search(r"<main[^>]*>(.*?)</main>", html, flags=re.DOTALL | re.IGNORECASE)
    if not main:
        return first_lines(html)
    title = re.search(r"<title>(.*?)</title>", html, flags=re.DOTALL | re.IGNORECASE)
    lines = [line.rstrip() for line in textwrap.dedent(main.group(1)).splitlines()]
    content = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    name = f' "{title.group(1).strip()}"' if title else ""
    return f"(the <main> of the page{name}; the whole page is in response.text)\n{content}"


def first_lines(text: str, count: int = SHOWN_LINES) -> str:
    lines = text.strip("\n").splitlines()
    if len(lines) <= count:
        return "\n".join(lines)
    return "\n".join([*lines[:count], f"… ({len(lines) - count} more lines in response.text)"])
