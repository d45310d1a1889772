"""Helpers for the notebooks: run a step's app as a real server and talk to it over HTTP.

    from helpers import start_app

    app = start_app("02")  # flask --app app run, inside steps/02-requests
    response = app.post("/api/posts", json={"title": "Hello", "content": "My first post."})
    print(response.json()["id"])
    app.stop()

Each request prints what happened, much as `curl -i` would show it, and gives back the
`requests.Response`, so a cell can use `response.json()` or `response.headers` afterwards.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from itertools import pairwise
from pathlib import Path

import requests

STEPS_DIR = Path(__file__).resolve().parent.parent / "steps"
HOST = "127.0.0.1"
START_TIMEOUT = 15  # seconds the server has to start answering
REQUEST_TIMEOUT = 10  # seconds one request may take
LONGEST_CURL_BODY = 200  # characters of a request body shown in the curl command
SHOWN_LINES = 40  # lines shown of a text body (or of an HTML page without <main>)

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


def start_app(step: str, env: dict[str, str | None] | None = None, target: str = "app") -> App:
    """Start a step's app as a real server, the same as `flask --app app run` in the step's folder.

    step:   "01", "02"... (or the folder's full name, "02-requests").
    env:    extra environment variables for the server; a value of None removes a variable.
    target: what to give `flask --app`, for example "app:create_app('production')".

    The server listens on a free port of 127.0.0.1, so it never clashes with another one.
    It is stopped when you call app.stop(), or at the latest when the notebook's kernel stops.
    """
    folder = find_step_folder(step)
    port = free_port()
    command = [sys.executable, "-m", "flask", "--app", target, "run", "--host", HOST, "--port", str(port)]
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    # What the server prints goes to a file, as it would go to a terminal. The file lives as
    # long as the App; append mode keeps our reads from getting in the way of its writes.
    output = tempfile.TemporaryFile(mode="a+b")  # noqa: SIM115
    process = subprocess.Popen(command, cwd=folder, env=environment, stdout=output, stderr=subprocess.STDOUT)
    app = App(folder, f"http://{HOST}:{port}", process, output)
    atexit.register(app.stop)
    app.wait_until_ready()
    shown_target = target if target.isidentifier() else f'"{target}"'
    print(f"Serving steps/{folder.name} at {app.url}  (flask --app {shown_target} run --port {port})")
    return app


class App:
    """A step's app, running as a server in the background."""

    def __init__(self, folder: Path, url: str, process: subprocess.Popen, output) -> None:
        self.folder = folder  # the step's folder, for example steps/02-requests
        self.url = url  # for example http://127.0.0.1:54321
        self.process = process
        self._output = output
        self.session = requests.Session()  # keeps cookies from one request to the next
        self.session.trust_env = False  # talk to 127.0.0.1 directly, never through a proxy

    def __repr__(self) -> str:
        state = "running" if self.process.poll() is None else "stopped"
        return f"<App steps/{self.folder.name} at {self.url}, {state}>"

    # Requests ----------------------------------------------------------------

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        """Send METHOD path to the app, print the request and the response, give back the response.

        kwargs are those of requests: json=..., data=..., params=..., headers=...
        Redirects are not followed, so that you see them; allow_redirects=True follows them.
        """
        allow_redirects = kwargs.pop("allow_redirects", False)
        prepared = self.session.prepare_request(requests.Request(method, self.url + path, **kwargs))
        print("$ " + as_curl(prepared, self.session.headers, allow_redirects))
        print(f"{prepared.method} {prepared.path_url}")
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
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.session.close()
        atexit.unregister(self.stop)


# Finding the step and a port ------------------------------------------------------


def find_step_folder(step: str) -> Path:
    """steps/02-requests for "02", "2" or "02-requests"."""
    number = step.split("-", 1)[0].zfill(2)
    found = sorted(STEPS_DIR.glob(f"{number}-*/"))
    if not found:
        known = ", ".join(sorted(path.name for path in STEPS_DIR.iterdir() if path.is_dir()))
        raise LookupError(f"There is no step {step!r} in {STEPS_DIR}. The steps are: {known}.")
    return found[0]


def free_port() -> int:
    """A port nobody listens on: the system picks one when we ask for port 0."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


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
