"""The HTML pages, for people with a browser: the posts, and signing up, in and out."""

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm

from app.database import db
from app.forms import PostForm, SignInForm, SignUpForm
from app.posts import add_post, find_post_or_404, newest_posts
from app.sessions import safe_next_page
from app.users import EmailTaken, add_user, canonical_email, user_with_password

pages = Blueprint("pages", __name__)

# "No account with this email" would tell anyone which emails have an account.
SIGN_IN_FAILED = "Wrong email or password."


@pages.get("/")
def index():
    return render_template("index.html", posts=newest_posts())


@pages.get("/posts/<int:post_id>")
def show_post(post_id: int):
    return render_template("post.html", post=find_post_or_404(post_id))


@pages.route("/posts/new", methods=["GET", "POST"])
@login_required
def new_post():
    form = PostForm()
    if form.validate_on_submit():
        # The author is whoever is signed in: an author_id sent with the form is not even read.
        post = add_post(form.title.data, form.content.data, current_user)
        # The message waits in the session cookie, signed with SECRET_KEY, until the next page shows it.
        flash("Your post is published.")
        # 303 See Other: the browser follows it with a GET, so a reload does not post twice.
        return redirect(url_for("pages.show_post", post_id=post.id), 303)
    return form_page("new_post.html", form)


@pages.post("/posts/<int:post_id>/delete")
@login_required
def delete_post(post_id: int):
    post = find_post_or_404(post_id)
    # Being signed in says who someone is; only the post's author may delete it (as in the API).
    if post.author_id != current_user.id:
        abort(403, description="Only the author of a post may delete it.")
    db.session.delete(post)
    db.session.commit()
    flash("The post is deleted.")
    return redirect(url_for("pages.index"), 303)


@pages.route("/login", methods=["GET", "POST"])
def login():
    form = SignInForm()
    # Where to go once signed in: the page that sent the visitor here, if it is one of this site's.
    next_page = safe_next_page(request.args.get("next"))
    if form.validate_on_submit():
        user = user_with_password(form.email.data, form.password.data)
        if user is not None:
            login_user(user)  # the session now keeps the user's id
            return redirect(next_page or url_for("pages.index"), 303)
        form.form_errors.append(SIGN_IN_FAILED)
    return form_page("login.html", form, next_page=next_page)


@pages.post("/logout")
def logout():
    # A POST, never a GET: a GET must change nothing, or any page could sign you out with an <img>.
    logout_user()
    session.clear()  # nothing of the signed-in visit stays in the cookie, its CSRF token neither
    flash("You are signed out.")
    return redirect(url_for("pages.index"), 303)


@pages.route("/signup", methods=["GET", "POST"])
def signup():
    form = SignUpForm()
    if form.validate_on_submit():
        try:
            user = add_user(canonical_email(form.email.data), form.password.data)
        except EmailTaken as taken:  # the database's unique constraint said so: see add_user
            form.email.errors.append(str(taken))
        else:
            login_user(user)
            flash(f"Welcome, {user.email}: you are signed in.")
            return redirect(url_for("pages.index"), 303)
    return form_page("signup.html", form)


def form_page(template: str, form: FlaskForm, **context):
    """The page of a form: a blank one to fill in, or one that was sent and refused, shown again with
    its problems and what was typed, answering 400."""
    status = 400 if form.is_submitted() else 200
    return render_template(template, form=form, **context), status
