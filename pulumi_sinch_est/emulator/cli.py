"""`sinch-est-emulator`: run the emulator in the foreground and print the environment to use it.

$ sinch-est-emulator --port 8787
export SINCH_PROJECT_ID=...
...

Arguments are read before the server is imported, so `--help` and `--version` work without the
`emulator` extra, and a missing extra ends with how to install it (exit 2) instead of a traceback.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import shlex
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from types import FrameType

from .config import (
    DEFAULT_CLI_PORT,
    DEMO_NUMBERS,
    MAX_PROVISIONING_DELAY_S,
    MAX_TOKEN_TTL_S,
    EmulatorConfig,
    is_loopback,
)
from .errors import EmulatorError
from .faults import FaultConfig

MISSING_EXTRA_EXIT = 2
MAX_LATENCY_MS = 60_000
MAX_BUCKET = 100_000
CONTROL_PLANE_DOCS = "docs/emulator.md"


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
        bucket = int(capacity), float(refill or 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected CAPACITY[:REFILL_PER_S], got {text!r}") from None
    if not (1 <= bucket[0] <= MAX_BUCKET and 0 < bucket[1] <= MAX_BUCKET):
        raise argparse.ArgumentTypeError(f"expected 1<=CAPACITY<={MAX_BUCKET} and 0<REFILL_PER_S<={MAX_BUCKET}")
    return bucket


def _bounded(kind: Callable[[str], float], low: float, high: float) -> Callable[[str], float]:
    """An argparse type for a number in [low, high]: a typo must not make a day-long delay."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {low:g}..{high:g}, got {text}")
        return value

    return parse


def host_warning(host: str) -> str | None:
    """What to tell someone binding the emulator to an address other machines may reach."""
    if is_loopback(host):
        return None
    return (
        f"sinch-est-emulator: warning: --host {host} is not a loopback address: anyone who can reach it "
        "controls this emulator (the control plane has no authentication and the demo key is public)"
    )


def _epilog(defaults: EmulatorConfig) -> str:
    return "\n".join(
        [
            "It runs in the foreground until Ctrl-C or SIGTERM. On start it prints `export SINCH_...=...` lines",
            "on stdout for a shell to source (`sinch-est-emulator > emulator.env &` then `. ./emulator.env`),",
            "and where it listens on stderr.",
            "",
            "Demo defaults, none of them secret:",
            f"  project id   {defaults.project_id}",
            f"  key id       {defaults.key_id}",
            f"  key secret   {defaults.key_secret}",
            f"  numbers      {', '.join(defaults.numbers[:5])},",
            f"               {', '.join(defaults.numbers[5:])}",
            "",
            "The control plane under /_emulator/ (health, requests, state, reset, faults, config, numbers, tokens,",
            f"keys) has no authentication and answers only loopback Host headers; see {CONTROL_PLANE_DOCS}.",
        ]
    )


def build_parser() -> argparse.ArgumentParser:
    defaults = EmulatorConfig()
    parser = argparse.ArgumentParser(
        prog="sinch-est-emulator",
        description="Local emulator of the Sinch Elastic SIP Trunking, Numbers and OAuth2 APIs.",
        epilog=_epilog(defaults),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default: 127.0.0.1); any other address than loopback lets every machine that "
        "reaches it control the emulator, and prints a warning",
    )
    parser.add_argument(
        "--port",
        type=_bounded(int, 0, 65535),
        default=DEFAULT_CLI_PORT,
        help=f"port to bind, 0 for a free one (default: {DEFAULT_CLI_PORT})",
    )
    parser.add_argument("--state-file", help="JSON file keeping the state across restarts (default: in memory)")
    parser.add_argument(
        "--project-id",
        default=defaults.project_id,
        help="the project the key and the numbers belong to (default: demo)",
    )
    parser.add_argument(
        "--key-id", default=defaults.key_id, help="access key id the token endpoint accepts (default: demo)"
    )
    parser.add_argument("--key-secret", default=defaults.key_secret, help="that key's secret (default: demo)")
    parser.add_argument("--access-token", help="also accept this fixed bearer token for the project")
    parser.add_argument(
        "--numbers",
        nargs="*",
        default=list(DEMO_NUMBERS),
        metavar="E164",
        help="numbers rented into the project when the state starts empty (default: the ten demo numbers)",
    )
    parser.add_argument(
        "--provisioning-delay",
        type=_bounded(float, 0, MAX_PROVISIONING_DELAY_S),
        default=defaults.provisioning_delay_s,
        metavar="S",
        help=f"seconds a voice provisioning takes, 0..{MAX_PROVISIONING_DELAY_S:g} (default: %(default)s)",
    )
    parser.add_argument(
        "--token-ttl",
        type=_bounded(int, 1, MAX_TOKEN_TTL_S),
        default=defaults.token_ttl_s,
        metavar="S",
        help=f"lifetime of the access tokens it issues, 1..{MAX_TOKEN_TTL_S} s (default: %(default)s)",
    )
    parser.add_argument(
        "--lenient-deletes",
        action="store_true",
        help="cascade deletes instead of refusing them while dependents exist",
    )
    parser.add_argument(
        "--duplicate-host-status",
        type=int,
        choices=(400, 409),
        default=409,
        help="status answering a trunk host name already taken; Sinch's documents show both (default: 409)",
    )
    parser.add_argument(
        "--error-rate",
        type=_error_rates,
        default={},
        metavar="429=0.1,500=0.05",
        help="fail this share of API calls with these statuses, without performing them (429 carries "
        "Retry-After); default: none",
    )
    parser.add_argument(
        "--latency-ms",
        type=_bounded(int, 0, MAX_LATENCY_MS),
        default=0,
        help=f"delay added to every API call, 0..{MAX_LATENCY_MS} ms (default: 0)",
    )
    parser.add_argument(
        "--token-rate-limit",
        type=_token_bucket,
        metavar="CAPACITY[:REFILL_PER_S]",
        help="token bucket in front of the token endpoint, e.g. 30:10 (default: none)",
    )
    parser.add_argument("--seed", type=int, help="seed of the fault-injection random sequence")
    return parser


def _version() -> str:
    try:
        return importlib.metadata.version("pulumi-sinch-est")
    except importlib.metadata.PackageNotFoundError:
        return "unknown (not installed)"


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
    try:
        from .server import EmulatorServer
    except ImportError as exc:
        print(
            f"sinch-est-emulator: {exc.name or 'a module'} is missing: the emulator needs the `emulator` extra; "
            "install pulumi-sinch-est[emulator]",
            file=sys.stderr,
        )
        return MISSING_EXTRA_EXIT
    warning = host_warning(args.host)
    if warning is not None:
        print(warning, file=sys.stderr, flush=True)
    try:
        server = EmulatorServer(config_from_args(args)).start()
    except (OSError, RuntimeError, EmulatorError) as exc:
        print(f"sinch-est-emulator: cannot start: {exc}", file=sys.stderr)
        return 1
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
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
