"""`python -m benchmarks`: time our providers against the no-op floor, in one run, and print one table.

For each stack size N and each added latency, a stack of the realistic mix (`stacks.py`) goes through
`up`, an empty `preview`, `refresh` and `destroy` against the emulator; the same graph built from the floor
resource goes through the same operations with the same backend settings. Timings are wall times of the
Automation API calls (best of `--repeat`) without the outputs and summary the Automation API reads back
after each (`tests.harness.engine.Stack` defers those, and `pulumi up` at a terminal does not make them),
ratios are ours over the floor measured in this run, and
requests are counted from the emulator's log against `minimum.py`. The emulator applies number
provisioning at once (`provisioning_delay_s=0`): its delay is Sinch's, not ours.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import stacks
from .report import Footprint, Row, footprint_table, rows, timing_table
from .runner import StackRun, minimums, run_stack

FULL_SIZES = (50, 200, 500)
FULL_LATENCIES = (0, 50)
FULL_BULK = 1000


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", help=f"stack sizes, multiples of 10 (default {FULL_SIZES})")
    parser.add_argument("--latency-ms", type=int, nargs="+", default=list(FULL_LATENCIES), help="added per call")
    parser.add_argument("--repeat", type=int, default=2, help="runs per stack; the best time is kept (default 2)")
    parser.add_argument(
        "--bulk",
        type=int,
        help=f"numbers for the bulk vs single assignment comparison (default {FULL_BULK} when --sizes is not "
        "given, else none; 0 skips it)",
    )
    parser.add_argument("--bulk-latency-ms", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    return parser.parse_args(argv)


def _best(runs: list[StackRun]) -> StackRun:
    """The fastest time of each operation; requests, sizes and memory from the last run."""
    best = runs[-1]
    for op, observed in best.ops.items():
        observed.seconds = min(r.ops[op].seconds for r in runs)
        observed.peak_rss_kib = max(r.ops[op].peak_rss_kib for r in runs)
    return best


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    sizes: list[int] = args.sizes or list(FULL_SIZES)
    bulk: int = args.bulk if args.bulk is not None else (0 if args.sizes else FULL_BULK)
    for n in sizes:
        stacks.site_count(n)

    from pulumi_sinch_est.emulator.config import EmulatorConfig
    from pulumi_sinch_est.emulator.server import EmulatorServer
    from tests.harness.engine import Engine, cli_root_from_env

    from .bulk import compare_bulk
    from .probes import RequestLog

    cli_root = cli_root_from_env()
    numbers = [stacks.phone_number(i) for i in range(max(stacks.numbers_needed(max(sizes)), bulk))]
    config = EmulatorConfig(port=0, numbers=numbers, provisioning_delay_s=0.0, strict_deletes=True)
    table: list[Row] = []
    prints: list[Footprint] = []
    bulk_result: dict[str, Any] | None = None
    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="pse-bench-") as tmp, EmulatorServer(config) as server:
        log = RequestLog(server.url)
        env = server.env()
        counter = 0

        def engine() -> Engine:
            nonlocal counter
            counter += 1
            return Engine(cli_root=cli_root, root=Path(tmp) / f"run{counter}", env=dict(env))

        def one(n: int, factory: stacks.Factory, with_log: bool) -> StackRun:
            eng = engine()
            program = stacks.estate(n, factory)
            project = f"bench{n}"
            return run_stack(lambda: eng.stack(program, project=project), eng.root / "state", log if with_log else None)

        for n in sizes:
            floor = _best([one(n, stacks.floor, False) for _ in range(args.repeat)])
            for latency in args.latency_ms:
                log.set_latency(latency)
                ours = _best([one(n, stacks.ours(), True) for _ in range(args.repeat)])
                table += rows(n, latency, ours, floor, minimums(stacks.kinds(n)))
                if latency == args.latency_ms[0]:
                    prints.append(Footprint.of(n, ours, floor))
        if bulk:
            log.set_latency(args.bulk_latency_ms)
            bulk_result = compare_bulk(engine, log, bulk, args.bulk_latency_ms)
        log.set_latency(0)
    load_after = _load()
    if args.json:
        print(
            json.dumps(
                {
                    "rows": [r.to_json() for r in table],
                    "footprint": [f.to_json() for f in prints],
                    "bulk": bulk_result,
                    "load": {"before": load_before, "after": load_after},
                }
            )
        )
    else:
        print(f"load average before: {load_before}, after: {load_after} ({os.cpu_count()} CPUs)")
        print(timing_table(table))
        print()
        print(footprint_table(prints))
        if bulk_result is not None:
            print()
            print(bulk_result["table"])
    return 0


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
