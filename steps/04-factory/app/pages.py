"""The HTML pages, for people with a browser."""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from app.posts import check_post, find_post_or_404, post_store

pages = Blueprint("pages", __name__)


@pages.get("/")
def index():
    return render_template("index.html", posts=post_store().newest_first())


@pages.get("/posts/<int:post_id>")
def show_post(post_id: int):
    return render_template("post.html", post=find_post_or_404(post_id))


@pages.route("/posts/new", methods=["GET", "POST"])
def new_post():
    if request.method == "GET":
        return render_template("new_post.html", title="", content="", problems=[])
    title = request.form.get("title", "")
    content = request.form.get("content", "")
    problems = check_post(title, content)
    if problems:
        # Show the form again, with what was typed, and answer 400: the post was not made.
        return render_template("new_post.html", title=title, content=content, problems=problems), 400
    post = post_store().add(title, content)
    # The message waits in the session cookie, signed with SECRET_KEY, until the next page shows it.
    flash("Your post is published.")
    # 303 See Other: the browser follows it with a GET, so a reload does not post twice.
    return redirect(url_for("pages.show_post", post_id=post["id"]), 303)
