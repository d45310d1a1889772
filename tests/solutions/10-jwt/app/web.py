"""Pages for readers."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms import StringField, TextAreaField

from app.checks import CheckedForm, post_text
from app.queries import newest_posts, post_or_404, publish
from app.shapes import moment
from app.storage import db
from app.tables import LONGEST

web = Blueprint("pages", __name__)


class PostForm(CheckedForm):
    # No author to choose: a post is by whoever is logged in.
    checks: ClassVar = {"title": post_text("title"), "content": post_text("content")}

    title = StringField("Title", render_kw={"maxlength": LONGEST["title"]})
    content = TextAreaField("Text", render_kw={"rows": 12, "cols": 60})


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
@login_required
def write_post():
    form = PostForm()
    if form.validate_on_submit():
        # Whatever else the form sent, an author_id say, only the title and the content are read.
        post = publish(form.title.data, form.content.data, current_user)
        flash("Post published!")
        return redirect(url_for("pages.read_post", post_id=post.id, _external=True), code=303)
    # Shown again with its problems and what was typed, 400: the post was not made.
    status = 400 if request.method == "POST" else 200
    return render_template("write.html", form=form), status


@web.route("/posts/<id:post_id>/remove", methods=["POST"])
@login_required
def remove_post(post_id: int):
    post = post_or_404(post_id)
    if post.author != current_user:
        abort(403, description="This post is not yours to delete.")
    db.session.delete(post)
    db.session.commit()
    flash("Post deleted.")
    return redirect(url_for("pages.home", _external=True), code=303)
