"""The log: one line for each request, and a request id that ties together the line, the answer
(its X-Request-ID header) and the traceback of an unexpected error.

The tests read the log as pytest's caplog keeps it: one record for each line the app logs.
"""

import logging
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import assert_json_error, describe

SECRET = "a detail only the log may show"
SECRET_KEY = "a-secret-for-tests-only-0123456789abcdef"  # long enough for production
SECRETS = {"SECRET_KEY": SECRET_KEY, "JWT_SECRET_KEY": "a-jwt-secret-for-tests-only-0123456789abcdef"}
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*ms\b")  # "3.2ms", "12 ms"


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """The log and the request ids are the same under the testing and the production settings."""
    return request.param


@pytest.fixture
def log(caplog):
    """pytest's caplog, keeping every record of level INFO and above."""
    caplog.set_level(logging.INFO)
    return caplog


def holds(record: logging.LogRecord, text: str) -> bool:
    """Whether a log record holds this text: in its message, or in one of its fields (extra=...)."""
    return text in record.getMessage() or any(text in str(value) for value in vars(record).values())


def request_lines(log, request_id: str) -> list[logging.LogRecord]:
    """The records that hold this request id and a duration in ms: the request's line."""
    return [
        record for record in log.records if holds(record, request_id) and DURATION.search(record.getMessage())
    ]


def the_line(log, request_id: str) -> logging.LogRecord:
    """The one line logged for the request with this id."""
    found = request_lines(log, request_id)
    logged = [record.getMessage() for record in log.records]
    assert len(found) == 1, f"one line for the request {request_id!r}, with its duration in ms: {logged}"
    return found[0]


def says(message: str, word: str) -> bool:
    """Whether the message has this word (a method, a path, a status) on its own, not inside another."""
    return re.search(rf"(?<![\w/]){re.escape(word)}(?![\w/])", message) is not None


def duration_of(line: logging.LogRecord) -> float:
    """The duration the line gives, in milliseconds."""
    return float(DURATION.search(line.getMessage()).group(1))


# One line for each request ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("GET", "/api/posts", None, 200),
        ("POST", "/auth/register", {"email": "ada@example.com", "password": "correct horse"}, 201),
        ("POST", "/auth/register", {"email": "ada"}, 400),
        ("POST", "/auth/login", {"email": "nobody@example.com", "password": "correct horse"}, 401),
        ("GET", "/api/posts/42", None, 404),
        ("DELETE", "/api/posts", None, 405),
        ("POST", "/auth/login", None, 415),
        ("GET", "/", None, 200),
        ("GET", "/posts/42", None, 404),
    ],
)
def test_each_request_logs_one_line(client, log, method, path, body, status):
    """Each request logs one INFO line that says its method, path, status and duration in ms, with its id."""
    response = client.open(path, method=method, json=body, headers={"X-Request-ID": "request-1"})

    assert response.status_code == status, describe(response)
    line = the_line(log, "request-1")
    message = line.getMessage()
    assert line.levelno == logging.INFO, message
    assert says(message, method), f"the line names the method {method}: {message!r}"
    assert says(message, path), f"the line names the path {path}: {message!r}"
    assert says(DURATION.sub("", message), str(status)), f"the line names the status {status}: {message!r}"
    assert duration_of(line) >= 0


@pytest.mark.own_app
def test_duration_is_in_milliseconds(app, client, log):
    """A request that takes 50 ms logs a duration of 50 ms or a little more."""

    @app.get("/api/slow")
    def slow():
        time.sleep(0.05)
        return {"slept": "50 ms"}

    client.get("/api/slow", headers={"X-Request-ID": "slow-1"})

    assert 50 <= duration_of(the_line(log, "slow-1")) < 5000


def test_a_newline_in_the_path_cannot_split_the_line(client, log):
    """A path with a newline in it (%0A) is logged on one line: no record of the request holds a newline."""
    response = client.get("/api/posts%0AINFO%20app.requests:%20forged", headers={"X-Request-ID": "path-1"})

    assert_json_error(response, 404, "not_found")
    the_line(log, "path-1")
    for record in log.records:
        assert not re.search(r"[\r\n]", record.getMessage()), record.getMessage()


def handlers_reached(logger_name: str) -> list[logging.Handler]:
    """The handlers that a record of this logger reaches, pytest's own left out: each writes a line."""
    found, logger = [], logging.getLogger(logger_name)
    while logger is not None:
        found += [
            handler for handler in logger.handlers if not type(handler).__module__.startswith("_pytest")
        ]
        logger = logger.parent if logger.propagate else None
    return found


def test_building_apps_adds_no_log_handler(make_app, config_name, log):
    """Building more apps adds no log handler: a request is still logged once, never twice."""
    first = make_app(config_name, **SECRETS)
    first.test_client().get("/api/posts", headers={"X-Request-ID": "first-app"})
    loggers = {the_line(log, "first-app").name, first.logger.name}
    handlers = {name: handlers_reached(name) for name in loggers}

    for n in range(3):
        more = make_app(config_name, **SECRETS)
        more.test_client().get("/api/posts", headers={"X-Request-ID": f"app-{n}"})
        the_line(log, f"app-{n}")

    assert {name: handlers_reached(name) for name in loggers} == handlers


# The request id -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "request_id", ["7", "abc-123", "req_1.2", "A" * 64, "0f8fad5b-d9cb-469f-a165-70867728950e"]
)
def test_a_safe_request_id_is_kept(client, log, request_id):
    """An X-Request-ID of 1 to 64 letters, digits, "-", "_" and "." is logged, and sent back in the answer."""
    response = client.get("/api/posts", headers={"X-Request-ID": request_id})

    assert response.headers.get("X-Request-ID") == request_id, describe(response)
    the_line(log, request_id)


@pytest.mark.parametrize(
    "request_id",
    [
        "",
        "a" * 65,
        "two words",
        "abc\nINFO app.requests: GET /api/forged 200 1.0ms",
        "abc\rforged",
        "ünïcode",
        'abc"def',
        "abc;def",
        "abc/def",
    ],
    ids=[
        "empty",
        "65 characters",
        "a space",
        "a newline",
        "a carriage return",
        "non-ASCII",
        "quote",
        ";",
        "/",
    ],
)
def test_an_unsafe_request_id_is_replaced(client, log, request_id):
    """An X-Request-ID that is empty, over 64 characters or has other characters is replaced by a new one."""
    # environ_overrides sends the header as it is: Werkzeug's test client would refuse a newline.
    response = client.get("/api/posts", environ_overrides={"HTTP_X_REQUEST_ID": request_id})

    new = response.headers.get("X-Request-ID", "")
    assert SAFE_ID.fullmatch(new), f"X-Request-ID: {new!r}"
    assert new != request_id
    the_line(log, new)
    if request_id:
        assert not any(holds(record, request_id) for record in log.records), "the unsafe id was logged"


def test_a_request_id_is_made_when_none_is_sent(client, log):
    """Without X-Request-ID, each answer gets a new, safe one in X-Request-ID, and its line has it."""
    ids = [client.get("/api/posts").headers.get("X-Request-ID", "") for _ in range(2)]

    for request_id in ids:
        assert SAFE_ID.fullmatch(request_id), f"X-Request-ID: {request_id!r}"
        the_line(log, request_id)
    assert ids[0] != ids[1]


@pytest.mark.own_app
def test_every_answer_has_a_request_id(app, client, log, add_user, accounts):
    """Every answer carries X-Request-ID: pages, JSON, 201, 204, redirects, every error (400 to 415, 500)."""

    @app.get("/api/boom")
    def boom():
        raise RuntimeError(SECRET)

    ada = add_user("ada@example.com")  # user 1, signed in; grace is user 2
    as_ada = {"environ_overrides": {"HTTP_AUTHORIZATION": f"Bearer {accounts.sign_in(ada)['access_token']}"}}
    grace = {"email": "grace@example.com", "password": "correct horse"}
    requests = [
        ("GET", "/", {}, 200),
        ("GET", "/api/posts", {}, 200),
        ("POST", "/auth/register", {"json": grace}, 201),
        ("POST", "/auth/login", {"json": grace}, 200),
        ("GET", "/auth/me", {}, 401),
        ("DELETE", "/api/users/2", as_ada, 403),
        ("DELETE", "/api/users/1", as_ada, 204),
        ("POST", "/auth/register", {"json": {}}, 400),
        ("GET", "/api/users/1", {}, 404),
        ("GET", "/no-such-page", {}, 404),
        ("DELETE", "/api/users", {}, 405),
        (
            "POST",
            "/auth/register",
            {"data": "{}" + " " * (1024 * 1024), "content_type": "application/json"},
            413,
        ),
        ("POST", "/auth/register", {"data": grace}, 415),
        ("POST", "/login", {"data": grace}, 400),  # a form without its CSRF token
        ("GET", "/posts/new", {}, 302),  # to the login page
        ("GET", "/api/boom", {}, 500),
    ]

    for number, (method, url, request, status) in enumerate(requests):
        request_id = f"answer-{number}"
        response = client.open(url, method=method, headers={"X-Request-ID": request_id}, **request)
        assert response.status_code == status, describe(response)
        assert response.headers.get("X-Request-ID") == request_id, f"{method} {url}: {describe(response)}"
        assert says(the_line(log, request_id).getMessage(), str(status))


# An unexpected error ------------------------------------------------------------------------


@pytest.mark.own_app
def test_an_unexpected_error_is_logged_with_its_request_id(app, client, log):
    """A 500's traceback is logged with the request's id; the answer, with that id, shows none of it."""

    @app.get("/api/boom")
    def boom():
        raise RuntimeError(SECRET)

    response = client.get("/api/boom", headers={"X-Request-ID": "boom-1"})

    assert_json_error(response, 500, "internal_server_error")
    assert response.headers.get("X-Request-ID") == "boom-1"
    assert SECRET not in response.get_data(as_text=True)
    assert SECRET not in str(response.headers)
    tracebacks = [record for record in log.records if record.exc_info and SECRET in str(record.exc_info[1])]
    assert tracebacks, "the traceback is logged"
    assert all(holds(record, "boom-1") for record in tracebacks), "the traceback's record has the request id"
    assert says(the_line(log, "boom-1").getMessage(), "500")


# This app's own log ----------------------------------------------------------------------------


@pytest.mark.reference
def test_request_line_record(client, log):
    """The line is "GET /api/posts 200 3.2ms" from the logger app.requests, with the id as request_id."""
    client.get("/api/posts", headers={"X-Request-ID": "exact-1"})

    line = the_line(log, "exact-1")
    assert (line.name, line.levelname, line.request_id) == ("app.requests", "INFO", "exact-1")
    assert re.fullmatch(r"GET /api/posts 200 \d+\.\dms", line.getMessage()), line.getMessage()
    assert line.args[:3] == ("GET", "/api/posts", 200)
    assert isinstance(line.args[3], float)


@pytest.mark.reference
def test_request_line_as_written(make_app, config_name, capsys):
    """Each request writes one line to the server's error stream, however many apps were built."""
    apps = [make_app(config_name, **SECRETS) for _ in range(3)]

    apps[-1].test_client().get("/api/posts", headers={"X-Request-ID": "written-1"})

    lines = capsys.readouterr().err.splitlines()
    expected = r"\[[^\]]+\] INFO app\.requests: GET /api/posts 200 \d+\.\dms request_id=written-1"
    assert len(lines) == 1, lines
    assert re.fullmatch(expected, lines[0]), lines


@pytest.mark.own_app
@pytest.mark.reference
def test_unexpected_error_as_written(app, client, capsys):
    """A 500 writes "ERROR app: Exception on /api/boom [GET] request_id=…", its traceback, then its line."""

    @app.get("/api/boom")
    def boom():
        raise RuntimeError(SECRET)

    client.get("/api/boom", headers={"X-Request-ID": "boom-2"})

    written = capsys.readouterr().err
    assert re.match(
        r"\[[^\]]+\] ERROR app: Exception on /api/boom \[GET\] request_id=boom-2\nTraceback", written
    )
    assert f"RuntimeError: {SECRET}" in written
    assert re.search(r"INFO app\.requests: GET /api/boom 500 \d+\.\dms request_id=boom-2\n$", written), (
        written
    )


@pytest.mark.reference
def test_generated_request_id_is_32_hex_digits(client):
    """A request id the app makes is uuid4().hex: 32 lowercase hexadecimal digits."""
    request_id = client.get("/api/posts").headers["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", request_id), request_id


@pytest.mark.reference
def test_path_is_logged_percent_encoded(client, log):
    """The line shows the path %-encoded, as it was sent: /api/posts%0Aforged."""
    client.get("/api/posts%0Aforged%20line", headers={"X-Request-ID": "path-2"})

    assert the_line(log, "path-2").getMessage().startswith("GET /api/posts%0Aforged%20line 404 ")


@pytest.mark.reference
def test_lines_outside_a_request_have_no_request_id(app, capsys):
    """What the app logs outside any request says request_id=-."""
    with app.app_context():
        app.logger.warning("Starting.")

    assert capsys.readouterr().err.endswith("WARNING app: Starting. request_id=-\n")


@pytest.mark.reference
def test_logging_set_up_switches_no_logger_off():
    """Importing the app sets logging up, and leaves working the loggers made before, such as gunicorn's."""
    # In a new Python, where nothing has imported the app yet.
    program = (
        "import logging; before = logging.getLogger('gunicorn.error'); import app; print(before.disabled)"
    )
    folder = Path(__file__).parent.parent  # where the app is

    result = subprocess.run([sys.executable, "-c", program], cwd=folder, capture_output=True, text=True)

    assert result.stdout.strip() == "False", result.stderr
