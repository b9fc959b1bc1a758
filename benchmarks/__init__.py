"""Timing scripts for pulumi-sinch-est: our providers against a no-op floor, through the real engine.

Run `python -m benchmarks` (or `make bench`) for the full table, `python -m benchmarks --help` for the
options. Nothing here is a test: timings are reported, never asserted. This package imports nothing of
`pulumi_sinch_est` at import time, so the floor's provider process loads only the Pulumi SDK.
"""
