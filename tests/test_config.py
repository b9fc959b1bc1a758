"""Where settings come from: one layer for credentials and URLs, defaults, and messages that say how to fix
what is missing or mixed."""

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


STACK_KEY = {"sinch:projectId": "stack-project", "sinch:keyId": "stack-key", "sinch:keySecret": "stack-Secret-456"}


def test_credentials_and_urls_come_from_the_stack_config_together() -> None:
    stack = {**STACK_KEY, "sinch:estUrl": "https://est.stack.example", "sinch:authUrl": "http://127.0.0.1:8787"}

    settings = resolve_settings(stack_config=stack, environ={"SINCH_TIMEOUT_SECONDS": "9"})

    assert (settings.key_id, settings.key_secret) == ("stack-key", "stack-Secret-456")
    assert settings.est_url == "https://est.stack.example"
    assert settings.numbers_url == "https://numbers.api.sinch.com", "unset URLs default, never from another layer"
    assert settings.auth_url == "http://127.0.0.1:8787"
    assert settings.timeout_s == 9.0, "the timeout sends nothing anywhere and keeps first-hit-wins"
    assert settings.source == "stack config"


def test_a_stray_url_in_the_environment_never_receives_stack_credentials() -> None:
    """`eval $(sinch-est-emulator)` left SINCH_EST_URL in the shell; the stack holds the real key."""
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(stack_config=STACK_KEY, environ={"SINCH_EST_URL": "http://127.0.0.1:8787"})

    message = str(caught.value)
    assert "stack config `sinch:keyId`" in message and "environment variable SINCH_EST_URL" in message
    assert "unset environment variable SINCH_EST_URL" in message


def test_stack_config_urls_never_receive_environment_credentials() -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(
            stack_config={"sinch:authUrl": "https://auth.elsewhere.example"},
            environ={**ENV, "SINCH_EST_URL": "https://est.example"},
        )

    message = str(caught.value)
    assert "environment variable SINCH_KEY_SECRET" in message and "stack config `sinch:authUrl`" in message


def test_credentials_split_over_two_layers_are_refused() -> None:
    with pytest.raises(ConfigurationError, match="stack config `sinch:keySecret`.*environment variable SINCH_KEY_ID"):
        resolve_settings(
            stack_config={"sinch:keySecret": "stack-Secret-456"},
            environ={"SINCH_PROJECT_ID": "p", "SINCH_KEY_ID": "env-key"},
        )


def test_the_stack_file_may_name_the_project_while_the_environment_holds_the_key() -> None:
    """The CI layout: `sinch:projectId` is committed, SINCH_KEY_ID / SINCH_KEY_SECRET are CI secrets."""
    environ = {"SINCH_KEY_ID": "env-key", "SINCH_KEY_SECRET": "env-Secret-123"}

    settings = resolve_settings(stack_config={"sinch:projectId": "stack-project"}, environ=environ)

    assert (settings.project_id, settings.key_id, settings.source) == ("stack-project", "env-key", "environment")


def test_two_layers_naming_different_projects_are_refused() -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(stack_config={"sinch:projectId": "stack-project"}, environ=ENV)

    assert str(caught.value) == (
        "two Sinch projects are set: 'stack-project' in stack config `sinch:projectId` and 'env-project' in "
        "environment variable SINCH_PROJECT_ID; remove one of them"
    )


def test_explicit_arguments_are_a_layer_of_their_own() -> None:
    explicit = {"project_id": "p", "access_token": "arg-Token-789", "est_url": "https://est.arg.example"}

    settings = resolve_settings(explicit={**explicit, "key_id": None}, stack_config={}, environ={})
    assert (settings.access_token, settings.est_url, settings.source) == (
        "arg-Token-789",
        "https://est.arg.example",
        "arguments",
    )
    with pytest.raises(ConfigurationError, match="argument `access_token`.*environment variable SINCH_KEY_ID"):
        resolve_settings(explicit=explicit, environ={**ENV, "SINCH_PROJECT_ID": "p"})


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8787", "http://127.8.9.1", "http://localhost:1", "http://[::1]:8787", "https://e.example"]
)
def test_plain_http_is_accepted_for_loopback_hosts(url: str) -> None:
    assert resolve_settings(environ={**ENV, "SINCH_EST_URL": url}).est_url == url


@pytest.mark.parametrize("url", ["http://sinch-emulator:8787", "http://10.0.0.5", "http://0.0.0.0:8787"])
def test_plain_http_to_any_other_host_is_refused(url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(environ={**ENV, "SINCH_AUTH_URL": url})

    assert str(caught.value).startswith("OAuth2 server URL from environment variable SINCH_AUTH_URL is plain http://")


def test_describe_names_the_project_hosts_and_source_but_no_secret() -> None:
    text = resolve_settings(stack_config=STACK_KEY, environ={}).describe()

    assert text == (
        "Sinch project stack-project (credentials and URLs from stack config): EST "
        "https://elastic-trunking.api.sinch.com, Numbers https://numbers.api.sinch.com, auth https://auth.sinch.com"
    )


def test_every_stack_config_key_and_variable_is_read() -> None:
    stack = {
        "sinch:projectId": "p",
        "sinch:keyId": "k",
        "sinch:keySecret": "s",
        "sinch:accessToken": "t",
        "sinch:estUrl": "https://e",
        "sinch:numbersUrl": "https://n",
        "sinch:authUrl": "https://a/",
        "sinch:timeoutSeconds": "12.5",
    }
    environ = {
        "SINCH_PROJECT_ID": "p",
        "SINCH_KEY_ID": "k",
        "SINCH_KEY_SECRET": "s",
        "SINCH_ACCESS_TOKEN": "t",
        "SINCH_EST_URL": "https://e",
        "SINCH_NUMBERS_URL": "https://n",
        "SINCH_AUTH_URL": "https://a/",
        "SINCH_TIMEOUT_SECONDS": "12.5",
    }
    expected = Settings("p", "k", "s", "t", "https://e", "https://n", "https://a", 12.5)

    assert resolve_settings(stack_config=stack, environ={}) == expected
    assert resolve_settings(environ=environ) == expected
    assert (
        resolve_settings(
            explicit={f.name: str(getattr(expected, f.name)) for f in dataclasses.fields(Settings) if f.compare},
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
        resolve_settings(stack_config={**STACK_KEY, **stack}, environ={})

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
