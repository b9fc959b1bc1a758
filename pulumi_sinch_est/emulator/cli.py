"""`sinch-est-emulator`: run the emulator in the foreground and print the environment to use it.

$ sinch-est-emulator --port 8787
export SINCH_PROJECT_ID=...
...
"""

from __future__ import annotations

import argparse
import shlex
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from .config import DEFAULT_CLI_PORT, DEMO_NUMBERS, EmulatorConfig
from .errors import EmulatorError
from .faults import FaultConfig
from .server import EmulatorServer


def _error_rates(text: str) -> dict[int, float]:
    rates: dict[int, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        status, sep, rate = part.partition("=")
        try:
            rates[int(status)] = float(rate)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected STATUS=RATE pairs like 429=0.1, got {part!r}") from None
        if not sep or not 400 <= int(status) <= 599 or not 0 <= float(rate) <= 1:
            raise argparse.ArgumentTypeError(f"expected STATUS=RATE with a 4xx/5xx status and 0<=RATE<=1: {part!r}")
    return rates


def _token_bucket(text: str) -> tuple[int, float]:
    capacity, _, refill = text.partition(":")
    try:
        return int(capacity), float(refill or 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected CAPACITY[:REFILL_PER_S], got {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    defaults = EmulatorConfig()
    parser = argparse.ArgumentParser(
        prog="sinch-est-emulator",
        description="Local emulator of the Sinch Elastic SIP Trunking, Numbers and OAuth2 APIs.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_CLI_PORT,
        help=f"port to bind, 0 for a free one (default: {DEFAULT_CLI_PORT})",
    )
    parser.add_argument("--state-file", help="JSON file keeping the state across restarts")
    parser.add_argument("--project-id", default=defaults.project_id)
    parser.add_argument("--key-id", default=defaults.key_id)
    parser.add_argument("--key-secret", default=defaults.key_secret)
    parser.add_argument("--access-token", help="also accept this fixed bearer token for the project")
    parser.add_argument(
        "--numbers",
        nargs="*",
        default=list(DEMO_NUMBERS),
        metavar="E164",
        help="numbers rented into the project when the state starts empty",
    )
    parser.add_argument(
        "--provisioning-delay",
        type=float,
        default=defaults.provisioning_delay_s,
        metavar="S",
        help="seconds a voice provisioning takes (default: %(default)s)",
    )
    parser.add_argument("--token-ttl", type=int, default=defaults.token_ttl_s, metavar="S")
    parser.add_argument(
        "--lenient-deletes",
        action="store_true",
        help="cascade deletes instead of refusing them while dependents exist",
    )
    parser.add_argument("--duplicate-host-status", type=int, choices=(400, 409), default=409)
    parser.add_argument("--error-rate", type=_error_rates, default={}, metavar="429=0.1,500=0.05")
    parser.add_argument("--latency-ms", type=int, default=0)
    parser.add_argument(
        "--token-rate-limit",
        type=_token_bucket,
        metavar="CAPACITY[:REFILL_PER_S]",
        help="token bucket in front of the token endpoint, e.g. 30:10",
    )
    parser.add_argument("--seed", type=int, help="seed of the fault-injection random sequence")
    return parser


def config_from_args(args: argparse.Namespace) -> EmulatorConfig:
    bucket = args.token_rate_limit
    faults = FaultConfig(
        error_rates=args.error_rate,
        latency_ms=args.latency_ms,
        token_bucket_capacity=bucket[0] if bucket else None,
        token_bucket_refill_per_s=bucket[1] if bucket else 10.0,
    )
    return EmulatorConfig(
        host=args.host,
        port=args.port,
        project_id=args.project_id,
        key_id=args.key_id,
        key_secret=args.key_secret,
        access_token=args.access_token,
        token_ttl_s=args.token_ttl,
        numbers=args.numbers,
        provisioning_delay_s=args.provisioning_delay,
        strict_deletes=not args.lenient_deletes,
        duplicate_host_status=args.duplicate_host_status,
        state_file=args.state_file,
        seed=args.seed,
        faults=faults,
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        server = EmulatorServer(config_from_args(args)).start()
    except (OSError, RuntimeError, EmulatorError) as exc:
        print(f"sinch-est-emulator: cannot start: {exc}", file=sys.stderr)
        return 1
    for name, value in server.env().items():
        print(f"export {name}={shlex.quote(value)}")
    sys.stdout.flush()
    print(
        f"# Sinch EST emulator on {server.url} (control plane: {server.url}/_emulator/); Ctrl-C stops it",
        file=sys.stderr,
        flush=True,
    )
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
