"""The JSON API, for programs: Flask-RESTful resources on the "api" blueprint.

Anyone may read. Writing needs an access token from POST /auth/login (app/passport.py), in the
header `Authorization: Bearer <token>`: the token says who writes, and only a post's author may
change it.
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, make_response, request, url_for
from flask_jwt_extended import get_current_user, jwt_required
from flask_restful import Api, Resource, marshal_with, reqparse
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.orm import joinedload, raiseload
from werkzeug.exceptions import BadRequest

from app.checks import LONGEST_SEARCH, post_text, search_words, whole_number
from app.oops import FieldsAtFault
from app.queries import newest_first, one_page, post_or_404, publish, user_or_404, users_by_id
from app.shapes import POST_SHAPE, USER_SHAPE
from app.storage import BIGGEST_ID, db
from app.tables import LONGEST, Post, User

rest = Blueprint("api", __name__)

BIGGEST_PAGE = 100
# To reach a page, the database skips (page - 1) * per_page rows: a number that must fit in 64 bits,
# as a row id does, or the driver raises OverflowError. No table holds that many rows: a later page
# would be empty anyway.
LAST_PAGE = BIGGEST_ID // BIGGEST_PAGE


class FlaskAnswersErrors(Api):
    """Flask-RESTful's Api, except that Flask answers every error, as it does for the pages.

    Api puts its error_router() in front of the app's handle_user_exception and handle_exception,
    and sends each error of a resource to Api.handle_error(), which answers {"message": ...}.
    Handed straight to Flask's own handler, an error reaches show_error() in app/oops.py, which
    answers {"error", "message", "code"}; and an unexpected exception is logged first, as in any view.
    Flask-JWT-Extended's refusals too reach the handlers it gave the app (app/bearer.py): Api's own
    handle_error would answer them with a 500 whenever PROPAGATE_EXCEPTIONS is off.
    """

    def error_router(self, original_handler, e):
        return original_handler(e)


api = FlaskAnswersErrors(rest)


# What a request may send. Each argument says where it is: location="json" for the body,
# location="args" for the query string. Without it, reqparse would read a JSON body on every
# request, and a GET has none. bundle_errors: one 400 names every argument at fault, not the first.


def post_arguments(required: bool) -> reqparse.RequestParser:
    """The title and the content from the body. Not required (PATCH): what is left out is not read."""
    parser = reqparse.RequestParser(bundle_errors=True)
    for name in ("title", "content"):
        parser.add_argument(
            name,
            type=post_text(name),
            location="json",
            required=required,
            store_missing=False,
            nullable=False,  # null is not text
            help=f"Please fill in the {name}, in {LONGEST[name]} characters at most, "
            "without a NUL or a lone surrogate.",
        )
    return parser


# A new post takes the same fields as a whole one: its author is whoever the token names, so an
# author_id in the body is a field there is not.
WHOLE_POST = post_arguments(required=True)
POST_CHANGES = post_arguments(required=False)

PAGING = reqparse.RequestParser(bundle_errors=True)
PAGING.add_argument(
    "page",
    type=whole_number(LAST_PAGE),
    location="args",
    default=1,
    help=f"Use a page between 1 and {LAST_PAGE}.",
)
PAGING.add_argument(
    "per_page",
    type=whole_number(BIGGEST_PAGE),
    location="args",
    default=lambda: current_app.config["PER_PAGE"],  # a default that is a function is called each time
    help=f"Use a per_page between 1 and {BIGGEST_PAGE}.",
)

SEARCH = PAGING.copy().add_argument(
    "q",
    type=search_words,
    location="args",
    default="",
    trim=True,
    help=f"Search for {LONGEST_SEARCH} characters at most, without a NUL, in q.",
)


def from_json_object(parser: reqparse.RequestParser, looks_like: str) -> reqparse.Namespace:
    """The arguments of the JSON object in the body; one 400 names every field at fault, if any."""
    # reqparse reads the fields of a JSON object, and cannot read anything else: checked first.
    if not request.is_json:
        abort(415, description="Please send JSON (Content-Type: application/json).")
    body = json_or_none()
    if not isinstance(body, dict):
        abort(400, description=f"The body must be a JSON object, like {looks_like}.")
    return checked_arguments(parser, problems=unknown_fields(body, parser))


def json_or_none():
    """The body as JSON; None when it is not JSON, or nested too deep to read."""
    try:
        return request.get_json(silent=True)  # silent: None for broken JSON, not Flask's own 400
    except RecursionError:
        # [[[[...]]]] nested 50,000 deep is JSON, but Python's parser gives up on it: not an object.
        return None


def unknown_fields(body: dict, parser: reqparse.RequestParser) -> dict[str, str]:
    """A problem for each field of the body that the parser does not read.

    Ignored, a misspelt "titel" would look saved to the client that sent it.
    """
    readable = [argument.name for argument in parser.args]
    return {
        name: f"There is no field called {name} here; send only {', '.join(readable)}."
        for name in body
        if name not in readable
    }


def checked_arguments(
    parser: reqparse.RequestParser, problems: dict[str, str] | None = None
) -> reqparse.Namespace:
    """parser.parse_args(), except that what reqparse refuses is added to the problems found already,
    and that any problem raises FieldsAtFault: a 400 whose "fields" names each field at fault."""
    problems = dict(problems or {})
    try:
        arguments = parser.parse_args()
    except BadRequest as refused:
        # With bundle_errors, reqparse aborts with message={"title": "...", ...}: error.data keeps it.
        problems = refused.data["message"] | problems
    if problems:
        raise FieldsAtFault(problems)
    return arguments


# A page of a list, and where the others are.


def page_answer(page: Pagination, arguments: reqparse.Namespace):
    """The rows of the page, with X-Total-Count and a Link header (RFC 8288) to the other pages."""
    headers = {"X-Total-Count": str(page.total), "Link": link_header(page, arguments)}
    return page.items, 200, headers


def link_header(page: Pagination, arguments: reqparse.Namespace) -> str:
    last = page.pages or 1  # with nothing to list, the one page there is, empty, is the first and the last
    linked = [("first", 1)]
    if page.has_prev:
        # From a page past the end, back to the last page, not to another empty one.
        linked.append(("prev", min(page.prev_num, last)))
    if page.has_next:
        linked.append(("next", page.next_num))
    linked.append(("last", last))
    return ", ".join(f'<{address_of_page(number, arguments)}>; rel="{rel}"' for rel, number in linked)


def address_of_page(number: int, arguments: reqparse.Namespace) -> str:
    """The full URL of another page of this list, with the same ?per_page= and ?q=."""
    query = {"page": number, "per_page": arguments.per_page}
    if arguments.get("q"):
        query["q"] = arguments.q
    # base_url: this request's URL, from http:// to the path, without its query string.
    return f"{request.base_url}?{urlencode(query)}"


def only_for(owner: User, thing: str) -> None:
    """403 unless the token's user is `owner`. The token said who is asking (or it was a 401); this
    says whether they may: "you, but not this"."""
    if owner.id != get_current_user().id:
        abort(403, description=f"This {thing} belongs to {owner.email}: only they may change or delete it.")


def created(thing, endpoint: str, **values):
    return thing, 201, {"Location": url_for(endpoint, **values, _external=True)}


def nothing_left():
    # A response of our own: Flask-RESTful would write even "" as JSON, and a 204 has no body.
    return make_response("", 204)


# Flask-RESTful puts these decorators around the methods they name: reading needs no token.
NEEDS_A_TOKEN = [jwt_required()]


class PostList(Resource):
    method_decorators: ClassVar = {"post": NEEDS_A_TOKEN}

    @marshal_with(POST_SHAPE)
    def get(self):
        arguments = checked_arguments(SEARCH)
        # The authors come in the same query, joined, not in one more query per post (N+1).
        # raiseload("*"): reading any other relationship while listing is an error, not a quiet query.
        query = newest_first(arguments.q).options(joinedload(Post.author), raiseload("*"))
        return page_answer(one_page(query, arguments.page, arguments.per_page), arguments)

    @marshal_with(POST_SHAPE)
    def post(self):
        new = from_json_object(WHOLE_POST, '{"title": "...", "content": "..."}')
        # The author is the token's user (get_current_user(): the User itself, not a stand-in).
        post = publish(new.title, new.content, get_current_user())
        return created(post, "api.post_item", post_id=post.id)


def post_to_change(post_id: int) -> Post:
    """The post, if the token's user wrote it: 404 when there is no such post, else 403 for anyone else."""
    post = post_or_404(post_id)
    only_for(post.author, "post")
    return post


class PostItem(Resource):
    method_decorators: ClassVar = {"put": NEEDS_A_TOKEN, "patch": NEEDS_A_TOKEN, "delete": NEEDS_A_TOKEN}

    @marshal_with(POST_SHAPE)
    def get(self, post_id: int):
        return post_or_404(post_id)

    @marshal_with(POST_SHAPE)
    def put(self, post_id: int):
        post = post_to_change(post_id)
        new = from_json_object(WHOLE_POST, '{"title": "...", "content": "..."}')
        post.title, post.content = new.title, new.content
        db.session.commit()
        return post

    @marshal_with(POST_SHAPE)
    def patch(self, post_id: int):
        post = post_to_change(post_id)
        changes = from_json_object(POST_CHANGES, '{"title": "..."}')
        if not changes:
            abort(400, description="Send a new title, a new content, or both.")
        for name, value in changes.items():
            setattr(post, name, value)
        db.session.commit()
        return post

    def delete(self, post_id: int):
        db.session.delete(post_to_change(post_id))
        db.session.commit()
        return nothing_left()


class UserList(Resource):
    # Only GET: a user is made by POST /auth/register (app/passport.py), and POST here is a 405.
    @marshal_with(USER_SHAPE)
    def get(self):
        arguments = checked_arguments(PAGING)
        return page_answer(one_page(users_by_id(), arguments.page, arguments.per_page), arguments)


class UserItem(Resource):
    method_decorators: ClassVar = {"delete": NEEDS_A_TOKEN}

    @marshal_with(USER_SHAPE)
    def get(self, user_id: int):
        return user_or_404(user_id)

    def delete(self, user_id: int):
        user = user_or_404(user_id)
        only_for(user, "account")
        # Their posts go too: ON DELETE CASCADE in the database. Their tokens are refused from now
        # on: they name a user there is not (app/bearer.py).
        db.session.delete(user)
        db.session.commit()
        return nothing_left()


api.add_resource(PostList, "/posts", endpoint="post_collection")
api.add_resource(PostItem, "/posts/<id:post_id>", endpoint="post_item")
api.add_resource(UserList, "/users", endpoint="user_collection")
api.add_resource(UserItem, "/users/<id:user_id>", endpoint="user_item")
