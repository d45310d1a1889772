"""Pages for readers."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for

from app.checks import id_from_text, problems_with, user_with_id
from app.queries import newest_posts, post_or_404, publish, users_by_email
from app.shapes import moment

web = Blueprint("pages", __name__)


@web.app_template_filter("date")
def as_date(when: datetime) -> str:
    """From 2026-11-25 09:30 UTC to "25 November 2026"."""
    return f"{when.day} {when:%B %Y}"


@web.app_template_filter("iso")
def as_iso(when: datetime) -> str:
    """The same text as the API's created_at, for <time datetime="...">."""
    return moment(when)


@web.route("/", methods=["GET"])
def home():
    return render_template("home.html", posts=newest_posts())


@web.route("/posts/<id:post_id>", methods=["GET"])
def read_post(post_id: int):
    return render_template("read.html", post=post_or_404(post_id))


@web.route("/posts/new", methods=["GET", "POST"])
def write_post():
    typed = {"title": request.form.get("title", ""), "content": request.form.get("content", "")}
    chosen = id_from_text(request.form.get("author_id"))
    if request.method == "GET":
        return show_form(typed, chosen, problems={})
    problems = problems_with(typed)
    author = user_with_id(chosen)
    if author is None:
        problems["author"] = "Please choose the author of the post."
    if problems:
        return show_form(typed, chosen, problems), 400
    post = publish(typed["title"], typed["content"], author)
    flash("Post published!")
    return redirect(url_for("pages.read_post", post_id=post.id, _external=True), code=303)


def show_form(typed: dict, chosen: int | None, problems: dict) -> str:
    return render_template(
        "write.html", typed=typed, chosen=chosen, problems=problems, users=users_by_email()
    )
