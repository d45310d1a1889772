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
# # Step 07: Flask-RESTful
#
# Same blog, same pages, same database and migrations as step 06. The API of `steps/07-restful` is
# written with Flask-RESTful: a class per URL, a *resource*, with a method per HTTP verb. Posts can
# now be changed, with `PUT` and `PATCH`, and the lists come a page at a time.
#
# | File                             | What changed                                                    |
# |----------------------------------|-----------------------------------------------------------------|
# | `app/api.py`                     | resources, `reqparse` parsers, `marshal_with` fields, paging    |
# | `app/errors.py`                  | the message of a `reqparse` error comes from the error's `data` |
# | `app/posts.py`                   | `newest_posts_query()`: the query, for the API to page through  |
# | `app/users.py`                   | `canonical_email()`, `valid_password()`: types of `reqparse`    |
# | `app/templates/new_post.html`    | the API's endpoints are named after its resources: `api.users`  |
# | `requirements.txt`               | adds flask-restful                                              |
#
# A word before you use it in a project of your own: **Flask-RESTful is in maintenance mode.** Its
# latest release, 0.3.10, is of May 2023; its maintainer only merges fixes that keep it working with
# new Flask releases, and its own documentation calls `reqparse` deprecated. It works with today's
# Flask without a warning, and you will meet it in many existing projects. For a new one, Flask's own
# `MethodView` does what `Resource` does; the step's README shows the same resource written both ways.

# %% [markdown]
# ## Start the app
#
# `start_app("07")` runs `flask db upgrade` on a new, empty database, then the server, as in step 06.
# This time it also sets `FLASK_SQLALCHEMY_ECHO=1`: `create_app` reads it as the setting
# `SQLALCHEMY_ECHO`, and Flask-SQLAlchemy then logs every SQL statement the app sends to its
# database. Near the end we read that log, to count the statements of one page of posts.

# %%
from helpers import start_app

app = start_app("07", env={"FLASK_SQLALCHEMY_ECHO": "1"})

assert app.database.is_file()

# %% [markdown]
# ## Resources
#
# Here is the resource of one post, from `app/api.py`. Each method answers one HTTP verb, for the
# URL `add_resource` gives the class at the end of the file: `/posts/<int:post_id>`, under `/api`.

# %%
import ast


def show_source(path, name: str) -> None:
    """Print the function, class or assignment called `name` in the Python file at `path`, with the
    lines right after it that call its methods, such as `PAGE.add_argument(...)`."""
    source = path.read_text()
    nodes = ast.parse(source).body
    for index, node in enumerate(nodes):
        names = [target.id for target in getattr(node, "targets", []) if isinstance(target, ast.Name)]
        if getattr(node, "name", None) == name or name in names:
            decorators = [decorator.lineno for decorator in getattr(node, "decorator_list", [])]
            last = node
            for after in nodes[index + 1 :]:
                segment = ast.get_source_segment(source, after)
                if not (isinstance(after, ast.Expr) and segment.startswith(name)):
                    break
                last = after
            print("\n".join(source.splitlines()[min([node.lineno, *decorators]) - 1 : last.end_lineno]))
            return
    raise LookupError(f"{name} is not in {path}")


api_py = app.folder / "app" / "api.py"
show_source(api_py, "PostItem")

# %% [markdown]
# - A method the class does not define, `post` here, is a **405**, with an `Allow` header that
#   lists those it does.
# - `@marshal_with(POST_FIELDS)` turns what a method returns, a `Post` from the database, into JSON:
#   the fields `POST_FIELDS` lists, and nothing else. A method may also return `(body, status,
#   headers)`, as `post` of `PostList` does for its 201 and its `Location`.
# - `put` and `patch` read the body with *parsers*, `WHOLE_POST` and `POST_CHANGES`.
#
# The fields a client sees of a post. The author is *nested*, with the fields of a user, which leave
# out the password's hash:

# %%
show_source(api_py, "USER_FIELDS")
show_source(api_py, "POST_FIELDS")

# %% [markdown]
# ## `reqparse`: what a request may send
#
# A parser lists the arguments a request may send. For each one, `location=` says where it is read:
# `"json"` for the body, `"args"` for the query string. Without it, `reqparse` reads the JSON body
# of every request, and a `GET`, which has none, would be a 415. `type` is a function that checks
# and converts the value, raising `ValueError` when it is wrong; `help` is the message then. Here are
# the type and the parser of `?page=` and `?per_page=`:

# %%
show_source(api_py, "whole_number_up_to")
print()
show_source(api_py, "PAGE")

# %% [markdown]
# `bundle_errors=True` makes a parser name every argument at fault at once, not only the first.

# %% [markdown]
# ## Users, and many posts
#
# Three users first. `app.post(...)` prints each request and its response, as in the notebooks
# before:

# %%
authors = []
for email in ["ada@example.com", "grace@example.com", "linus@example.com"]:
    response = app.post("/api/users", json={"email": email, "password": "correct horse"})
    assert response.status_code == 201
    authors.append(response.json())

assert "password_hash" not in str(authors)

# %% [markdown]
# Paging needs more posts than fit on a page: 45 of them, by the three authors in turn, each about
# one of five topics. Printing 45 requests would bury the rest of the notebook, so this loop sends
# them with `app.session`, the `requests.Session` that `app.post` itself uses, which prints nothing.
# `app.url` is the server's address, `http://127.0.0.1:` and its port.

# %%
TOPICS = ["routes", "templates", "databases", "migrations", "resources"]

for number in range(1, 46):
    post = {
        "title": f"Post {number}",
        "content": f"Notes about {TOPICS[number % 5]}.",
        "author_id": authors[number % 3]["id"],
    }
    response = app.session.post(app.url + "/api/posts", json=post)
    assert response.status_code == 201, response.text

print(f"{number} posts published")

# %%
rows = app.sql("SELECT COUNT(*), MIN(id), MAX(id), COUNT(DISTINCT author_id) FROM posts")

assert rows == [(45, 1, 45, 3)]

# %% [markdown]
# ## A page at a time
#
# `GET /api/posts` answers one page: 20 posts, unless `?per_page=` asks for 1 to 100, and the first
# page, unless `?page=` asks for another. The answer is still a JSON array. Two headers say what the
# array cannot: `X-Total-Count`, how many posts the list holds in all its pages, and `Link`, where
# the other pages are. Here is the second page of 20:

# %%
response = app.get("/api/posts", params={"per_page": 20, "page": 2})

assert response.status_code == 200
assert [post["id"] for post in response.json()] == list(range(25, 5, -1))
assert response.headers["X-Total-Count"] == "45"

# %% [markdown]
# The posts are newest first, as before: page 2 holds posts 25 down to 6. The `Link` header
# (RFC 8288) is a list of URLs, each with its `rel`, the relation it has to this page. `requests`
# reads it for you, into `response.links`:

# %%
for rel, link in response.links.items():
    print(f"{rel:6} {link['url']}")

assert list(response.links) == ["first", "prev", "next", "last"]
assert response.links["prev"]["url"] == app.url + "/api/posts?page=1&per_page=20"
assert response.links["next"]["url"] == app.url + "/api/posts?page=3&per_page=20"
assert response.links["last"]["url"] == app.url + "/api/posts?page=3&per_page=20"

# %% [markdown]
# Each URL is whole, with the server's address, and keeps `per_page=20`. A client needs no page
# arithmetic of its own: it follows `next` until there is none. (Quietly again, with `app.session`,
# one line per page.)

# %%
url = app.url + "/api/posts?per_page=20"
seen = []
while url:
    response = app.session.get(url)
    assert response.status_code == 200
    ids = [post["id"] for post in response.json()]
    if not seen:
        assert "prev" not in response.links  # the first page
    print(f"{url.removeprefix(app.url)}  ->  {len(ids)} posts, ids {ids[0]} to {ids[-1]}")
    seen += ids
    url = response.links.get("next", {}).get("url")

assert seen == list(range(45, 0, -1))
assert "prev" in response.links
assert "next" not in response.links

# %% [markdown]
# Three pages, 20 + 20 + 5, every post once. The first page's `Link` has no `prev`; the last one
# has no `next`, which ended the loop.
#
# A page past the last one is not an error: the client asked a fair question about a list shorter
# than it thought. It answers **200** with `[]`, and the headers; `prev` leads back to the last page:

# %%
response = app.get("/api/posts", params={"per_page": 20, "page": 9})

assert response.status_code == 200
assert response.json() == []
assert response.headers["X-Total-Count"] == "45"
assert response.links["prev"]["url"] == app.url + "/api/posts?page=3&per_page=20"
assert "next" not in response.links

# %% [markdown]
# A page number or size that is not a whole number in range is a **400**, whose message names the
# parameter. `per_page` stops at 100, so a client cannot ask for the whole table at once:

# %%
response = app.get("/api/posts", params={"per_page": 500})

assert response.status_code == 400
assert response.json()["error"] == "bad_request"
assert "per_page" in response.json()["message"]

# %% [markdown]
# With `bundle_errors=True`, both parameters wrong means both named, in one answer:

# %%
response = app.get("/api/posts", params={"page": 0, "per_page": "ten"})

assert response.status_code == 400
assert "page must" in response.json()["message"]
assert "per_page must" in response.json()["message"]

# %% [markdown]
# `?limit=` of steps 05 and 06 is gone: `?per_page=` replaces it. The users come a page at a time
# too, by id, with the fields of `USER_FIELDS` only:

# %%
response = app.get("/api/users", params={"per_page": 2})

assert [user["email"] for user in response.json()] == ["ada@example.com", "grace@example.com"]
assert response.headers["X-Total-Count"] == "3"
assert set(response.json()[0]) == {"id", "email", "created_at"}

# %% [markdown]
# ### Searching, a page at a time
#
# `?q=` still searches the titles and the contents. `X-Total-Count` counts the posts that match,
# and every `Link` URL keeps `q=`, so following them pages through the search, not through every
# post. Nine posts are about migrations; four a page:

# %%
response = app.get("/api/posts", params={"q": "migrations", "per_page": 4})

assert [post["title"] for post in response.json()] == ["Post 43", "Post 38", "Post 33", "Post 28"]
assert response.headers["X-Total-Count"] == "9"
for rel, link in response.links.items():
    print(f"{rel:6} {link['url']}")
    assert "q=migrations" in link["url"]
assert response.links["last"]["url"].endswith("page=3&per_page=4&q=migrations")

# %% [markdown]
# ## Changing a post: `PUT` and `PATCH`
#
# `PUT` *replaces* the post: the body must hold the title and the content, both. The id, the author
# and the date stay. Post 45 is the newest:

# %%
before = app.session.get(app.url + "/api/posts/45").json()

response = app.put("/api/posts/45", json={"title": "  Post 45, again  ", "content": "Written anew."})

assert response.status_code == 200
after = response.json()
assert after == {**before, "title": "Post 45, again", "content": "Written anew."}

# %% [markdown]
# The title came back trimmed, as when a post is created: the same parser's `type` did it. A `PUT`
# without the content is a **400** naming `content`: a replacement leaves nothing out.

# %%
response = app.put("/api/posts/45", json={"title": "Only a title"})

assert response.status_code == 400
assert "content" in response.json()["message"]
assert "title" not in response.json()["message"]

# %% [markdown]
# `PATCH` changes only what the body holds, here the title; the content stays:

# %%
response = app.patch("/api/posts/45", json={"title": "Post 45, patched"})

assert response.status_code == 200
assert response.json() == {**after, "title": "Post 45, patched"}

# %% [markdown]
# The post keeps its `created_at`, so it keeps its place in the list, first:

# %%
response = app.session.get(app.url + "/api/posts?per_page=1")

print(response.json()[0]["title"])
assert response.json()[0]["title"] == "Post 45, patched"

# %% [markdown]
# A `PATCH` with nothing to change is a **400** that names both fields a client may send:

# %%
response = app.patch("/api/posts/45", json={})

assert response.status_code == 400
assert "title" in response.json()["message"]
assert "content" in response.json()["message"]

# %% [markdown]
# ## The errors keep their shape
#
# Flask-RESTful catches every error raised in a resource, and would answer its own
# `{"message": ...}`. This API's clients expect `{"error", "message", "code"}`, as in step 06, so
# `app/api.py` gives its errors back to Flask, and to `app/errors.py`:

# %%
show_source(api_py, "Api")

# %% [markdown]
# So every error below answers the same three keys. A post that does not exist, **404**:

# %%
response = app.get("/api/posts/999")

assert response.status_code == 404
assert set(response.json()) == {"error", "message", "code"}
assert response.json()["error"] == "not_found"

# %% [markdown]
# A method the resource does not define, **405**, with an `Allow` header listing those it does.
# (Werkzeug keeps them in a set, so their order may change from one run to the next.)

# %%
response = app.post("/api/posts/45", json={"title": "New"})

assert response.status_code == 405
assert response.json()["error"] == "method_not_allowed"
assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"}

# %% [markdown]
# A form instead of JSON, **415 Unsupported Media Type**:

# %%
response = app.post("/api/posts", data={"title": "Hello", "content": "From a form.", "author_id": "1"})

assert response.status_code == 415
assert response.json()["error"] == "unsupported_media_type"

# %% [markdown]
# JSON that does not parse, **400**, with the object to send:

# %%
response = app.post("/api/posts", data='{"title": "Hello",', headers={"Content-Type": "application/json"})

assert response.status_code == 400
assert response.json()["error"] == "bad_request"

# %% [markdown]
# And the arguments `reqparse` refuses: a blank title and an `author_id` that is text, not a
# number, both named. `reqparse` keeps its messages in the error's `data`, one for each argument;
# `app/errors.py` joins them into the `message`:

# %%
response = app.post("/api/posts", json={"title": "   ", "content": "Hi!", "author_id": "99"})

assert response.status_code == 400
assert response.json()["error"] == "bad_request"
assert "title" in response.json()["message"]
assert "author_id" in response.json()["message"]
assert "content" not in response.json()["message"]

# %% [markdown]
# ### What no database could store
#
# A parser's `type` functions share their rules with the pages. `text_of_at_most`, the type of
# `title` and `content`, calls `valid_text` from `app/text.py`: text of 1 to 200 characters (10,000
# for the content), with no NUL, `"\u0000"`, which PostgreSQL refuses, and no lone surrogate such as
# `"\ud800"`, which cannot be written as UTF-8. `an_id`, the type of `author_id`, only checks that
# the value can be an id, a whole number of 64 bits; the author is looked up after parsing.

# %%
show_source(api_py, "text_of_at_most")
print()
show_source(api_py, "an_id")

# %% [markdown]
# A title with a NUL in it, a **400** naming `title`:

# %%
response = app.patch("/api/posts/45", json={"title": "Post 45\u0000"})

assert response.status_code == 400
assert "title" in response.json()["message"]

# %% [markdown]
# `2**31`, 2,147,483,648, is past PostgreSQL's `INTEGER`, but a fair id for a `BIGINT`. No user has
# it: as an `author_id`, a **400** naming `author_id`; in a URL, a **404**.

# %%
response = app.post("/api/posts", json={"title": "Big", "content": "A large id.", "author_id": 2**31})

assert response.status_code == 400
assert "author_id" in response.json()["message"]

# %%
response = app.get(f"/api/users/{2**31}")

assert response.status_code == 404

# %% [markdown]
# The type of `email` is `canonical_email`, from `app/users.py`: one address is one account, however
# it is written. Capitals make no other account, nor do the *fullwidth* letters some keyboards type,
# each a character of its own, 65,248 places after the plain letter, which email-validator turns back
# into it. Here is Ada's address again, a **409**:

# %%
fullwidth = "".join(chr(ord(letter) + 65248) for letter in "EXAMPLE")

response = app.post("/api/users", json={"email": f"ADA@{fullwidth}.com", "password": "correct horse"})

assert response.status_code == 409
assert "ada@example.com" in response.json()["message"]

# %% [markdown]
# None of the refused requests wrote a row: the posts are still the 45, the users the three.

# %%
rows = app.sql(
    "SELECT (SELECT COUNT(*) FROM posts) AS posts, (SELECT MAX(id) FROM posts) AS newest,"
    " (SELECT COUNT(*) FROM users) AS users"
)

assert rows == [(45, 45, 3)]

# %% [markdown]
# ## No N+1 queries
#
# Each post of a page shows its author. Load the 20 posts with one query, then each post's author
# when `marshal_with` asks for it, and every author costs one more query: 1 + N queries, the *N+1*
# problem. (SQLAlchemy asks only once for an author it has loaded already: with three authors, N is
# 3; a page by 20 different authors costs 21 queries.) `PostList.get` asks for the authors up front
# instead:

# %%
show_source(api_py, "PostList")

# %% [markdown]
# - `selectinload(Post.author)` loads the authors of the whole page in one more query,
#   `... WHERE users.id IN (...)`.
# - `raiseload("*")` makes every other lazy load an error, so a relationship nobody loaded up front
#   fails loudly instead of quietly costing a query per post.
#
# The server logs every statement it sends (that is `FLASK_SQLALCHEMY_ECHO=1`), with timings, and
# the values of the `?` on a line of their own. Let's ask for the second page of 20 again, quietly,
# and read what the server logged meanwhile:

# %%
logged_before = len(app.output())
response = app.session.get(app.url + "/api/posts?per_page=20&page=2")
assert response.status_code == 200
statements = app.sql_statements(since=logged_before)
for statement in statements:
    print(statement, end="\n\n")

assert len(statements) == 3
assert "LIMIT ? OFFSET ?" in statements[0]
assert "values: (20, 20)" in statements[0]
assert "WHERE users.id IN (?, ?, ?)" in statements[1]
assert sorted(statements[1].split("values: ")[1].strip("()").split(", ")) == ["1", "2", "3"]
assert statements[2].startswith("SELECT count(*)")

# %% [markdown]
# Three statements for 20 posts:
#
# 1. the page of posts: `LIMIT 20 OFFSET 20` skips the first page;
# 2. their authors, all at once: `IN (?, ?, ?)` with the ids of the three authors the page holds, in
#    the order it meets them;
# 3. `db.paginate` counting every post, for `X-Total-Count` and the `last` page.
#
# In SQL, the page holds 20 posts but only three different authors:

# %%
rows = app.sql(
    "SELECT author_id, COUNT(*) AS posts FROM"
    " (SELECT author_id FROM posts ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 20)"
    " GROUP BY author_id ORDER BY author_id"
)

assert rows == [(1, 7), (2, 7), (3, 6)]

# %% [markdown]
# Reading a log is how you find out, and the step's exercise 1 has you do it: remove
# `selectinload(Post.author)`, and `raiseload("*")` makes the list fail; remove that too, and the
# log shows a `SELECT ... FROM users` per author. A test keeps it from coming back. It cannot read a
# server's log: it counts the statements from inside, with a SQLAlchemy *event* that sees each one
# before the database does. Here is the fixture that records them, and the test, from
# `tests/test_posts.py`:

# %%
test_posts = app.folder / "tests" / "test_posts.py"

show_source(test_posts, "sql_statements")
print()
show_source(test_posts, "test_listing_posts_loads_their_authors_at_once")

# %% [markdown]
# The test asks for a page of 1 post and a page of 100 posts by five authors: the same number of
# statements, at most three. With the N+1 problem back, the page of 100 would cost more than the page
# of 1, and the test would fail, saying how many each cost.

# %% [markdown]
# ## Stop the server
#
# `app.stop()` stops the server and deletes the temporary folder with its database.

# %%
app.stop()

assert not app.database.exists()

# %% [markdown]
# **Next:** errors now come from many places: Werkzeug's routing (404, 405), Flask (413), `reqparse`
# (its messages in the error's `data`), the app's own `abort()`s, and exceptions nobody expected.
# Step 08, [`steps/08-errors`](../steps/08-errors/), makes one error contract hold for all of them,
# from one place: the fields at fault named in a `fields` object, unknown fields refused. And it logs
# every request in one line, with a request id that the answer returns in an `X-Request-ID` header.
