"""The JSON API, for programs."""

from __future__ import annotations

import re

from flask import Blueprint, abort, current_app, jsonify, request, url_for
from flask.views import MethodView
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

from app.checks import problems_with, search_problem, user_problems, user_with_id
from app.queries import page_of_posts, post_or_404, publish, user_or_404, users_by_id
from app.shapes import post_shape, user_shape
from app.storage import BIGGEST_ID, db
from app.tables import User

rest = Blueprint("api", __name__)

BIGGEST_PAGE = 100
# To reach a page, the database skips (page - 1) * limit posts: a number that must fit in 64 bits, as
# a row id does, or the driver raises OverflowError. No table holds that many posts: a later page
# would be empty anyway.
LAST_PAGE = BIGGEST_ID // BIGGEST_PAGE


def json_object(looks_like: str) -> dict:
    if not request.is_json:
        abort(415, description="Please send JSON (Content-Type: application/json).")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description=f"The body must be a JSON object, like {looks_like}.")
    return body


def refuse(problems: dict[str, str]) -> None:
    if problems:
        abort(400, description=" ".join(problems.values()))


def limit_from_query() -> int:
    text = request.args.get("limit")
    if text is None:
        return current_app.config["POSTS_DEFAULT_LIMIT"]
    # [0-9], not \d: \d also matches digits such as "²" that int() refuses; three at most, so that
    # int() never has to read thousands of them.
    if re.fullmatch(r"[0-9]{1,3}", text) is None or not 0 < int(text) <= BIGGEST_PAGE:
        abort(400, description=f"Use a limit between 1 and {BIGGEST_PAGE}.")
    return int(text)


def page_from_query() -> int:
    text = request.args.get("page")
    if text is None:
        return 1
    # As for the limit: [0-9] only, and 17 digits at most, as many as LAST_PAGE has.
    if re.fullmatch(r"[0-9]{1,17}", text) is None or not 0 < int(text) <= LAST_PAGE:
        abort(400, description=f"Use a page between 1 and {LAST_PAGE}.")
    return int(text)


def created(shape: dict, endpoint: str, **values):
    response = jsonify(shape)
    response.status_code = 201
    response.location = url_for(endpoint, **values, _external=True)
    return response


class PostCollection(MethodView):
    def get(self):
        limit = limit_from_query()
        page = page_from_query()
        words = request.args.get("q", "").strip()
        problem = search_problem(words)
        if problem:
            abort(400, description=problem)
        return jsonify([post_shape(post) for post in page_of_posts(words, limit, page)])

    def post(self):
        body = json_object('{"title": "...", "content": "...", "author_id": 1}')
        problems = problems_with(body)
        author = user_with_id(body.get("author_id"))
        if author is None:
            problems["author_id"] = "The author_id must be the id of a user."
        refuse(problems)
        post = publish(body["title"], body["content"], author)
        return created(post_shape(post), "api.post_item", post_id=post.id)


class PostItem(MethodView):
    def get(self, post_id: int):
        return jsonify(post_shape(post_or_404(post_id)))

    def patch(self, post_id: int):
        post = post_or_404(post_id)
        body = json_object('{"title": "..."}')
        given = [name for name in ("title", "content") if name in body]
        if not given:
            abort(400, description="Send a new title, a new content, or both.")
        refuse(problems_with(body, given))
        for name in given:
            setattr(post, name, body[name].strip())
        db.session.commit()
        return jsonify(post_shape(post))

    def delete(self, post_id: int):
        db.session.delete(post_or_404(post_id))
        db.session.commit()
        return "", 204


class UserCollection(MethodView):
    def get(self):
        return jsonify([user_shape(user) for user in users_by_id()])

    def post(self):
        body = json_object('{"email": "...", "password": "..."}')
        refuse(user_problems(body))
        # The method is a setting: slow on purpose, but for the tests (app/settings.py).
        method = current_app.config["PASSWORD_HASH_METHOD"]
        hashed = generate_password_hash(body["password"], method=method)
        user = User(email=body["email"], password_hash=hashed)
        email = user.email  # in its one spelling, by User
        db.session.add(user)
        try:
            db.session.commit()
        except IntegrityError:
            # The unique email decides, in the database: two requests at once cannot both win.
            db.session.rollback()
            abort(409, description=f"The email {email} already has an account.")
        return created(user_shape(user), "api.user_item", user_id=user.id)


class UserItem(MethodView):
    def get(self, user_id: int):
        return jsonify(user_shape(user_or_404(user_id)))

    def delete(self, user_id: int):
        # Their posts go too: ON DELETE CASCADE in the database.
        db.session.delete(user_or_404(user_id))
        db.session.commit()
        return "", 204


rest.add_url_rule("/posts", view_func=PostCollection.as_view("post_collection"))
rest.add_url_rule("/posts/<id:post_id>", view_func=PostItem.as_view("post_item"))
rest.add_url_rule("/users", view_func=UserCollection.as_view("user_collection"))
rest.add_url_rule("/users/<id:user_id>", view_func=UserItem.as_view("user_item"))
