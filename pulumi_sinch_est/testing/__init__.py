"""Helpers for testing Pulumi programs that use this package, against the real engine.

`engine` drives the Pulumi CLI through the Automation API with an isolated backend and home folder;
`noop` is a dynamic resource that does nothing, the floor every timing here is compared against.
They live in the installed package (not in a test module) because the dynamic-provider host process
must be able to import every provider class by reference.
"""
