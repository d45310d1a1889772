"""Accounts on the pages: joining, logging in and out, with Flask-Login, and CSRFProtect, which makes
sure that every form sent here comes from a page of this site.

Flask-Login keeps the id of whoever is logged in in the session: the cookie that Flask signs with
SECRET_KEY, which the browser sends back with every request. Because it does so by itself, also with
a form that another site makes it send, every form of the pages carries a CSRF token too.
"""

from __future__ import annotations

import secrets
from functools import cache
from typing import ClassVar
from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import LoginManager, login_user, logout_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import EmailField, PasswordField

# checks.password, named here for what it is: each form has a field called password.
from app.checks import CheckedForm, email_address, taken_email
from app.checks import password as password_rule
from app.queries import account_with_email, new_account
from app.storage import db
from app.tables import User

accounts = Blueprint("accounts", __name__)

logins = LoginManager()
# @login_required sends a visitor who is not logged in here, with ?next= the page they asked for.
logins.login_view = "accounts.log_in"
logins.login_message = "Please log in first."

csrf = CSRFProtect()

# The same answer for an unknown email and a wrong password: a different one would tell anyone
# which emails have an account.
NO_MATCH = "That email and password do not match an account."


def setup_accounts(app: Flask) -> None:
    """current_user in every view and template, and a CSRF token checked on every POST."""
    logins.init_app(app)
    csrf.init_app(app)


@logins.user_loader
def logged_in_user(user_id: str) -> User | None:
    """The user whose id the session keeps; None if they were deleted since: then nobody is logged in."""
    return db.session.get(User, int(user_id))


class LogInForm(CheckedForm):
    # Nothing is checked field by field: whatever is wrong, the answer is NO_MATCH.
    email = EmailField("Email", render_kw={"autocomplete": "username", "required": True})
    password = PasswordField("Password", render_kw={"autocomplete": "current-password", "required": True})


class JoinForm(CheckedForm):
    checks: ClassVar = {"email": email_address, "password": password_rule}

    email = EmailField("Email", render_kw={"autocomplete": "username", "required": True})
    # A PasswordField is always shown empty: a form shown again never holds the password typed.
    password = PasswordField("Password", render_kw={"autocomplete": "new-password", "required": True})


@accounts.route("/login", methods=["GET", "POST"])
def log_in():
    form = LogInForm()
    if form.validate_on_submit():
        user = user_with_password(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            flash("Welcome back!")
            return redirect(next_page(request.args.get("next")), code=303)
        form.form_errors.append(NO_MATCH)
    return account_page(form, "Log in", "Log in")


@accounts.route("/signup", methods=["GET", "POST"])
def join():
    form = JoinForm()
    if form.validate_on_submit():
        address = email_address(form.email.data)  # the one spelling it is stored in
        user = new_account(address, form.password.data)
        if user is not None:
            login_user(user)
            flash(f"Your account is ready, {user.email}: you are logged in.")
            return redirect(url_for("pages.home"), code=303)
        form.email.errors.append(taken_email(address))
    return account_page(form, "Create an account", "Create my account")


@accounts.post("/logout")
def log_out():
    # Only a POST: a GET must change nothing, or any page could log its visitors out with an <img>.
    logout_user()
    # Nothing of the visit stays in the cookie, its CSRF token neither: forms given out before are refused.
    session.clear()
    flash("You are logged out.")
    return redirect(url_for("pages.home"), code=303)


def account_page(form: CheckedForm, heading: str, button: str):
    # A form that was sent comes back only when it was refused: 400, as for the new-post form.
    status = 400 if request.method == "POST" else 200
    return render_template("account.html", form=form, heading=heading, button=button), status


def user_with_password(email: str, typed: str) -> User | None:
    """The user with this email, if this is their password; None for anything else."""
    try:
        address = email_address(email)
        # No account has a password that joining refuses. Refused before hashing, as the hash would
        # take "secret\0" for "secret": PBKDF2, and scrypt, which starts with it, pad a password with NULs.
        password_rule(typed)
    except ValueError:
        return None
    user = account_with_email(address)
    if user is None:
        # Hash the password all the same, against a hash that no password matches: an unknown email
        # then takes as long as a wrong password, and the time tells nobody who has an account either.
        check_password_hash(decoy_hash(current_app.config["PASSWORD_HASH_METHOD"]), typed)
        return None
    return user if user.has_password(typed) else None


@cache
def decoy_hash(method: str) -> str:
    """The hash of a random password that nobody knows, made once for each hash method."""
    return generate_password_hash(secrets.token_hex(32), method=method)


def next_page(target: str | None) -> str:
    """Where to go once logged in: `target` if it is a path of this site, else the home page."""
    if target and is_path_of_this_site(target):
        return target
    return url_for("pages.home")


def is_path_of_this_site(target: str) -> bool:
    """Whether a browser sent to `target` stays on this site.

    Anything else is an open redirect: a link that shows this site's address, and leads whoever logs
    in to a copy of it that asks for their password again.
    """
    address = urlsplit(target)
    return (
        target.startswith("/")
        and not target.startswith("//")  # //evil.example: another host, with this page's scheme
        and not address.scheme
        and not address.netloc
        and "\\" not in target  # browsers read /\evil.example as //evil.example
        and target.isprintable()  # and drop a tab or a newline inside a URL: /\t/evil.example
    )
