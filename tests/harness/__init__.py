"""The suite's harness for running Pulumi programs through the real engine; not part of the package.

`engine` drives the Pulumi CLI through the Automation API with an isolated backend and home folder;
`noop` is a dynamic resource that does nothing, which proves the harness itself and is the benchmarks'
floor; `postgres` runs a throwaway PostgreSQL server for the `postgres://` state backend; `venvs` builds
the cached virtualenvs that pin the package's dependencies to either end of their ranges, in the folder
`cache` names.

The dynamic-provider host process imports every provider class by reference (module and class name), so
`noop` must be importable there: `Engine` puts the repository root on the provider's `PYTHONPATH`. This
package, and `noop` above all, imports nothing of `pulumi_sinch_est`, so a provider process that hosts
only `Noop` loads the Pulumi SDK alone.
"""
