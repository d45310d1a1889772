"""Pages for readers."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for

from app.blog import blog, post_or_404, problems_with

web = Blueprint("pages", __name__)


@web.app_template_filter("date")
def as_date(iso: str) -> str:
    """From "2026-11-25T09:30:00+00:00" to "25 November 2026"."""
    when = datetime.fromisoformat(iso)
    return f"{when.day} {when:%B %Y}"


@web.route("/", methods=["GET"])
def home():
    return render_template("home.html", posts=blog().newest_first())


@web.route("/posts/<int:post_id>", methods=["GET"])
def read_post(post_id: int):
    return render_template("read.html", post=post_or_404(post_id))


@web.route("/posts/new", methods=["GET", "POST"])
def write_post():
    typed = {"title": request.form.get("title", ""), "content": request.form.get("content", "")}
    if request.method == "POST":
        problems = problems_with(typed)
        if not problems:
            post = blog().publish(typed["title"], typed["content"])
            flash("Post published!")
            return redirect(url_for("pages.read_post", post_id=post.id, _external=True), code=303)
        return render_template("write.html", typed=typed, problems=problems), 400
    return render_template("write.html", typed=typed, problems={})
