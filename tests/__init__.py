"""The test suite, one package so that every module has one name (`tests.harness.engine`), for pytest,
mypy and the provider processes alike."""
