"""Concurrent requests: the backend's lock makes every operation atomic."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pulumi_sinch_est.emulator import EmulatorServer

from .support import Api, client


def _create_trunks(server: EmulatorServer, token: str, project: str, host_names: list[str]) -> list[int]:
    def create(host_name: str) -> int:
        with client(server) as http:
            response = http.post(
                f"/v1/projects/{project}/trunks",
                json={"name": "t", "hostName": host_name},
                headers={"Authorization": f"Bearer {token}"},
            )
            return response.status_code

    with ThreadPoolExecutor(max_workers=len(host_names)) as pool:
        return list(pool.map(create, host_names))


def test_twenty_threads_with_distinct_host_names_all_win(api: Api) -> None:
    statuses = _create_trunks(api.server, api.token, api.project, [f"parallel-{i}" for i in range(20)])
    assert statuses == [201] * 20
    body = api.get("/trunks").json()
    assert body["totalItems"] == 20 and len({t["id"] for t in body["trunks"]}) == 20


def test_twenty_threads_with_the_same_host_name_exactly_one_wins(api: Api) -> None:
    statuses = _create_trunks(api.server, api.token, api.project, ["contended"] * 10 + ["CONTENDED"] * 10)
    assert sorted(statuses) == [201] + [409] * 19
    assert api.get("/trunks").json()["totalItems"] == 1


def test_two_names_contended_by_ten_threads_each(api: Api) -> None:
    statuses = _create_trunks(api.server, api.token, api.project, ["left", "right"] * 10)
    assert statuses.count(201) == 2 and statuses.count(409) == 18
    assert sorted(t["hostName"] for t in api.get("/trunks").json()["trunks"]) == ["left", "right"]
