# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Step 08: Errors and logging
#
# Same blog, same pages, same API as step 07. What changes is what happens when something goes
# wrong. Every way a request can fail now answers one JSON contract, `{"error", "message", "code"}`,
# with a `"fields"` object that names each field at fault. Three things are new:
#
# - **Unknown fields are refused.** Step 07 ignored a field it did not know: a client that sent
#   `"titel"` for `"title"` was never told.
# - **A taken email is decided by the database.** The unique constraint on `users.email` refuses the
#   `INSERT`; the app turns that `IntegrityError` into a **409**, instead of asking first whether the
#   email is free, which two sign-ups at the same moment could both get wrong.
# - **Every request is logged**, in one line, with a *request id* that the answer carries back in
#   its `X-Request-ID` header.
#
# | File                  | What changed                                                              |
# |-----------------------|---------------------------------------------------------------------------|
# | `app/logs.py`         | new: logging set up once, a request id for each request, one line each    |
# | `app/__init__.py`     | sets logging up when the package is imported; adds the request hooks      |
# | `app/api.py`          | unknown fields refused; `IntegrityError` → 409; `refuse()` names fields   |
# | `app/errors.py`       | the fields at fault go into `"fields"`, their sentences into `"message"`  |
# | `app/users.py`        | `find_user_by_email()` is gone: nothing asks before inserting any more    |
# | `app/config.py`       | the testing settings answer an unexpected exception with a 500            |

# %% [markdown]
# ## Start the app
#
# `start_app("08")` runs `flask db upgrade` on a new, empty database, then the server, as in the
# steps before.

# %%
from helpers import as_table, start_app

app = start_app("08")

assert app.database.is_file()

# %% [markdown]
# ## One error contract
#
# As in step 07, `show_source` prints a function or class of the step's code. Every endpoint that
# takes a JSON body reads it with `parse_json_object`, in `app/api.py`:

# %%
import ast


def show_source(path, name: str) -> None:
    """Print the function, class or assignment called `name` in the Python file at `path`."""
    source = path.read_text()
    for node in ast.parse(source).body:
        names = [target.id for target in getattr(node, "targets", []) if isinstance(target, ast.Name)]
        if getattr(node, "name", None) == name or name in names:
            decorators = [decorator.lineno for decorator in getattr(node, "decorator_list", [])]
            print("\n".join(source.splitlines()[min([node.lineno, *decorators]) - 1 : node.end_lineno]))
            return
    raise LookupError(f"{name} is not in {path}")


api_py = app.folder / "app" / "api.py"
show_source(api_py, "parse_json_object")
print()
show_source(api_py, "refuse")

# %% [markdown]
# - A body that is not JSON is a **415**; JSON that is not an object (or does not parse) a **400**
#   that shows the object to send. Neither has a field to blame.
# - Then `reqparse`'s problems and the unknown fields are gathered into one dict, `{name: what is
#   wrong}`, and refused together: one answer names every field at fault.
#
# `app/errors.py` turns that dict into `"fields"`, and joins its sentences into `"message"`, so a
# client that only shows the message still says everything:

# %%
errors_py = app.folder / "app" / "errors.py"
show_source(errors_py, "error_body")

# %% [markdown]
# ## Something to refuse requests about
#
# One user and one post, so that there is a post to change and an email to take:

# %%
response = app.post("/api/users", json={"email": "ada@example.com", "password": "correct horse"})
assert response.status_code == 201
ada = response.json()

response = app.post(
    "/api/posts", json={"title": "Hello", "content": "My first post.", "author_id": ada["id"]}
)
assert response.status_code == 201
post = response.json()

# %% [markdown]
# What the database holds before the bad requests:

# %%
COUNT_ROWS = "SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM posts) AS posts"

rows_before = app.sql(COUNT_ROWS)

assert rows_before == [(1, 1)]

# %% [markdown]
# ## Every kind of bad request
#
# Each cell below sends one bad request. `refused()` checks the answer: its status, its `error`
# and the fields named in `"fields"` (none when the body as a whole is at fault), and notes it for a
# table at the end of this part.

# %%
refusals = []  # one row for the table: the request, its status, its error, the fields it names
refused_responses = []  # the responses themselves, to find their lines in the log later


def refused(request: str, response, status: int, error: str, fields: set[str] = frozenset()) -> None:
    """Check that the response is the JSON error `error` with this status, naming exactly `fields`."""
    body = response.json()
    assert response.status_code == status
    assert body["error"] == error
    assert body["code"] == status
    assert set(body.get("fields", {})) == set(fields)
    for name in fields:
        assert name in body["message"]  # the message names every field at fault too
    refusals.append((request, status, error, ", ".join(body.get("fields", {})) or "-"))
    refused_responses.append(response)


# %% [markdown]
# ### The body as a whole
#
# JSON that does not parse, a **400** with no `"fields"`: no field is at fault, the body is.

# %%
response = app.post("/api/posts", data='{"title": "Hello",', headers={"Content-Type": "application/json"})

refused("POST /api/posts, broken JSON", response, 400, "bad_request")

# %% [markdown]
# JSON that parses, but is not an object: a list, here. Also a **400**, which shows the object to
# send:

# %%
response = app.post("/api/posts", json=["Hello", "My second post."])

refused("POST /api/posts, a JSON list", response, 400, "bad_request")
assert '"author_id"' in response.json()["message"]

# %% [markdown]
# A form instead of JSON: **415 Unsupported Media Type**. The API reads JSON only, and says so.

# %%
response = app.post("/api/posts", data={"title": "Hello", "content": "From a form.", "author_id": "1"})

refused("POST /api/posts, a form", response, 415, "unsupported_media_type")

# %% [markdown]
# A body over `MAX_CONTENT_LENGTH`, 1 MB: **413**. Here a good JSON object followed by a million
# spaces, which JSON allows. Flask reads its size in the `Content-Length` header, and refuses it
# without reading the body.

# %%
import json

ONE_MB = 1024 * 1024
padded = json.dumps({"title": "Long", "content": "Short.", "author_id": ada["id"]}) + " " * ONE_MB

response = app.post("/api/posts", data=padded, headers={"Content-Type": "application/json"})

refused("POST /api/posts, over 1 MB", response, 413, "request_entity_too_large")

# %% [markdown]
# A client may also send a body in pieces (`Transfer-Encoding: chunked`), with no `Content-Length`:
# nothing tells its size in advance. Werkzeug stops reading at the limit, and `app/errors.py`
# refuses the body if one more byte waits behind it: a **413** too, not the first megabyte taken
# for the whole. `app.post` cannot show a body sent in pieces, so this one goes through
# `app.session`, which prints nothing, and the cell prints the answer:

# %%
from helpers import body_as_text, print_status_and_headers


def in_pieces(body: str, size: int = 64 * 1024):
    """The body, `size` bytes at a time: `requests` sends each piece as one chunk."""
    data = body.encode()
    for start in range(0, len(data), size):
        yield data[start : start + size]


response = app.session.post(
    app.url + "/api/posts", data=in_pieces(padded), headers={"Content-Type": "application/json"}
)
print("POST /api/posts")
print("  Transfer-Encoding:", response.request.headers["Transfer-Encoding"])
print()
print_status_and_headers(response)
print()
print(body_as_text(response))

assert "Content-Length" not in response.request.headers
refused("POST /api/posts, over 1 MB in pieces", response, 413, "request_entity_too_large")

# %% [markdown]
# ### Fields at fault
#
# Values of the wrong type, all three at once. `"1"` is refused as an `author_id` too: it is text,
# not a number. One **400** names every field at fault, each in `"fields"` with its own sentence:

# %%
response = app.post("/api/posts", json={"title": 5, "content": ["Some text."], "author_id": "1"})

refused("POST /api/posts, wrong types", response, 400, "bad_request", {"title", "content", "author_id"})

# %% [markdown]
# `author_id` is looked up once the body is parsed. `2**31`, 2,147,483,648, is past PostgreSQL's
# `INTEGER`, but a fair value for the ids, which are `BIGINT`. No user has it: a **400** naming
# `author_id`.

# %%
response = app.post("/api/posts", json={"title": "Big", "content": "A large id.", "author_id": 2**31})

refused("POST /api/posts, nobody's author_id", response, 400, "bad_request", {"author_id"})

# %% [markdown]
# Text that no database can store: the NUL character, `"\u0000"`, which PostgreSQL refuses, or a
# lone surrogate such as `"\ud800"`, which cannot be written as UTF-8. `app/text.py` refuses it, for
# the pages and the API alike:

# %%
response = app.patch(f"/api/posts/{post['id']}", json={"title": "Hello\u0000"})

refused("PATCH /api/posts/1, a NUL in the title", response, 400, "bad_request", {"title"})

# %% [markdown]
# `null` is no value either:

# %%
response = app.post("/api/users", json={"email": "grace@example.com", "password": None})

refused("POST /api/users, null password", response, 400, "bad_request", {"password"})

# %% [markdown]
# Nor is blank text, spaces only or nothing at all. `PUT` replaces a post, so it needs both fields:

# %%
response = app.put(f"/api/posts/{post['id']}", json={"title": "   ", "content": ""})

refused("PUT /api/posts/1, blank strings", response, 400, "bad_request", {"title", "content"})

# %% [markdown]
# An unknown field. A typo, `titel`, is refused by name; and since the title is then missing, the
# answer names `title` as well. Step 07 would have named `title` alone, leaving the client to
# wonder what it had sent.

# %%
response = app.post("/api/posts", json={"titel": "Hello", "content": "Typed fast.", "author_id": ada["id"]})

refused("POST /api/posts, unknown field", response, 400, "bad_request", {"title", "titel"})

# %% [markdown]
# Refusing unknown fields has a cost: a client cannot `GET` a post and `PUT` it back whole. `id`,
# `author` and `created_at` are not fields a `PUT` takes; it must send `title` and `content` only.

# %%
whole_post = {**post, "title": "Hello again"}
response = app.put(f"/api/posts/{post['id']}", json=whole_post)

refused("PUT /api/posts/1, as GET gave it", response, 400, "bad_request", {"id", "author", "created_at"})

# %% [markdown]
# The query string has its fields too: `?per_page=` stops at 100, and `?q=` takes at most 200
# characters, none of them a NUL. Both wrong, both named:

# %%
response = app.get("/api/posts", params={"per_page": 101, "q": "Hello\u0000"})

refused("GET /api/posts?per_page=101&q=…", response, 400, "bad_request", {"per_page", "q"})

# %% [markdown]
# ### What is not there, and what a URL does not take
#
# A post that does not exist, **404**:

# %%
response = app.get("/api/posts/42")

refused("GET /api/posts/42", response, 404, "not_found")

# %% [markdown]
# A method the URL does not take, **405**, with an `Allow` header listing those it does.
# (Werkzeug keeps them in a set, so their order may change from one run to the next.)

# %%
response = app.delete("/api/posts")

refused("DELETE /api/posts", response, 405, "method_not_allowed")
assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}

# %% [markdown]
# ### A taken email: the database decides
#
# Ada's email again, written differently: spaces, capitals, and the domain in *fullwidth* letters,
# which some keyboards type, each a character of its own, 65,248 places after the plain letter.
# `canonical_email()` stores every address in one form, email-validator's `normalized` one, in lower
# case; this one is `ada@example.com`, which is taken: **409 Conflict**, naming `email`.

# %%
fullwidth = "".join(chr(ord(letter) + 65248) for letter in "EXAMPLE")

response = app.post("/api/users", json={"email": f" Ada@{fullwidth}.com ", "password": "another one"})

refused("POST /api/users, a taken email", response, 409, "conflict", {"email"})

# %% [markdown]
# Nothing asked the database whether the email was free. `UserList.post` inserts the user, and the
# database refuses:

# %%
show_source(api_py, "UserList")

# %% [markdown]
# What refuses is the unique constraint `uq_users_email`, which the migrations created with the
# table. Asking first would leave a gap: two sign-ups at the same moment could both hear "free",
# and the second `INSERT` would break the constraint anyway, as a 500. Now there is no gap: the
# `INSERT` is the question. `db.session.rollback()` ends the failed transaction, so that the
# session can be used again.

# %%
constraints = app.schema()

assert "uq_users_email" in constraints["users"]

# %% [markdown]
# ### The table
#
# Every bad request above, with what the API answered:

# %%
print(as_table(["request", "status", "error", "fields"], refusals))

assert len(refusals) == 16

# %% [markdown]
# And the database holds what it held before, one user and one post; the post is unchanged:

# %%
rows_after = app.sql(COUNT_ROWS)

assert rows_after == rows_before
assert app.session.get(f"{app.url}/api/posts/{post['id']}").json() == post

# %% [markdown]
# ## The request id
#
# Every answer carries an `X-Request-ID` header. A client that sends one of its own, 1 to 64
# letters, digits, `-`, `_` or `.`, gets it back: a proxy, or another service, can follow its
# request into this app's log by its own id.

# %%
response = app.get(f"/api/posts/{post['id']}", headers={"X-Request-ID": "my-trace-123"})
print("X-Request-ID:", response.headers["X-Request-ID"])

assert response.status_code == 200
assert response.headers["X-Request-ID"] == "my-trace-123"
traced = [response]

# %% [markdown]
# A request without one gets a new id, `uuid4().hex`: 32 hexadecimal digits, new each time (so this
# one changes from one run of the notebook to the next).

# %%
import re

NEW_ID = re.compile(r"[0-9a-f]{32}")

response = app.get("/api/users")
print("X-Request-ID:", response.headers["X-Request-ID"])

assert NEW_ID.fullmatch(response.headers["X-Request-ID"])
traced.append(response)

# %% [markdown]
# Any other id is replaced by a new one. The app writes the id into its log, so it keeps only ids
# that cannot change what a log line says: no space, no `=` that could pass for another field of
# the line, and above all no newline, which would start a line of the client's own. Here are a few
# ids, sent quietly with `app.session`, and what came back:

# %%
sent_ids = {
    "64 characters": "a" * 64,
    "65 characters": "a" * 65,
    "a space": "my trace",
    "an equals sign": "request_id=admin",
}
answers = []
for kind, request_id in sent_ids.items():
    response = app.session.get(f"{app.url}/api/users", headers={"X-Request-ID": request_id})
    answered = response.headers["X-Request-ID"]
    answers.append((kind, request_id, "kept" if answered == request_id else "replaced", answered))
    traced.append(response)

print(as_table(["sent", "X-Request-ID sent", "the app", "X-Request-ID answered"], answers))

assert [answer[2] for answer in answers] == ["kept", "replaced", "replaced", "replaced"]
for _, _, _, answered in answers[1:]:
    assert NEW_ID.fullmatch(answered)

# %% [markdown]
# And a newline? `requests` will not even send one in a header: it refuses before anything leaves
# your computer. A client written otherwise could, and the app would replace that id too (the
# step's `tests/test_logging.py` sends one through the test client).

# %%
import requests

try:
    app.session.get(f"{app.url}/api/users", headers={"X-Request-ID": "ok\nforged line"})
except requests.exceptions.InvalidHeader as refusal:
    print(f"{type(refusal).__name__}: {refusal}")
else:
    raise AssertionError("requests sent a header with a newline")

# %% [markdown]
# The path is logged the way it travels in the URL, %-encoded, for the same reason: a `%0A`, a
# newline once decoded, stays `%0A` in the log.

# %%
response = app.get("/api/%0Aforged")

assert response.status_code == 404
traced.append(response)

# %% [markdown]
# ## The log
#
# The server prints a line for each request: `app/logs.py` logs it once the answer is ready, with
# the method, the path, the status, how long the app took and the request id. Here is how:

# %%
logs_py = app.folder / "app" / "logs.py"
show_source(logs_py, "safe_request_id")
print()
show_source(logs_py, "finish_request")

# %% [markdown]
# The `request_id=` at the end of each line is not in that message: a `logging.Filter` gives every
# record logged during a request the request's id, and the format prints it. `app.output()` is what
# the server has printed so far; these are the lines of the requests of the last part, found by
# their ids:

# %%
LOG_LINE = re.compile(r"\[.+\] INFO app\.requests: (\S+) (\S+) (\d{3}) [\d.]+ms request_id=(\S+)")


def request_lines() -> dict[str, str]:
    """The app's request lines the server has printed, by request id."""
    lines = {}
    for line in app.output().splitlines():
        found = LOG_LINE.fullmatch(line)
        if found:
            assert found.group(4) not in lines, f"two lines for one request id: {line}"
            lines[found.group(4)] = line
    return lines


logged = request_lines()
for response in traced:
    line = logged[response.headers["X-Request-ID"]]
    print(line)
    request = response.request
    assert LOG_LINE.fullmatch(line).groups()[:3] == (
        request.method,
        request.path_url,
        str(response.status_code),
    )

# %% [markdown]
# `my-trace-123` is there, as the client sent it, and so are the ids the app made; the replaced ids
# are nowhere in the log:

# %%
log = app.output()

assert "request_id=my-trace-123" in log
for _, request_id, _, _ in answers[1:]:
    assert f"request_id={request_id}" not in log
assert "\nforged" not in log
assert "GET /api/%0Aforged 404" in log

# %% [markdown]
# Every bad request of the table has its line too, with the status the client got. A client who
# reports "it failed, request id …" leads you to the line, and, for an unexpected error, to its
# traceback, which is logged under the same id.

# %%
for response in refused_responses:
    line = logged[response.headers["X-Request-ID"]]
    assert f" {response.status_code} " in line

print(f"{len(refused_responses)} refused requests, each with its line in the log")

# %% [markdown]
# After each of the app's lines, the development server prints its own, `127.0.0.1 - - [date]
# "GET /api/users HTTP/1.1" 200 -`, which has no request id. In production, gunicorn logs no such
# line unless asked to (`--access-logfile`): the app's line is the one to keep.

# %% [markdown]
# ## Stop the server
#
# `app.stop()` stops the server and deletes the temporary folder with its database.

# %%
app.stop()

assert not app.database.exists()

# %% [markdown]
# **Next:** the API now refuses what it should, and says why. The HTML pages still let anyone
# publish as any author, chosen from a list. Step 09, `09-sessions`, next in the workbook's map,
# lets people sign in to the pages with Flask-Login, in a session: a `/login` form that checks the
# password, and `@login_required` on `/posts/new`, whose author becomes the signed-in user.
