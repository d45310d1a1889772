"""The JSON API, for programs."""

from __future__ import annotations

import re
from dataclasses import asdict

from flask import Blueprint, abort, jsonify, request, url_for
from flask.views import MethodView

from app.blog import blog, post_or_404, problems_with

rest = Blueprint("api", __name__)

PAGE_SIZE = 20
BIGGEST_PAGE = 100


def json_object() -> dict:
    if not request.is_json:
        abort(415, description="Please send JSON (Content-Type: application/json).")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description="The body must be a JSON object with a title and a content.")
    return body


def limit_from_query() -> int:
    text = request.args.get("limit", str(PAGE_SIZE))
    # [0-9], not \d: \d also matches digits such as "²" that int() refuses; three at most, so that
    # int() never has to read thousands of them.
    if re.fullmatch(r"[0-9]{1,3}", text) is None or not 0 < int(text) <= BIGGEST_PAGE:
        abort(400, description=f"Use a limit between 1 and {BIGGEST_PAGE}.")
    return int(text)


class PostCollection(MethodView):
    def get(self):
        limit = limit_from_query()
        query = request.args.get("q", "").strip().casefold()
        found = [p for p in blog().newest_first() if query in (p.title + " " + p.content).casefold()]
        return jsonify([asdict(post) for post in found[:limit]])

    def post(self):
        body = json_object()
        problems = problems_with(body)
        if problems:
            abort(400, description=" ".join(problems.values()))
        post = blog().publish(body["title"], body["content"])
        response = jsonify(asdict(post))
        response.status_code = 201
        response.location = url_for("api.post_item", post_id=post.id, _external=True)
        return response


class PostItem(MethodView):
    def get(self, post_id: int):
        return jsonify(asdict(post_or_404(post_id)))

    def patch(self, post_id: int):
        post = post_or_404(post_id)
        body = json_object()
        given = [name for name in ("title", "content") if name in body]
        if not given:
            abort(400, description="Send a new title, a new content, or both.")
        problems = problems_with(body, given)
        if problems:
            abort(400, description=" ".join(problems.values()))
        for name in given:
            setattr(post, name, body[name].strip())
        return jsonify(asdict(post))

    def delete(self, post_id: int):
        del blog().posts[post_or_404(post_id).id]
        return "", 204


rest.add_url_rule("/posts", view_func=PostCollection.as_view("post_collection"))
rest.add_url_rule("/posts/<int:post_id>", view_func=PostItem.as_view("post_item"))
