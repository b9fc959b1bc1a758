"""Page walking across envelope variants."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_sinch_est.client import UnexpectedResponseError
from pulumi_sinch_est.client.pagination import walk_pages, walk_token_pages


def pages(*bodies: Any) -> tuple[list[int], Any]:
    requested: list[int] = []

    def fetch(page: int) -> Any:
        requested.append(page)
        return bodies[page - 1]

    return requested, fetch


@pytest.mark.parametrize(
    ("size_key", "number"),
    [("pageSize", lambda n: n), ("size", lambda n: n), ("pageSize", str), ("size", str)],
    ids=["pageSize-int", "size-int", "pageSize-str", "size-str"],
)
def test_walks_every_page(size_key: str, number: Any) -> None:
    bodies = [
        {"trunks": [1, 2], "totalItems": 5, "pageNumber": number(1), size_key: 2},
        {"trunks": [3, 4], "totalItems": 5, "pageNumber": number(2), size_key: 2},
        {"trunks": [5], "totalItems": 5, "pageNumber": number(3), size_key: 2},
    ]
    requested, fetch = pages(*bodies)

    assert walk_pages(fetch, ("trunks",), "listing") == [1, 2, 3, 4, 5]
    assert requested == [1, 2, 3]


def test_first_listed_key_wins_and_alternates_are_read() -> None:
    _, fetch = pages(
        {"sipTrunks": ["a"], "totalItems": 2, "pageNumber": 1, "pageSize": 1},
        {"trunks": ["b"], "sipTrunks": ["ignored"], "totalItems": 2, "pageNumber": 2, "pageSize": 1},
    )

    assert walk_pages(fetch, ("trunks", "sipTrunks"), "listing") == ["a", "b"]


@pytest.mark.parametrize(
    "body",
    [
        {"trunks": ["a"]},
        {"trunks": ["a"], "totalItems": 9, "pageNumber": 1},
        {"trunks": ["a"], "totalItems": 9, "pageNumber": 1, "pageSize": 0},
        {"trunks": ["a"], "totalItems": "many", "pageNumber": 1, "pageSize": 1},
    ],
    ids=["no-envelope", "no-size", "zero-size", "bad-total"],
)
def test_stops_when_the_envelope_cannot_tell(body: dict[str, Any]) -> None:
    requested, fetch = pages(body, {"trunks": ["b"]})

    assert walk_pages(fetch, ("trunks",), "listing") == ["a"]
    assert requested == [1]


def test_stops_at_an_empty_page_even_if_totals_promise_more() -> None:
    requested, fetch = pages(
        {"trunks": ["a"], "totalItems": 3, "pageNumber": 1, "pageSize": 1},
        {"trunks": [], "totalItems": 3, "pageNumber": 2, "pageSize": 1},
    )

    assert walk_pages(fetch, ("trunks",), "listing") == ["a"]
    assert requested == [1, 2]


def test_a_server_ignoring_the_page_parameter_is_detected() -> None:
    body = {"trunks": ["a"], "totalItems": 2, "pageNumber": 1, "pageSize": 1}
    _, fetch = pages(body, body)

    with pytest.raises(UnexpectedResponseError, match="asked for page 2 but got page 1"):
        walk_pages(fetch, ("trunks",), "listing trunks")


def test_bare_array_and_empty_object_and_empty_body() -> None:
    assert walk_pages(lambda page: ["a", "b"], ("callBlockingRules",), "l") == ["a", "b"]
    assert walk_pages(lambda page: {}, ("accessControlListIds",), "l") == []
    assert walk_pages(lambda page: None, ("trunks",), "l") == []


@pytest.mark.parametrize("body", ["text", {"trunks": "not-a-list"}])
def test_malformed_bodies_are_unexpected(body: Any) -> None:
    with pytest.raises(UnexpectedResponseError):
        walk_pages(lambda page: body, ("trunks",), "listing trunks")


def test_token_pages_stop_at_an_empty_or_missing_token() -> None:
    bodies = {None: {"activeNumbers": [1], "nextPageToken": "x"}, "x": {"activeNumbers": [2]}}

    assert walk_token_pages(lambda token: bodies[token], "activeNumbers", "l") == [1, 2]


def test_a_repeated_page_token_is_detected() -> None:
    with pytest.raises(UnexpectedResponseError, match="same page token twice"):
        walk_token_pages(lambda token: {"activeNumbers": [1], "nextPageToken": "loop"}, "activeNumbers", "l")
