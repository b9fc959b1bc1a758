"""Helpers for testing Pulumi programs that use this package, against the real engine.

`engine` drives the Pulumi CLI through the Automation API with an isolated backend and home folder;
`noop` is a dynamic resource that does nothing, which proves the harness itself; `postgres` runs a
throwaway PostgreSQL server for the `postgres://` state backend. `noop` lives in the installed package
(not in a test module) because the dynamic-provider host process must be able to import every provider
class by reference. (The benchmarks' floor is a copy in `benchmarks/floor.py` that imports nothing from
this package, so its provider process loads the Pulumi SDK alone.)
"""
