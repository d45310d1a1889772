"""Accounts for the API: plain Flask views on the "auth" blueprint, under /auth, that give out tokens.

    POST /auth/register  {"email", "password"}  201, the new user
    POST /auth/login     {"email", "password"}  200 {"access_token", "refresh_token", "user"}
    POST /auth/refresh   with the refresh token  200 {"access_token"}
    GET  /auth/me        with an access token    200, the token's user
    POST /auth/logout    with either token       204, and that token is refused from then on

The pages log people in with the session cookie instead (app/accounts.py). A browser sends a cookie
by itself, with any request, from any site; a token only goes where the client's own code puts it.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, url_for
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    get_current_user,
    get_jwt,
    jwt_required,
)
from flask_restful import marshal, reqparse

from app.accounts import NO_MATCH, user_with_password
from app.bearer import log_out_token
from app.checks import LONGEST_PASSWORD, SHORTEST_PASSWORD, email_address, password, taken_email, text_to_try
from app.oops import FieldsAtFault
from app.queries import new_account
from app.rest import from_json_object, nothing_left
from app.shapes import USER_SHAPE
from app.tables import LONGEST

passport = Blueprint("auth", __name__)

LOOKS_LIKE = '{"email": "...", "password": "..."}'

NEW_USER = reqparse.RequestParser(bundle_errors=True)
NEW_USER.add_argument(
    "email",
    type=email_address,
    location="json",
    required=True,
    nullable=False,
    help="Please give an email that looks right, like ada@example.com.",
)
NEW_USER.add_argument(
    "password",
    type=password,
    location="json",
    required=True,
    nullable=False,
    help=f"Please give a password of {SHORTEST_PASSWORD} to {LONGEST_PASSWORD} characters, "
    "without a NUL or a lone surrogate.",
)


def log_in_arguments() -> reqparse.RequestParser:
    """What a log-in must send: an email and a password, with fewer rules than NEW_USER's (see
    text_to_try)."""
    parser = reqparse.RequestParser(bundle_errors=True)
    for name, longest in [("email", LONGEST["email"]), ("password", LONGEST_PASSWORD)]:
        parser.add_argument(
            name,
            type=text_to_try(name, longest),
            location="json",
            required=True,
            nullable=False,
            help=f"Please give your {name}, in {longest} characters at most, "
            "without a NUL or a lone surrogate.",
        )
    return parser


LOG_IN = log_in_arguments()


def user_answer(user) -> dict:
    """What the API shows of a user: the same fields as /api/users, for jsonify()."""
    return marshal(user, USER_SHAPE)


def not_for_caches(answer: Response) -> Response:
    # An answer that holds a token is kept by no cache, a browser's or a proxy's (RFC 6749, 5.1).
    answer.headers["Cache-Control"] = "no-store"
    return answer


@passport.post("/register")
def register():
    """A new user, by the rules of the sign-up page: 201 and where to find them; 409 for a taken email."""
    new = from_json_object(NEW_USER, LOOKS_LIKE)
    user = new_account(new.email, new.password)
    if user is None:
        raise FieldsAtFault({"email": taken_email(new.email)}, code=409)
    where = url_for("api.user_item", user_id=user.id, _external=True)
    return jsonify(user_answer(user)), 201, {"Location": where}


@passport.post("/login")
def log_in():
    """Two tokens for the user with this email and password: an access token for the API, and a
    refresh token, which only gets new access tokens. 401 for any wrong email or password."""
    given = from_json_object(LOG_IN, LOOKS_LIKE)
    # An unknown email checks a password hash too, and takes as long: see user_with_password().
    user = user_with_password(given.email, given.password)
    if user is None:
        # One answer for every wrong email and password: another would tell who has an account.
        abort(401, description=NO_MATCH)
    return not_for_caches(
        jsonify(
            access_token=create_access_token(identity=user),
            refresh_token=create_refresh_token(identity=user),
            user=user_answer(user),
        )
    )


@passport.post("/refresh")
@jwt_required(refresh=True)  # a refresh token, and only a refresh token
def refresh():
    """A new access token, for the user of the refresh token sent."""
    # get_current_user(): the User itself; current_user only stands in for it.
    return not_for_caches(jsonify(access_token=create_access_token(identity=get_current_user())))


@passport.get("/me")
@jwt_required()
def me():
    """The user the access token names."""
    return jsonify(user_answer(get_current_user()))


@passport.post("/logout")
@jwt_required(verify_type=False)  # an access token or a refresh token: a client logs out of each it holds
def log_out():
    """204, and the token sent is refused from now on."""
    log_out_token(get_jwt())
    return nothing_left()
