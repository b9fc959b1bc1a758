"""Many numbers on one trunk: one `PhoneNumberAssignment` per number against one `PhoneNumberAssignments`.

The dynamic-provider host runs at most four provider calls at once, so single assignments cost about
numbers x (round trips per number) / 4; the bulk resource assigns its numbers with its own bounded
concurrency inside one call. Both stacks hold one trunk and the same numbers, at the same added latency.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .probes import RequestLog, Requests, timed
from .stacks import Program, phone_number

KINDS = ("single", "bulk")


def _program(kind: str, numbers: list[str]) -> Program:
    from pulumi_sinch_est.resources.phone_number_assignment import PhoneNumberAssignment
    from pulumi_sinch_est.resources.trunk import Trunk

    def program() -> None:
        trunk = Trunk("trunk", name="Bulk", host_name=f"bench-{kind}")
        if kind == "bulk":
            from pulumi_sinch_est.resources.phone_number_assignments import PhoneNumberAssignments

            PhoneNumberAssignments("numbers", trunk_id=trunk.id, phone_numbers=numbers)
        else:
            for number in numbers:
                PhoneNumberAssignment(f"number{number}", phone_number=number, trunk_id=trunk.id)

    return program


def _requests(r: Requests) -> dict[str, int]:
    return {"reads": r.reads, "writes": r.writes, "tokens": r.tokens}


def compare_bulk(
    engine: Callable[[], Any], log: RequestLog, count: int, latency_ms: int, kinds: Sequence[str] = KINDS
) -> dict[str, Any]:
    """Time `up` and `destroy` of `count` numbers each way; the result holds a printable `table`."""
    numbers = [phone_number(i) for i in range(count)]
    result: dict[str, Any] = {"numbers": count, "latency_ms": latency_ms}
    for kind in kinds:
        eng = engine()
        stack = eng.stack(_program(kind, numbers), project=f"bulk-{kind}")
        measured: dict[str, Any] = {}
        for op, action in (("up", stack.up), ("destroy", stack.destroy)):
            log.clear()
            seconds, _ = timed(action)
            measured[f"{op}_s"] = round(seconds, 2)
            measured[f"{op}_requests"] = _requests(log.read())
        stack.workspace.remove_stack(stack.name)
        result[kind] = measured
    lines = [f"{count} numbers on one trunk at {latency_ms} ms per call:"]
    for kind in kinds:
        m = result[kind]
        lines.append(
            f"  {kind:<6}  up {m['up_s']:>7.2f} s  destroy {m['destroy_s']:>7.2f} s  up requests {m['up_requests']}"
        )
    if all(k in result for k in KINDS):
        for op in ("up", "destroy"):
            result[f"speedup_{op}"] = round(result["single"][f"{op}_s"] / result["bulk"][f"{op}_s"], 2)
        lines.append(f"  bulk is {result['speedup_up']}x faster on up, {result['speedup_destroy']}x on destroy")
    result["table"] = "\n".join(lines)
    return result
