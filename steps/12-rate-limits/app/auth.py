"""Signing in to the API with bearer tokens. create_app() registers it under AUTH_PREFIX, /auth.

    POST /auth/register  {email, password}  -> 201 the new user
    POST /auth/login     {email, password}  -> 200 {access_token, refresh_token, user}
    POST /auth/refresh   (refresh token)    -> 200 {access_token}
    GET  /auth/me        (access token)     -> 200 the token's user
    POST /auth/logout    (either token)     -> 204, and the token is revoked

A client sends its token in the header `Authorization: Bearer <token>`. The pages sign people in
with the session cookie instead (Flask-Login): a browser sends a cookie by itself, a token only
when the client's code adds it.
"""

from flask import Blueprint, Response, abort, url_for
from flask_jwt_extended import create_access_token, create_refresh_token, current_user, get_jwt, jwt_required
from flask_restful import Resource, marshal, marshal_with, reqparse

from app.api import USER_FIELDS, Api, parse_json_object, refuse
from app.models import MAX_EMAIL
from app.text import text_of_at_most
from app.tokens import revoke
from app.users import (
    MAX_PASSWORD,
    MIN_PASSWORD,
    EmailTaken,
    add_user,
    canonical_email,
    password_to_check,
    user_with_password,
    valid_password,
)

auth = Blueprint("auth", __name__)
AUTH_PREFIX = "/auth"

resources = Api(auth)

# Token answers are kept by no cache, a browser's or a proxy's (RFC 6749, 5.1: "no-store").
NOT_STORED = {"Cache-Control": "no-store"}

NEW_USER = reqparse.RequestParser(bundle_errors=True)
NEW_USER.add_argument(
    "email",
    type=canonical_email,
    required=True,
    nullable=False,
    location="json",
    help="email is required, as a valid address such as ada@example.com.",
)
NEW_USER.add_argument(
    "password",
    type=valid_password,
    required=True,
    nullable=False,
    location="json",
    help=f"password is required, as text of {MIN_PASSWORD} to {MAX_PASSWORD} characters, "
    "with no NUL and no lone surrogate.",
)

# A sign-in is refused with a 400 only for what no hash could check (see password_to_check). Anything
# else that is wrong, a password too short to be anyone's too, is the same 401.
CREDENTIALS = reqparse.RequestParser(bundle_errors=True)
CREDENTIALS.add_argument(
    "email",
    type=text_of_at_most("email", MAX_EMAIL),
    required=True,
    nullable=False,
    location="json",
    help="email is required, as text that is not blank.",
)
CREDENTIALS.add_argument(
    "password",
    type=password_to_check,
    required=True,
    nullable=False,
    location="json",
    help=f"password is required, as text of at most {MAX_PASSWORD} characters, "
    "with no NUL and no lone surrogate.",
)
EXAMPLE = '{"email": "...", "password": "..."}'


class Register(Resource):
    @marshal_with(USER_FIELDS)
    def post(self):
        """A new user, with step 08's rules: the email in its one spelling, a password of 8 to 128
        characters, and a taken email refused by the database's unique constraint."""
        user = parse_json_object(NEW_USER, EXAMPLE)
        try:
            new = add_user(user.email, user.password)
        except EmailTaken as taken:  # the database's unique constraint said so: see add_user
            refuse(409, {"email": str(taken)})
        return new, 201, {"Location": url_for("api.user", user_id=new.id)}


class Login(Resource):
    def post(self):
        """Two tokens for the user whose email and password these are: a short-lived access token
        for the API, and a refresh token that only gets new access tokens."""
        credentials = parse_json_object(CREDENTIALS, EXAMPLE)
        user = user_with_password(credentials.email, credentials.password)
        if user is None:
            # One answer for an unknown email and for a wrong password: a different one would tell
            # anyone who tries an email whether it has an account here.
            abort(401, description="The email or the password is wrong.")
        tokens = {
            "access_token": create_access_token(identity=user),
            "refresh_token": create_refresh_token(identity=user),
            "user": marshal(user, USER_FIELDS),
        }
        return tokens, 200, NOT_STORED


class Refresh(Resource):
    @jwt_required(refresh=True)
    def post(self):
        """A new access token, for the refresh token's user: only a refresh token is accepted."""
        return {"access_token": create_access_token(identity=current_user)}, 200, NOT_STORED


class Me(Resource):
    @jwt_required()
    @marshal_with(USER_FIELDS)
    def get(self):
        """The user the access token names."""
        return current_user


class Logout(Resource):
    @jwt_required(verify_type=False)
    def post(self):
        """Revokes the token sent, access or refresh: a client that signs out sends each one it has."""
        revoke(get_jwt())
        return Response(status=204)


resources.add_resource(Register, "/register", endpoint="register")
resources.add_resource(Login, "/login", endpoint="login")
resources.add_resource(Refresh, "/refresh", endpoint="refresh")
resources.add_resource(Me, "/me", endpoint="me")
resources.add_resource(Logout, "/logout", endpoint="logout")
