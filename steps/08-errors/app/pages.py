"""The HTML pages, for people with a browser."""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from app.posts import add_post, check_post, find_post_or_404, newest_posts
from app.users import find_author, users_by_email

pages = Blueprint("pages", __name__)


@pages.get("/")
def index():
    return render_template("index.html", posts=newest_posts())


@pages.get("/posts/<int:post_id>")
def show_post(post_id: int):
    return render_template("post.html", post=find_post_or_404(post_id))


@pages.route("/posts/new", methods=["GET", "POST"])
def new_post():
    if request.method == "GET":
        return show_form()
    title = request.form.get("title", "")
    content = request.form.get("content", "")
    # type=int gives None for anything that is not a whole number, such as "" or "abc".
    author_id = request.form.get("author_id", type=int)
    problems = check_post(title, content)
    author = find_author(author_id)
    if author is None:
        problems.append("Choose an author for the post.")
    if problems:
        # Show the form again, with what was typed, and answer 400: the post was not made.
        return show_form(title, content, author_id, problems), 400
    post = add_post(title, content, author)
    # The message waits in the session cookie, signed with SECRET_KEY, until the next page shows it.
    flash("Your post is published.")
    # 303 See Other: the browser follows it with a GET, so a reload does not post twice.
    return redirect(url_for("pages.show_post", post_id=post.id), 303)


def show_form(title="", content="", author_id=None, problems=()):
    return render_template(
        "new_post.html",
        title=title,
        content=content,
        author_id=author_id,
        users=users_by_email(),
        problems=problems,
    )
