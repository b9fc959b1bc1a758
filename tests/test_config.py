"""Where settings come from: precedence, defaults, and messages that say how to fix what is missing."""

from __future__ import annotations

import dataclasses

import pytest

from pulumi_sinch_est.config import ConfigurationError, Settings, resolve_settings

ENV = {"SINCH_PROJECT_ID": "env-project", "SINCH_KEY_ID": "env-key", "SINCH_KEY_SECRET": "env-Secret-123"}


def test_defaults_come_from_the_environment_and_the_public_hosts() -> None:
    settings = resolve_settings(environ=ENV)

    assert settings == Settings(
        project_id="env-project",
        key_id="env-key",
        key_secret="env-Secret-123",
        access_token=None,
        est_url="https://elastic-trunking.api.sinch.com",
        numbers_url="https://numbers.api.sinch.com",
        auth_url="https://auth.sinch.com",
        timeout_s=30.0,
    )


def test_explicit_beats_stack_config_beats_environment() -> None:
    environ = {
        **ENV,
        "SINCH_EST_URL": "http://env:1",
        "SINCH_NUMBERS_URL": "http://env:2",
        "SINCH_AUTH_URL": "http://env:3",
    }
    stack = {
        "sinch:projectId": "stack-project",
        "sinch:estUrl": "http://stack:1",
        "sinch:numbersUrl": "http://stack:2",
    }
    explicit = {"est_url": "http://explicit:1", "project_id": None}

    settings = resolve_settings(explicit=explicit, stack_config=stack, environ=environ)

    assert settings.est_url == "http://explicit:1"
    assert settings.project_id == "stack-project", "None in explicit means not given"
    assert settings.numbers_url == "http://stack:2"
    assert settings.auth_url == "http://env:3"
    assert (settings.key_id, settings.key_secret) == ("env-key", "env-Secret-123")


def test_every_stack_config_key_and_variable_is_read() -> None:
    stack = {
        "sinch:projectId": "p",
        "sinch:keyId": "k",
        "sinch:keySecret": "s",
        "sinch:accessToken": "t",
        "sinch:estUrl": "http://e",
        "sinch:numbersUrl": "http://n",
        "sinch:authUrl": "http://a/",
        "sinch:timeoutSeconds": "12.5",
    }
    environ = {
        "SINCH_PROJECT_ID": "p",
        "SINCH_KEY_ID": "k",
        "SINCH_KEY_SECRET": "s",
        "SINCH_ACCESS_TOKEN": "t",
        "SINCH_EST_URL": "http://e",
        "SINCH_NUMBERS_URL": "http://n",
        "SINCH_AUTH_URL": "http://a/",
        "SINCH_TIMEOUT_SECONDS": "12.5",
    }
    expected = Settings("p", "k", "s", "t", "http://e", "http://n", "http://a", 12.5)

    assert resolve_settings(stack_config=stack, environ={}) == expected
    assert resolve_settings(environ=environ) == expected
    assert (
        resolve_settings(
            explicit={f.name: str(getattr(expected, f.name)) for f in dataclasses.fields(Settings)},
            environ={},
        )
        == expected
    )


def test_empty_values_count_as_unset() -> None:
    settings = resolve_settings(stack_config={"sinch:projectId": "  "}, environ={**ENV, "SINCH_EST_URL": ""})

    assert settings.project_id == "env-project"
    assert settings.est_url == "https://elastic-trunking.api.sinch.com"


def test_an_access_token_alone_is_enough() -> None:
    settings = resolve_settings(environ={"SINCH_PROJECT_ID": "p", "SINCH_ACCESS_TOKEN": "tok"})

    assert (settings.access_token, settings.key_id, settings.key_secret) == ("tok", None, None)


def test_missing_project_names_both_places() -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(environ={"SINCH_ACCESS_TOKEN": "t"})

    assert str(caught.value) == (
        "Sinch project id is not set: set the stack config `sinch:projectId` or the environment variable "
        "SINCH_PROJECT_ID"
    )


def test_missing_credentials_name_every_place() -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(environ={"SINCH_PROJECT_ID": "p"})

    message = str(caught.value)
    for place in (
        "sinch:keyId",
        "sinch:keySecret",
        "SINCH_KEY_ID",
        "SINCH_KEY_SECRET",
        "sinch:accessToken",
        "SINCH_ACCESS_TOKEN",
    ):
        assert place in message


@pytest.mark.parametrize(
    ("environ", "missing"),
    [
        (
            {"SINCH_KEY_ID": "k"},
            "Sinch key secret is not set: set the stack config `sinch:keySecret` or the "
            "environment variable SINCH_KEY_SECRET",
        ),
        (
            {"SINCH_KEY_SECRET": "s"},
            "Sinch key id is not set: set the stack config `sinch:keyId` or the environment variable SINCH_KEY_ID",
        ),
    ],
)
def test_half_a_key_pair_names_the_other_half(environ: dict[str, str], missing: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(environ={"SINCH_PROJECT_ID": "p", **environ})

    assert str(caught.value).startswith(missing)


@pytest.mark.parametrize(
    ("stack", "message"),
    [
        (
            {"sinch:timeoutSeconds": "soon"},
            "stack config `sinch:timeoutSeconds` must be a positive number of seconds, got 'soon'",
        ),
        ({"sinch:timeoutSeconds": "0"}, "got '0'"),
        ({"sinch:timeoutSeconds": "nan"}, "got 'nan'"),
        (
            {"sinch:estUrl": "est.example"},
            "stack config `sinch:estUrl` must be an http:// or https:// URL, got 'est.example'",
        ),
    ],
)
def test_unusable_values_say_where_they_came_from(stack: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(stack_config=stack, environ=ENV)

    assert message in str(caught.value)


def test_unknown_explicit_settings_are_a_programming_error() -> None:
    with pytest.raises(TypeError, match="projectid"):
        resolve_settings(explicit={"projectid": "p"}, environ=ENV)


def test_environ_defaults_to_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("SINCH_TIMEOUT_SECONDS", "7")

    assert resolve_settings().timeout_s == 7.0


def test_repr_never_shows_secrets_and_settings_are_hashable() -> None:
    settings = resolve_settings(environ={**ENV, "SINCH_ACCESS_TOKEN": "tok-Value-999"})

    text = repr(settings)
    assert "env-Secret-123" not in text and "tok-Value-999" not in text
    assert "env-key" in text
    assert {settings: 1}[dataclasses.replace(settings)] == 1
