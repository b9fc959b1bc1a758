"""`make demo`: deploy the bidirectional example (workflow C) against the local EST emulator.

Starts the emulator with its state kept in `.demo/`, runs `pulumi up` on a copy of
`examples/bidirectional` exactly as `pulumi up` in that folder would, then prints the trunk's SIP domain
and every object the API now holds. `make demo-destroy` (this script with `--destroy`) restarts the
emulator from the same state file and destroys the stack.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import httpx

from pulumi_sinch_est.emulator.config import EmulatorConfig
from pulumi_sinch_est.emulator.server import EmulatorServer
from tests.harness.engine import Engine, cli_root_from_env

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / ".demo"
EXAMPLE = REPO / "examples" / "bidirectional"


def _objects(env: dict[str, str]) -> list[str]:
    """One line per object the EST API shows for the demo project."""
    token = httpx.post(
        f"{env['SINCH_AUTH_URL']}/oauth2/token",
        auth=(env["SINCH_KEY_ID"], env["SINCH_KEY_SECRET"]),
        data={"grant_type": "client_credentials"},
    ).json()["access_token"]
    with httpx.Client(
        base_url=f"{env['SINCH_EST_URL']}/v1/projects/{env['SINCH_PROJECT_ID']}",
        headers={"Authorization": f"Bearer {token}"},
    ) as api:
        lines = []
        for trunk in api.get("/trunks").json()["trunks"]:
            lines.append(f"trunk     {trunk['id']}  {trunk['name']!r}  domain {trunk['domain']}")
            for acl_id in api.get(f"/trunks/{trunk['id']}/accessControlLists").json()["accessControlListIds"]:
                lines.append(f"  linked ACL {acl_id}")
            for endpoint in api.get(f"/trunks/{trunk['id']}/endpoints").json()["endpoints"]:
                lines.append(
                    f"  endpoint {endpoint['id']}  {endpoint['address']}:{endpoint['port']} "
                    f"priority {endpoint['priority']}"
                )
            for number in api.get("/phoneNumbers", params={"sipTrunkId": trunk["id"]}).json()["phoneNumbers"]:
                lines.append(f"  number   {number['phoneNumber']}")
        for acl in api.get("/accessControlLists").json()["accessControlLists"]:
            ranges = ", ".join(f"{r['ipAddress']}/{r['range']}" for r in acl["ipRanges"])
            lines.append(f"ACL       {acl['id']}  {acl['name']!r}  {ranges}")
        return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--destroy", action="store_true", help="destroy the demo stack instead")
    destroy = parser.parse_args().destroy

    work_dir = DEMO / EXAMPLE.name
    if not destroy:
        shutil.rmtree(work_dir, ignore_errors=True)
        shutil.copytree(EXAMPLE, work_dir)
    elif not work_dir.exists():
        print("Nothing to destroy: run `make demo` first.")
        return 0

    config = EmulatorConfig(port=0, state_file=DEMO / "emulator-state.json")
    with EmulatorServer(config) as server:
        env = server.env()
        print(f"EST emulator listening on {server.url}")
        engine = Engine(cli_root=cli_root_from_env(), root=DEMO / "pulumi", env=env)
        stack = engine.project_stack(work_dir, "dev")
        if destroy:
            stack.destroy(on_output=print)
            print("\nDemo stack destroyed; the emulator holds:", _objects(env) or "nothing")
            return 0
        outputs = stack.up(on_output=print).outputs
        print(f"\nSIP domain (send every INVITE here): {outputs['sip_domain'].value}")
        print("Objects in the emulator:")
        print("\n".join(f"  {line}" for line in _objects(env)))
    print("\nTear it down with: make demo-destroy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
