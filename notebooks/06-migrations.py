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
# # Step 06: Migrations
#
# Same blog, same pages, same API as step 05. What changes is how the tables come to be: not from
# `create_all()`, but from *migrations*, small scripts committed with the code, each one change to
# the schema, that every database runs in the same order: yours, a teammate's, production's.
# Flask-Migrate runs them, with Alembic.
#
# | File                      | What changed                                                          |
# |---------------------------|-----------------------------------------------------------------------|
# | `app/database.py`         | `migrate = Migrate(render_as_batch=True)`; `flask init-db` is gone    |
# | `app/__init__.py`         | `migrate.init_app(app, db)`, right after `db`                         |
# | `app/models.py`           | `Post.created_at` gets `index=True`                                   |
# | `migrations/`             | new: Alembic's settings, and `versions/`, one script per migration    |
# | `requirements.txt`        | adds flask-migrate, which brings Alembic                              |
#
# This notebook asks Flask-Migrate where the database stands, takes the newest migration back and
# runs it again on a database that holds posts, and reads the script that does it.

# %% [markdown]
# ## Start the app
#
# In step 05, `flask init-db` made the tables. Now the migrations make them. In a terminal you would
# run:
#
# ```console
# flask --app app --debug db upgrade
# flask --app app run --debug
# ```
#
# `flask db upgrade` creates the database if there is none, and runs every migration it has not run
# yet. `start_app("06")` does both, on a new, empty database in a temporary folder, so this notebook
# finds the same database each time it runs.

# %%
from helpers import start_app

app = start_app("06")

assert app.database.is_file()

# %% [markdown]
# `flask init-db` is gone. `app.flask(...)` runs a `flask` command in the step's folder, on the same
# database as the server, and prints what a terminal would show:

# %%
done = app.flask("init-db")

assert done.returncode != 0
assert "No such command 'init-db'" in done.stdout

# %% [markdown]
# Why it had to go: `create_all()` creates the tables that are missing, and never changes one that
# exists. This step adds an index to `posts`; `create_all()` would not add it to a database that
# already has the table. Yours would have to be deleted, with its posts, and production's too.

# %% [markdown]
# ## Where the database stands
#
# Each migration is a *revision*, with an id. `flask db current` says which revision the database
# has reached; `(head)` means the newest there is:

# %%
done = app.flask("db", "current")

assert done.returncode == 0
assert "02453ce56322 (head)" in done.stdout

# %% [markdown]
# The two `INFO` lines are Alembic saying how it talks to SQLite; they come with every `flask db`
# command that opens the database. `flask db history` lists every revision, newest first, each with
# the one it comes after (`<base>` is the empty database) and its message:

# %%
done = app.flask("db", "history")

assert done.stdout.splitlines() == [
    "a75304624b6e -> 02453ce56322 (head), index posts by date",
    "<base> -> a75304624b6e, users and posts",
]

# %% [markdown]
# The first migration creates `users` and `posts` as step 05 had them. The second adds an index on
# `posts.created_at`. The scripts are in `migrations/versions/`, next to Alembic's settings:

# %%
migrations = app.folder / "migrations"

for path in sorted([*migrations.glob("*"), *migrations.glob("versions/*.py")]):
    if path.is_file():
        print(path.relative_to(app.folder).as_posix())

assert sorted(path.name for path in migrations.glob("versions/*.py")) == [
    "02453ce56322_index_posts_by_date.py",
    "a75304624b6e_users_and_posts.py",
]

# %% [markdown]
# `flask db init` wrote `migrations/` once, at the start: `alembic.ini` sets Alembic's logging,
# `env.py` hands it the app's database and models, `script.py.mako` is the template of a new
# migration. The scripts in `versions/` are the ones you write, one per change.

# %% [markdown]
# ## The schema at the head
#
# The tables are those of step 05, with one more index and one more table:

# %%
names = app.schema()

assert names == {
    "alembic_version": ["alembic_version_pkc"],
    "users": ["uq_users_email"],
    "posts": ["fk_posts_author_id_users", "ix_posts_author_id", "ix_posts_created_at"],
}

# %% [markdown]
# - `ix_posts_created_at` is new: every list of posts is ordered by `created_at`, newest first, and
#   the index keeps the posts in that order.
# - `alembic_version` is Alembic's own table. It has one row, the revision the database has
#   reached; `flask db current` reads it, and `flask db upgrade` runs the migrations after it.
# - The ids are `INTEGER`, as in step 05. The first migration gives them the type
#   `sa.BigInteger().with_variant(sa.Integer(), "sqlite")`: `BIGINT` on PostgreSQL, whose `INTEGER`
#   stops at 2,147,483,647, and `INTEGER` on SQLite, whose `INTEGER` holds 64 bits already. SQLite
#   numbers new rows by itself only in a column declared exactly `INTEGER PRIMARY KEY`.

# %%
rows = app.sql("SELECT version_num FROM alembic_version")

assert rows == [("02453ce56322",)]

# %% [markdown]
# ## Some data to keep
#
# A migration changes a database that holds data, so let's give it some: a user, and two posts.

# %%
response = app.post("/api/users", json={"email": "ada@example.com", "password": "correct horse"})

assert response.status_code == 201
ada = response.json()

# %%
response = app.post(
    "/api/posts", json={"title": "Hello", "content": "Kept by a migrated database.", "author_id": ada["id"]}
)
assert response.status_code == 201

response = app.post(
    "/api/posts", json={"title": "Again", "content": "A second post.", "author_id": ada["id"]}
)
assert response.status_code == 201

# %%
rows = app.sql("SELECT id, title, author_id FROM posts ORDER BY id")

assert rows == [(1, "Hello", ada["id"]), (2, "Again", ada["id"])]

# %% [markdown]
# ## One migration back
#
# `flask db downgrade` runs the `downgrade()` of the newest migration the database has reached:
# one step back. (`flask db downgrade base` would go back to no tables at all. Alembic's docs write
# one step back as `alembic downgrade -1`, but `flask db downgrade -1` fails: click, which reads
# the command line, takes `-1` for an option it does not know. Write `flask db downgrade -- -1`, or
# leave the number out, as here.)

# %%
done = app.flask("db", "downgrade")

assert done.returncode == 0
assert "Running downgrade 02453ce56322 -> a75304624b6e, index posts by date" in done.stdout

# %% [markdown]
# The index is gone, and nothing else changed:

# %%
names = app.schema()

assert names["posts"] == ["fk_posts_author_id_users", "ix_posts_author_id"]
assert names["users"] == ["uq_users_email"]

# %% [markdown]
# The rows are still there, and `alembic_version` holds the first revision now:

# %%
posts = app.sql("SELECT id, title, author_id FROM posts ORDER BY id")
version = app.sql("SELECT version_num FROM alembic_version")

assert posts == [(1, "Hello", ada["id"]), (2, "Again", ada["id"])]
assert version == [("a75304624b6e",)]

# %% [markdown]
# The server kept running the whole time, and still answers. An index makes a query faster; it
# never changes its answer:

# %%
response = app.get("/api/posts")

assert [post["title"] for post in response.json()] == ["Again", "Hello"]

# %% [markdown]
# Faster how? SQLite's `EXPLAIN QUERY PLAN` says how it would run the list of posts. Without the
# index, it reads every post, then sorts them all (`USE TEMP B-TREE FOR ORDER BY`):

# %%
NEWEST_POSTS = "SELECT * FROM posts ORDER BY created_at DESC, id DESC LIMIT 20"

plan = app.sql(f"EXPLAIN QUERY PLAN {NEWEST_POSTS}")

details = " / ".join(detail for (*_, detail) in plan)
assert "TEMP B-TREE FOR ORDER BY" in details
assert "ix_posts_created_at" not in details

# %% [markdown]
# `flask db check` compares the models with the database, but only on a database at the head:
# below it, it stops and says so.

# %%
done = app.flask("db", "check")

assert done.returncode != 0
assert "Target database is not up to date." in done.stdout

# %% [markdown]
# ## And up again
#
# `flask db upgrade` runs the migrations the database lacks, here the second one:

# %%
done = app.flask("db", "upgrade")

assert done.returncode == 0
assert "Running upgrade a75304624b6e -> 02453ce56322, index posts by date" in done.stdout

# %%
names = app.schema()
rows = app.sql("SELECT id, title, author_id FROM posts ORDER BY id")

assert "ix_posts_created_at" in names["posts"]
assert rows == [(1, "Hello", ada["id"]), (2, "Again", ada["id"])]

# %% [markdown]
# The index is back, and the posts never left. SQLite now reads the newest posts through the index,
# already in order, and stops after 20:

# %%
plan = app.sql(f"EXPLAIN QUERY PLAN {NEWEST_POSTS}")

details = " / ".join(detail for (*_, detail) in plan)
assert "USING INDEX ix_posts_created_at" in details
assert "TEMP B-TREE" not in details

# %% [markdown]
# (The index holds each row's id too, so it serves `id DESC`, the tie-breaker, as well.)
#
# Run `flask db upgrade` again and it has nothing to do: every migration it knows has run. That is
# why it is safe to run whenever you pull code, and before every deployment.

# %%
done = app.flask("db", "upgrade")

assert done.returncode == 0
assert "Running upgrade" not in done.stdout

# %% [markdown]
# ## The migration script
#
# Here is the second migration, the one that went down and up:

# %%
script = app.folder / "migrations" / "versions" / "02453ce56322_index_posts_by_date.py"

print(script.read_text())

# %% [markdown]
# - The docstring's first line is the message of `flask db migrate -m "index posts by date"`, the
#   one `flask db history` shows.
# - `revision` is this migration's id; `down_revision` the one it comes after. That chain, not the
#   file names nor the dates, sets the order.
# - `upgrade()` makes the change; `downgrade()` undoes exactly that, so the database is as the
#   revision before left it.
# - `op.batch_alter_table` is how a migration changes a SQLite table: SQLite cannot `ALTER` most of
#   a table, so a batch copies it, changed, when it must. Creating or dropping an index SQLite can
#   do by itself, so this batch copies nothing.
# - `batch_op.f("ix_posts_created_at")` says "this name is final": the naming convention of
#   `app/database.py` made it already, so it is used as it is.
#
# The script imports nothing from the app. The app will change; an old migration must still run as
# it did the day it was written.

# %% [markdown]
# ## Nothing left to migrate
#
# At the head, `flask db check` compares the models with the database, and finds nothing that a
# migration should still do:

# %%
done = app.flask("db", "check")

assert done.returncode == 0
assert "No new upgrade operations detected." in done.stdout

# %% [markdown]
# Had someone added `index=True` to a model without a migration, it would fail, naming what is
# missing:
#
# ```console
# ERROR [flask_migrate] Error: New upgrade operations detected: [('add_index', Index(...))]
# ```
#
# A line worth having in CI: a model changed, and nobody wrote the migration.

# %% [markdown]
# ## The workflow of a team
#
# This step's second migration was made the way every change of a model is:
#
# 1. Change the model: `Post.created_at` gets `index=True`.
# 2. Let Alembic compare the models with your database, which is at the head, and write the script:
#
#    ```console
#    $ flask --app app --debug db migrate -m "index posts by date"
#    INFO  [alembic.autogenerate.compare.constraints] Detected added index 'ix_posts_created_at' ...
#    Generating .../migrations/versions/02453ce56322_index_posts_by_date.py ...  done
#    ```
#
# 3. Read the script, and fix it. *Autogenerate* writes a first draft, never the last word. Here
#    the draft was right, apart from comments to remove. The first migration needed a real fix: it
#    named the app's own type, `app.database.UTCDateTime()`, without importing it; it says
#    `sa.DateTime()` now, the type the database stores.
# 4. `flask db upgrade`, then `flask db check`, as above.
# 5. Commit the model and the script together. Your teammates pull them and run
#    `flask db upgrade`; production runs it before the new code serves.

# %% [markdown]
# ## What autogenerate cannot see
#
# Autogenerate compares two states, the models and the database. It does not know how you went from
# one to the other.
#
# **A rename.** Rename `Post.content` to `Post.body`, and autogenerate sees a column gone and a new
# one:
#
# ```python
# with op.batch_alter_table("posts", schema=None) as batch_op:
#     batch_op.add_column(sa.Column("body", sa.Text(), nullable=False))
#     batch_op.drop_column("content")
# ```
#
# On a database with posts, that would throw every post's text away (SQLite refuses it first: the
# new `NOT NULL` column has no value). A rename is written by hand, and keeps the data:
#
# ```python
# def upgrade():
#     with op.batch_alter_table("posts") as batch_op:
#         batch_op.alter_column("content", new_column_name="body")
# ```
#
# On SQLite, this batch copies the table; the last part of this notebook watches a copy happen.
#
# **Data.** A migration that changes what the rows hold, for example one that trims and lower-cases
# every email, is never written for you. `flask db revision -m "..."` gives an empty script; fill it
# with `op.execute(...)`, describing the table with `sa.table(...)` as it is at that revision, never
# with the model, which will have changed by the time someone runs it.
#
# The step's README shows both in full, and its exercises have you try them.

# %% [markdown]
# ## A migration that copies a table
#
# To change a column, a batch migration on SQLite copies the table: a new table, changed, the rows
# copied into it, the old one dropped. Alembic builds the copy from what it reads of the table, and
# would leave out `AUTOINCREMENT`; SQLite's id counter, in `sqlite_sequence`, would then start again
# from the largest id copied. Delete the newest post, migrate, and the next post would get the
# deleted post's id: an old link to it would show another post. `migrations/env.py` keeps both, for
# every migration to come:

# %%
import ast

env_py = (app.folder / "migrations" / "env.py").read_text()
for node in ast.parse(env_py).body:
    if getattr(node, "name", None) == "sqlite_ids_never_reused":
        first = min(decorator.lineno for decorator in node.decorator_list)  # from @contextmanager on
        print("\n".join(env_py.splitlines()[first - 1 : node.end_lineno]))

# %% [markdown]
# Let's watch it work. First, delete the newest post, Ada's second, whose id is 2:

# %%
response = app.delete("/api/posts/2")

assert response.status_code == 204

# %% [markdown]
# Then a migration that makes titles longer, as a later step might. It lives only in this notebook,
# in a temporary copy of `migrations/`; `--directory` tells `flask db upgrade` where to find it.

# %%
import shutil
import tempfile
from pathlib import Path

LONGER_TITLES = '''"""longer titles"""
import sqlalchemy as sa
from alembic import op

revision = "c0ffee000001"
down_revision = "02453ce56322"


def upgrade():
    with op.batch_alter_table("posts") as batch_op:
        batch_op.alter_column("title", existing_type=sa.String(200), type_=sa.String(300))


def downgrade():
    with op.batch_alter_table("posts") as batch_op:
        batch_op.alter_column("title", existing_type=sa.String(300), type_=sa.String(200))
'''

scratch = Path(tempfile.mkdtemp())
copy = shutil.copytree(app.folder / "migrations", scratch / "migrations")
(copy / "versions" / "c0ffee000001_longer_titles.py").write_text(LONGER_TITLES)

done = app.flask("db", "upgrade", "--directory", str(copy))

assert done.returncode == 0
assert "Running upgrade 02453ce56322 -> c0ffee000001, longer titles" in done.stdout

# %% [markdown]
# The copy of `posts` has the longer title, and kept `AUTOINCREMENT`. (SQLite writes its name in
# quotes, `"posts"`: it keeps the statement as it was when the copy was renamed.) Its counter still
# remembers id 2:

# %%
names = app.schema()
counters = app.sql("SELECT name, seq FROM sqlite_sequence ORDER BY name")

assert counters == [("posts", 2), ("users", 1)]

# %% [markdown]
# So the next post gets a new id, 3, never the deleted post's:

# %%
response = app.post(
    "/api/posts", json={"title": "After the copy", "content": "A new id.", "author_id": ada["id"]}
)

assert response.status_code == 201
assert response.json()["id"] == 3

# %% [markdown]
# And, since the copy kept `AUTOINCREMENT`, it goes on that way: delete post 3, the newest, and the
# next post is 4.

# %%
response = app.delete("/api/posts/3")
assert response.status_code == 204

response = app.post("/api/posts", json={"title": "And after", "content": "Another.", "author_id": ada["id"]})

assert response.status_code == 201
assert response.json()["id"] == 4

# %% [markdown]
# Back down to the step's own head, and the copy of `migrations/` deleted:

# %%
done = app.flask("db", "downgrade", "--directory", str(copy))
shutil.rmtree(scratch)

assert done.returncode == 0
assert "Running downgrade c0ffee000001 -> 02453ce56322, longer titles" in done.stdout

# %% [markdown]
# ## Stop the server
#
# `app.stop()` stops the server and deletes the temporary folder with its database. Your own
# `instance/blog.sqlite`, made by `flask db upgrade` in the step's folder, stays until you delete it.

# %%
app.stop()

assert not app.database.exists()

# %% [markdown]
# **Next:** the API still reads every request and writes every answer by hand. Step 07,
# [`steps/07-restful`](../steps/07-restful/), writes it with Flask-RESTful: a class per URL, a
# method per HTTP verb. It adds changing a post (`PUT`, `PATCH`) and lists a page at a time; the
# pages and the database stay as they are.
