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
# # Step 05: The database
#
# Until step 04 the posts lived in a Python list, in the server's memory: stop the server, and
# they were gone. The app of `steps/05-database` keeps them in a SQLite database, through
# Flask-SQLAlchemy. It also has users now, and every post has an author.
#
# | File                | What changed                                                            |
# |---------------------|-------------------------------------------------------------------------|
# | `app/database.py`   | new: `db`, the base of the models, and the `flask init-db` command      |
# | `app/models.py`     | new: the `User` and `Post` models, the tables as Python classes         |
# | `app/users.py`      | new: the checks of a new user, and finding users                        |
# | `app/posts.py`      | the list of posts is gone: posts are read and written with queries      |
# | `app/api.py`        | `/api/users`; a post needs an `author_id` and shows its `author`        |
# | `app/pages.py`      | the form lets you choose the post's author                              |
# | `app/config.py`     | `SQLALCHEMY_DATABASE_URI`: where the database is                        |
#
# This notebook sends the new requests, and after each one looks into the database itself, to
# see the rows the app wrote.

# %% [markdown]
# ## Start the app
#
# A database needs its tables before the app can use it. In a terminal you would run, once:
#
# ```console
# flask --app app --debug init-db
# flask --app app run --debug
# ```
#
# `start_app("05")` does both, on a new, empty database in a temporary folder, so this notebook
# finds the same empty database each time it runs. (It sets the `FLASK_SQLALCHEMY_DATABASE_URI`
# environment variable, which `create_app` reads like every `FLASK_*` variable.) Without it, the
# database would be `instance/blog.sqlite`, in the step's folder.
#
# It also sets `FLASK_SQLALCHEMY_ECHO=1`: `create_app` reads it as the setting `SQLALCHEMY_ECHO`,
# and Flask-SQLAlchemy then logs every SQL statement the app sends. Further down we read that log,
# to see the SQL that a `db.select(...)` becomes.

# %%
from helpers import start_app

app = start_app("05", env={"FLASK_SQLALCHEMY_ECHO": "1"})

print(app.database.name)
assert app.database.is_file()

# %% [markdown]
# A SQLite database is one file. `app.sql(...)` opens it, read-only, with Python's own `sqlite3`
# module, runs a query, and prints the rows it finds. There are no users yet:

# %%
rows = app.sql("SELECT * FROM users")

assert rows == []

# %% [markdown]
# ## The models
#
# The tables are written as Python classes, the *models*. Each attribute typed `Mapped[...]` is a
# column; `relationship` links a post to its author, and a user to their posts:

# %%
print((app.folder / "app" / "models.py").read_text())

# %% [markdown]
# The views no longer touch a list. They ask Flask-SQLAlchemy's `db` for rows, for example
# `db.session.scalars(db.select(User).order_by(User.id))`, and `db.session.add(...)` then
# `db.session.commit()` to write one.

# %% [markdown]
# ## Users
#
# A post needs an author, so the form for a new post starts with a message, not with a form:

# %%
response = app.get("/posts/new")

assert "there are no users yet" in response.text

# %% [markdown]
# Let's do what it says, with the new `/api/users`. The email has spaces around it and capital
# letters:

# %%
response = app.post("/api/users", json={"email": " Ada@Example.com ", "password": "correct horse"})

assert response.status_code == 201
assert response.headers["Location"] == "/api/users/1"
ada = response.json()
assert ada["email"] == "ada@example.com"
assert "password" not in str(ada)

# %% [markdown]
# The app stored the email trimmed and in lower case, so that one address is one account however
# it is typed. The answer shows no password, nor anything made from it. Here is the row:

# %%
rows = app.sql("SELECT * FROM users")

(user_id, email, password_hash, created_at) = rows[0]
assert password_hash.startswith("scrypt:")
assert "correct horse" not in password_hash

# %% [markdown]
# The database does not hold the password either, only a *hash* of it, made by Werkzeug's
# `generate_password_hash`. The hash cannot be turned back into the password; to check a
# password, `check_password_hash` hashes it again and compares. So a stolen database does not give
# away the passwords. (The table cuts long values short; here is the whole hash. What its parts
# are is exercise 1 of the step's README.)
#
# The method is a setting, `PASSWORD_HASH_METHOD` in `app/config.py`: scrypt, slow on purpose,
# except in the tests, which create hundreds of users and take a fast method no attacker ever sees.
# `start_app` runs the development settings, so here it is scrypt.

# %%
print(password_hash)

# %% [markdown]
# Look at `created_at` too. The JSON says `+00:00`, UTC; the row says nothing about a time zone,
# since SQLite has no type for one. `UTCDateTime`, in `app/database.py`, stores every date in UTC
# and marks what it reads back as UTC:

# %%
from datetime import UTC, datetime

print("in the JSON:    ", ada["created_at"])
print("in the database:", created_at)
assert datetime.fromisoformat(created_at).replace(tzinfo=UTC) == datetime.fromisoformat(ada["created_at"])

# %% [markdown]
# ### One account per email
#
# The same address, written another way, is the same account. The answer is **409 Conflict**:
# the request is well formed, but it clashes with what the database holds.

# %%
response = app.post("/api/users", json={"email": "ADA@example.com", "password": "another password"})

assert response.status_code == 409
assert response.json()["error"] == "conflict"

# %% [markdown]
# Some keyboards, Japanese ones among them, type *fullwidth* letters, each a character of its own,
# 65,248 places after the plain one: to Python, fullwidth EXAMPLE is not `EXAMPLE`.
# `canonical_email()`, in `app/users.py`, keeps the address the way email-validator writes it (its
# `normalized` form, which has plain letters), then in lower case. So this is Ada's address too:

# %%
fullwidth = "".join(chr(ord(letter) + 65248) for letter in "EXAMPLE")

response = app.post("/api/users", json={"email": f"ada@{fullwidth}.com", "password": "another password"})

assert response.status_code == 409
assert "ada@example.com" in response.json()["message"]

# %% [markdown]
# The app checks before it adds the user. The database checks too: the `users` table has a
# *unique constraint* on `email` (`unique=True` in the model), so two rows with one email cannot
# exist, even if two requests came at the same instant.
#
# An email that is not an address, or a password shorter than 8 characters (or longer than 128), is
# a **400**, with a message that names what is wrong. `email-validator` checks the address; the app
# checks the password:

# %%
response = app.post("/api/users", json={"email": "ada.example.com", "password": "short"})

assert response.status_code == 400
assert "email" in response.json()["message"]
assert "password" in response.json()["message"]

# %% [markdown]
# None of the refused requests wrote a row:

# %%
rows = app.sql("SELECT id, email FROM users")

assert rows == [(1, "ada@example.com")]

# %% [markdown]
# A second author, for the posts:

# %%
response = app.post("/api/users", json={"email": "grace@example.com", "password": "compilers rock"})

assert response.status_code == 201
grace = response.json()

# %% [markdown]
# ## Posts have an author
#
# A new post says who wrote it, with the `id` of a user:

# %%
response = app.post(
    "/api/posts", json={"title": "Hello", "content": "Kept in a database.", "author_id": ada["id"]}
)

assert response.status_code == 201
assert response.json()["author"] == ada

# %% [markdown]
# The answer shows the `author`, as `/api/users/1` does. The row in `posts` only holds the
# author's id, in the column `author_id`:

# %%
rows = app.sql("SELECT id, title, author_id FROM posts")

assert rows == [(1, "Hello", ada["id"])]

# %% [markdown]
# An `author_id` that is no user's id is a **400**, which names `author_id`:

# %%
response = app.post("/api/posts", json={"title": "Nobody's", "content": "Who wrote this?", "author_id": 42})

assert response.status_code == 400
assert "author_id" in response.json()["message"]

# %% [markdown]
# ### Text the database could not store
#
# Valid JSON can hold text that no database stores: the NUL character, `"\u0000"`, which
# PostgreSQL refuses in every text column, or a lone surrogate such as `"\ud800"`, half of a pair
# that is no character on its own, and cannot be written as UTF-8. Saved as it is, either would
# fail deep in the database, a 500. `app/text.py` checks every text field, of the API and of the
# form alike, and answers a **400** that names the field:

# %%
response = app.post("/api/posts", json={"title": "Hello\u0000", "content": "A NUL.", "author_id": ada["id"]})

assert response.status_code == 400
assert "title" in response.json()["message"]

# %% [markdown]
# Ids are whole numbers of 64 bits: `BIGINT` on PostgreSQL, whose `INTEGER` stops at 2,147,483,647,
# and `INTEGER` on SQLite, which holds 64 bits already. So `2**31`, 2,147,483,648, is an id like
# any other, and one that no post has: a **404**.

# %%
response = app.get(f"/api/posts/{2**31}")

assert response.status_code == 404

# %% [markdown]
# Two more posts, one of them by Grace:

# %%
response = app.post(
    "/api/posts", json={"title": "Notes", "content": "SQL is a language.", "author_id": grace["id"]}
)
assert response.status_code == 201

response = app.post(
    "/api/posts",
    json={"title": "Again", "content": "Été à Paris: a second post by Ada.", "author_id": ada["id"]},
)
assert response.status_code == 201

# %% [markdown]
# ### Reading posts: queries
#
# The list is newest first, each post with its author:

# %%
response = app.get("/api/posts")

assert [post["title"] for post in response.json()] == ["Again", "Notes", "Hello"]
assert [post["author"]["email"] for post in response.json()] == [
    "ada@example.com",
    "grace@example.com",
    "ada@example.com",
]

# %% [markdown]
# The list is one query, `newest_posts()` in `app/posts.py`:
# `db.select(Post).order_by(Post.created_at.desc(), Post.id.desc())`. The database sorts the
# rows; Python only turns them into JSON. `post.author` then finds each post's user by its
# `author_id`. Here is the SQL the app sent for that list, read from the server's log (that is
# `FLASK_SQLALCHEMY_ECHO=1`): ask for the list again, quietly, and keep what was logged meanwhile.

# %%
logged_before = len(app.output())
response = app.session.get(app.url + "/api/posts")
assert response.status_code == 200
statements = app.sql_statements(since=logged_before)
for statement in statements:
    print(statement, end="\n\n")

assert "ORDER BY posts.created_at DESC, posts.id DESC" in statements[0]

# %% [markdown]
# The first statement is the `db.select(...)`, with `LIMIT ? OFFSET ?`: its values, `(20, 0)`,
# come apart, so the database never reads them as SQL. The others are `post.author`: one
# `SELECT ... FROM users` for each author not loaded yet, two authors and two more queries. With
# many posts by many authors, that is one query per author, a cost step 07 removes.

# %% [markdown]
# `?q=` and `?limit=` work as before, but in SQL now: `?q=` adds a `WHERE ... LIKE` on the title
# and the content, `?limit=` a `LIMIT`. `icontains(words, autoescape=True)` writes the `LIKE`: it
# compares `lower(title)` with `lower(words)`, so capitals do not matter, and a `%` or `_` in the
# words matches only itself.

# %%
response = app.get("/api/posts", params={"q": "sql"})

assert [post["title"] for post in response.json()] == ["Notes"]

# %% [markdown]
# Capitals do not matter in any alphabet: `?q=été` finds Ada's post, which says *Été*:

# %%
response = app.get("/api/posts", params={"q": "été"})

assert [post["title"] for post in response.json()] == ["Again"]

# %% [markdown]
# That takes some doing on SQLite, whose own `lower()` only knows A to Z. `app.sql` opens a
# connection of its own, which has SQLite's `lower()`:

# %%
rows = app.sql("SELECT lower('Été') AS sqlite_lower")

assert rows == [("Été",)]

# %% [markdown]
# So `app/database.py` replaces it, on each connection the app opens to SQLite, with Python's
# `str.lower`, which knows every alphabet, as PostgreSQL's `lower()` does: the same search finds the
# same posts on both.

# %%
response = app.get("/api/posts", params={"limit": 2})

assert [post["title"] for post in response.json()] == ["Again", "Notes"]

# %% [markdown]
# ## The schema
#
# `flask init-db` created the tables from the models. `app.schema()` prints how the database
# defines them, in SQL, as `sqlite3 blog.sqlite .schema` would:

# %%
names = app.schema()

assert names == {"users": ["uq_users_email"], "posts": ["fk_posts_author_id_users", "ix_posts_author_id"]}

# %% [markdown]
# Read it from the models' side:
#
# - `String(254)` became `VARCHAR(254)`, `Text` `TEXT`, `UTCDateTime` `DATETIME`; every column is
#   `NOT NULL`, because no `Mapped[...]` type says `| None`.
# - `ID`, the type of the ids, became `INTEGER`: on PostgreSQL it would be `BIGINT`, as said above.
# - `unique=True` on `email` became `CONSTRAINT uq_users_email UNIQUE (email)`.
# - `ForeignKey("users.id", ondelete="CASCADE")` became the constraint `fk_posts_author_id_users`:
#   `author_id` must be the `id` of a row of `users`. `index=True` added the index
#   `ix_posts_author_id`, so that finding a user's posts need not read every post.
#
# Every constraint and index has a name, made by the naming convention in `app/database.py`:
# `uq_` + table + column, `fk_` + table + column + the table it points to. Without the
# convention, SQLAlchemy would leave the unique and foreign key constraints without a name. Step 06
# changes tables that exist, and must name the constraint it drops or recreates.
#
# The primary keys have no name in the file. The convention names them, `pk_users` and
# `pk_posts`, but `AUTOINCREMENT` is only allowed on a primary key written inside its column,
# `id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT`, and a key written there has no name.
#
# `AUTOINCREMENT` makes SQLite remember the largest id it ever gave, in a table of its own,
# `sqlite_sequence`, so that it never gives an id twice, even after a delete:

# %%
rows = app.sql("SELECT name, seq FROM sqlite_sequence ORDER BY name")

assert rows == [("posts", 3), ("users", 2)]

# %% [markdown]
# ## Deleting a user deletes their posts
#
# Ada wrote two posts:

# %%
rows = app.sql("SELECT id, title, author_id FROM posts ORDER BY id")

assert [author_id for (post_id, title, author_id) in rows] == [ada["id"], grace["id"], ada["id"]]

# %%
response = app.delete(f"/api/users/{ada['id']}")

assert response.status_code == 204

# %% [markdown]
# Her row is gone, and so are her posts; Grace's post stays:

# %%
users = app.sql("SELECT id, email FROM users")
posts = app.sql("SELECT id, title, author_id FROM posts")

assert users == [(grace["id"], "grace@example.com")]
assert posts == [(2, "Notes", grace["id"])]

# %% [markdown]
# A post without an author would break every page that shows it. In the model,
# `User.posts` has `cascade="all, delete-orphan"`: when the app deletes a user, SQLAlchemy deletes
# their posts first, in the same transaction. The foreign key also says `ON DELETE CASCADE`, for
# a user deleted outside Python. PostgreSQL always obeys it; SQLite only on a connection that
# turns foreign keys on with `PRAGMA foreign_keys = ON`, which this app does not do.
#
# Ada's posts answer 404 now:

# %%
response = app.get("/api/posts/1")

assert response.status_code == 404

# %% [markdown]
# Her email is free again. She gets a new id, 3, never the old one: an old link to
# `/api/users/1` can never show someone else.

# %%
response = app.post("/api/users", json={"email": "ada@example.com", "password": "correct horse"})

assert response.status_code == 201
assert response.json()["id"] == 3
ada = response.json()

# %% [markdown]
# ## The pages
#
# The home page lists the posts from the database, newest first:

# %%
response = app.get("/")

assert '<h2><a href="/posts/2">Notes</a></h2>' in response.text

# %% [markdown]
# Now that there are users, `/posts/new` shows the form. Its new field is a `<select>` named
# `author_id`, with one `<option>` per user, by email:

# %%
response = app.get("/posts/new")

assert '<select id="author_id" name="author_id" required>' in response.text
assert f'<option value="{ada["id"]}">ada@example.com</option>' in response.text
assert f'<option value="{grace["id"]}">grace@example.com</option>' in response.text

# %% [markdown]
# A browser sends the chosen option's `value`, the user's id, with the title and the content:

# %%
response = app.post("/posts/new", data={"author_id": ada["id"], "title": "From the form", "content": "Hi!"})

assert response.status_code == 303
assert response.headers["Location"] == "/posts/4"

# %% [markdown]
# A browser follows the redirect to the new post's page, which shows the message:

# %%
response = app.get(response.headers["Location"])

assert "Your post is published." in response.text

# %% [markdown]
# And here is its row, with Ada's new id as its `author_id`:

# %%
rows = app.sql("SELECT id, title, author_id FROM posts WHERE id = ?", 4)

assert rows == [(4, "From the form", ada["id"])]

# %% [markdown]
# Without an author, the form comes back with a **400** and a message, as for a missing title:

# %%
response = app.post("/posts/new", data={"author_id": "", "title": "Anonymous", "content": "Hi!"})

assert response.status_code == 400
assert "Choose an author for the post." in response.text

# %% [markdown]
# ## The data outlives the server
#
# In step 04, stopping the server lost every post. `app.restart()` stops this server and starts
# it again, on the same database, as Ctrl+C then `flask run` would in a terminal:

# %%
app.restart()

response = app.get("/api/posts")

assert [post["title"] for post in response.json()] == ["From the form", "Notes"]

# %% [markdown]
# The new server process started with nothing in memory, and found the posts in the file. The
# same holds between gunicorn workers: each is a process of its own, and all of them read and
# write one database.

# %% [markdown]
# ## Stop the server
#
# `app.stop()` stops the server and deletes the temporary folder with its database, so the next
# run of this notebook starts from an empty one. Your own `instance/blog.sqlite` stays until you
# delete it.

# %%
app.stop()

assert not app.database.exists()

# %% [markdown]
# **Next:** add a column to a model, and `flask init-db` will not add it: `create_all()` creates
# the tables that are missing, and never changes one that exists. Step 06,
# [`steps/06-migrations`](../steps/06-migrations/), keeps the schema in *migrations*, with
# Flask-Migrate: each change of the models becomes a script that upgrades the database, keeping
# its data, or takes the change back.
