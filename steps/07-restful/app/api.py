"""The JSON API, as Flask-RESTful resources. create_app() registers it under API_PREFIX, /api."""

import flask_restful
from flask import Blueprint, Response, abort, request, url_for
from flask_restful import Resource, fields, marshal_with, reqparse
from sqlalchemy.orm import raiseload, selectinload

from app.database import db
from app.models import MAX_TITLE, Post, User
from app.posts import MAX_CONTENT, MAX_SEARCH, add_post, find_post_or_404, newest_posts_query, valid_search
from app.text import valid_text
from app.users import (
    MAX_PASSWORD,
    MIN_PASSWORD,
    add_user,
    can_be_an_id,
    canonical_email,
    find_author,
    find_user_by_email,
    find_user_or_404,
    valid_password,
)

api = Blueprint("api", __name__)
API_PREFIX = "/api"

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000  # so that the rows skipped, (page - 1) * per_page, stay a number SQLite can count


class Api(flask_restful.Api):
    """Flask-RESTful's Api, which leaves every error to the app's error handler."""

    def error_router(self, original_handler, e):
        # Flask-RESTful puts error_router in front of Flask's error handling, to send each error of a
        # resource to its own handle_error, which would answer {"message": ...}. Here every error goes
        # straight to Flask, which logs an unexpected exception and calls app/errors.py: {"error",
        # "message", "code"}. Flask-RESTful's routing would also look the URL up again, which raises
        # once more for a Host that TRUSTED_HOSTS refuses: that 400 would escape every handler as a 500.
        return original_handler(e)


# The Api adds each Resource to the blueprint: /api/posts, /api/posts/1...
resources = Api(api)


# What a client sees of a user and of a post: marshal_with() keeps these fields and nothing else,
# so a user's password_hash never leaves the app.
USER_FIELDS = {
    "id": fields.Integer,
    "email": fields.String,
    "created_at": fields.DateTime(dt_format="iso8601"),  # "2026-11-25T09:30:00.123456+00:00"
}
POST_FIELDS = {
    "id": fields.Integer,
    "title": fields.String,
    "content": fields.String,
    "author": fields.Nested(USER_FIELDS),
    "created_at": fields.DateTime(dt_format="iso8601"),
}


# What a request may send -------------------------------------------------------------------------


def whole_number_up_to(largest: int):
    """A reqparse type: a whole number from 1 to `largest`, written in plain digits."""

    def whole_number(text: str) -> int:
        # Plain digits only, as int() also takes " 7", "+7", "1_000" and the digits of other scripts.
        # reqparse answers 400 for any ValueError, int()'s own for thousands of digits too.
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= largest:
            raise ValueError(f"not a whole number from 1 to {largest}")
        return int(text)

    return whole_number


def text_of_at_most(name: str, longest: int):
    """A reqparse type: text of 1 to `longest` characters that a database can store, trimmed.

    The same rule as the pages' (app/text.py). A JSON body may hold any value, 42, null, a list:
    only text is a title or content.
    """

    def text(value) -> str:
        return valid_text(value, name, longest)

    return text


def an_id(value) -> int:
    """A reqparse type: a JSON whole number that can be an id, from 1 to LARGEST_ID.

    It looks nothing up. Under bundle_errors, reqparse takes only a ValueError for a wrong value:
    any other error, a database's own, would become the argument's value. The look-up comes after.
    """
    if not can_be_an_id(value):
        raise ValueError("not a whole number that can be an id")
    return value


# location= says where each argument is. Without it, reqparse reads the JSON body of every
# request, and Werkzeug answers 415 to a GET that has none. bundle_errors names every argument
# at fault, not only the first. `help` is the message for a missing or invalid argument.
PAGE = reqparse.RequestParser(bundle_errors=True)
PAGE.add_argument(
    "page",
    type=whole_number_up_to(MAX_PAGE),
    default=1,
    location="args",
    help=f"page must be a whole number from 1 to {MAX_PAGE}.",
)
PAGE.add_argument(
    "per_page",
    type=whole_number_up_to(MAX_PER_PAGE),
    default=DEFAULT_PER_PAGE,
    location="args",
    help=f"per_page must be a whole number from 1 to {MAX_PER_PAGE}.",
)

SEARCH = PAGE.copy()
SEARCH.add_argument(
    "q",
    type=valid_search,
    default="",
    location="args",
    help=f"q must be at most {MAX_SEARCH} characters, without NUL.",
)


def post_parser(*, required: bool) -> reqparse.RequestParser:
    """Reads a post's title and content from the JSON body. With required=False, as for PATCH,
    either may be left out, and what is left out is not in the result."""
    parser = reqparse.RequestParser(bundle_errors=True)
    for name, longest in [("title", MAX_TITLE), ("content", MAX_CONTENT)]:
        parser.add_argument(
            name,
            type=text_of_at_most(name, longest),
            required=required,
            nullable=False,
            store_missing=False,
            location="json",
            help=f"{name} is required, as text that is not blank, of at most {longest} characters, "
            "with no NUL and no lone surrogate.",
        )
    return parser


WHOLE_POST = post_parser(required=True)
POST_CHANGES = post_parser(required=False)
AUTHOR_HELP = "author_id must be the id of an existing user."
NEW_POST = post_parser(required=True).add_argument(
    "author_id",
    type=an_id,
    required=True,
    nullable=False,
    location="json",
    help=AUTHOR_HELP,
)

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


def parse_json_object(parser: reqparse.RequestParser, example: str) -> reqparse.Namespace:
    """The arguments `parser` reads from the request's JSON object; a 415 or a 400 showing the
    example when the body is not a JSON object."""
    if not request.is_json:
        abort(415, description="Send JSON, with the header Content-Type: application/json.")
    try:
        # silent=True gives None for broken JSON, instead of Flask's own vague 400.
        body = request.get_json(silent=True)
    except RecursionError:  # [[[[...]]]] nested thousands deep: JSON, but too deep for Python to read
        body = None
    # reqparse cannot read a body that is not an object ([], "text", 42...), so that is checked first.
    if not isinstance(body, dict):
        abort(400, description=f"Send a JSON object: {example}.")
    return parser.parse_args()


def author_or_400(author_id: int):
    """The user whose id the body gave as author_id; a 400 naming author_id if there is none."""
    author = find_author(author_id)
    if author is None:
        flask_restful.abort(400, message={"author_id": AUTHOR_HELP})  # as reqparse refuses
    return author


# Lists, a page at a time ---------------------------------------------------------------------------


def one_page(query, arguments: reqparse.Namespace):
    """The page of the query's results that ?page= and ?per_page= ask for, with the headers that
    say where the other pages are: X-Total-Count and Link. A page past the end is empty."""
    page = db.paginate(query, page=arguments.page, per_page=arguments.per_page, error_out=False)
    headers = {"X-Total-Count": str(page.total), "Link": page_links(page, arguments)}
    return page.items, 200, headers


def page_links(page, arguments: reqparse.Namespace) -> str:
    """The Link header (RFC 8288): the first, previous, next and last pages, as full URLs."""
    last = max(page.pages, 1)  # with no results at all, page 1 is the only page, and it is empty
    numbers = {"first": 1}
    if page.page > 1:
        numbers["prev"] = min(page.page - 1, last)  # from past the end, back to the last page
    if page.page < last:
        numbers["next"] = page.page + 1
    numbers["last"] = last
    return ", ".join(f'<{page_url(number, arguments)}>; rel="{rel}"' for rel, number in numbers.items())


def page_url(number: int, arguments: reqparse.Namespace) -> str:
    """This list's URL for another page, with the same ?q= and ?per_page=."""
    words = arguments.get("q") or None  # url_for leaves out an argument that is None
    return url_for(request.endpoint, page=number, per_page=arguments.per_page, q=words, _external=True)


# Posts ---------------------------------------------------------------------------------------------


class PostList(Resource):
    @marshal_with(POST_FIELDS)
    def get(self):
        """Newest first, a page at a time. ?q=word keeps posts that mention the word."""
        arguments = SEARCH.parse_args()
        # Each post shows its author. selectinload fetches the authors of the whole page in one more
        # query, instead of one query per post; raiseload("*") makes any other lazy load an error.
        query = newest_posts_query(arguments.q).options(selectinload(Post.author), raiseload("*"))
        return one_page(query, arguments)

    @marshal_with(POST_FIELDS)
    def post(self):
        post = parse_json_object(NEW_POST, '{"title": "...", "content": "...", "author_id": 1}')
        new = add_post(post.title, post.content, author_or_400(post.author_id))
        # Endpoints are named after their blueprint: "api.post", not "post".
        return new, 201, {"Location": url_for("api.post", post_id=new.id)}


class PostItem(Resource):
    @marshal_with(POST_FIELDS)
    def get(self, post_id: int):
        return find_post_or_404(post_id)

    @marshal_with(POST_FIELDS)
    def put(self, post_id: int):
        """Replaces the title and the content, both required; the author stays."""
        post = find_post_or_404(post_id)
        replacement = parse_json_object(WHOLE_POST, '{"title": "...", "content": "..."}')
        post.title, post.content = replacement.title, replacement.content
        db.session.commit()
        return post

    @marshal_with(POST_FIELDS)
    def patch(self, post_id: int):
        """Changes the title, the content or both: what the body leaves out stays as it is."""
        post = find_post_or_404(post_id)
        changes = parse_json_object(POST_CHANGES, '{"title": "..."}')
        if not changes:
            abort(400, description='Send title, content or both: {"title": "..."}.')
        for name, value in changes.items():
            setattr(post, name, value)
        db.session.commit()
        return post

    def delete(self, post_id: int):
        db.session.delete(find_post_or_404(post_id))
        db.session.commit()
        return Response(status=204)


# Users ---------------------------------------------------------------------------------------------


class UserList(Resource):
    @marshal_with(USER_FIELDS)
    def get(self):
        """By id, a page at a time."""
        return one_page(db.select(User).order_by(User.id), PAGE.parse_args())

    @marshal_with(USER_FIELDS)
    def post(self):
        user = parse_json_object(NEW_USER, '{"email": "...", "password": "..."}')
        # canonical_email gave the address in the one spelling it is stored in.
        if find_user_by_email(user.email) is not None:
            taken = f"A user with the email {user.email} already exists: choose another email."
            abort(409, description=taken)
        new = add_user(user.email, user.password)
        return new, 201, {"Location": url_for("api.user", user_id=new.id)}


class UserItem(Resource):
    @marshal_with(USER_FIELDS)
    def get(self, user_id: int):
        return find_user_or_404(user_id)

    def delete(self, user_id: int):
        # Their posts go with them: see the cascade on User.posts.
        db.session.delete(find_user_or_404(user_id))
        db.session.commit()
        return Response(status=204)


resources.add_resource(PostList, "/posts", endpoint="posts")
resources.add_resource(PostItem, "/posts/<int:post_id>", endpoint="post")
resources.add_resource(UserList, "/users", endpoint="users")
resources.add_resource(UserItem, "/users/<int:user_id>", endpoint="user")
