"""What every provider shares: input validation in `check`, an explicit `diff`, and no state of its own.

A provider here is one `pulumi.dynamic.ResourceProvider` per resource. Its instance is pickled by
reference into each resource's `__provider` property, so it holds nothing (credentials and the HTTP
client come from `_context` in the provider process), and `serialize_as_secret_always` can be off: the
blob is a module path and a class name, nothing worth encrypting (tests check the exported state).

Inputs and outputs use the snake_case names of the resource class. Outputs repeat every non-secret input
in its normalised form, because the dynamic-provider host gives `diff`, `read` and `delete` only the old
outputs: whatever they need must be there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, get_args

from pulumi.dynamic import CheckFailure, CheckResult, ConfigureRequest, DiffResult, ResourceProvider
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN
from pydantic import BaseModel, ConfigDict, ValidationError

from ..client import SinchError
from ..config import ConfigurationError
from ..errors import SinchEstError
from . import _context

if TYPE_CHECKING:
    from ._ownership import Before

PROVIDER_KEY = "__provider"
IMPORT_ID = "import_id"


def contains_unknown(value: Any) -> bool:
    """True for a value (or any part of one) not known until the engine creates what it depends on.

    The host hands `check` and `diff` such values as `pulumi.output.Unknown` objects; the sentinel string
    is what they look like when they reach a provider serialised.
    """
    if isinstance(value, Unknown):
        return True
    if isinstance(value, str):
        return value == UNKNOWN
    if isinstance(value, Mapping):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknown(v) for v in value)
    return False


class InputModel(BaseModel):
    """The validated, normalised inputs of one resource."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    SECRET_FIELDS: ClassVar[frozenset[str]] = frozenset()
    """The names of the secret fields, of this model or of a model nested in it (a credential's `password`),
    declared once here. A failure never shows their values, nor the value of an input holding one (see
    `_hidden`); `read` never hands them back as inputs."""

    @classmethod
    def secret_holders(cls) -> frozenset[str]:
        """The inputs that hold a secret field in a nested model (a list of credentials)."""
        return frozenset(
            name
            for name, field in cls.model_fields.items()
            if any(cls.SECRET_FIELDS & set(nested.model_fields) for nested in _models_in(field.annotation))
        )


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models an annotation names, at any depth (`list[Annotated[Credential, ...]]` names `Credential`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        for field in annotation.model_fields.values():
            yield from _models_in(field.annotation)
    for arg in get_args(annotation):
        yield from _models_in(arg)


def _hidden(model: type[InputModel], loc: tuple[int | str, ...], value: Any) -> str | None:
    """How a failure shows the value at `loc` when it must not show it, None when it may.

    A secret field's value is hidden. So is anything else within an input that holds secrets: a whole
    credential or the list of them, or a misplaced structure, may carry a password. Only a string at a
    named field that is not secret (a credential's `username`) is shown there.
    """
    if any(part in model.SECRET_FIELDS for part in loc):
        return "the value given (hidden: it is secret)"
    if (
        loc
        and loc[0] in model.secret_holders()
        and not (len(loc) > 1 and isinstance(loc[-1], str) and isinstance(value, str))
    ):
        return f"(hidden: it may hold a {min(model.SECRET_FIELDS)})"
    return None


def _location(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _value_at(raw: Any, loc: tuple[int | str, ...]) -> Any:
    for part in loc:
        try:
            raw = raw[part]
        except (KeyError, IndexError, TypeError):
            return None
    return raw


SHOWN_CHARS = 60


def shown_value(value: Any) -> str:
    """A bad value as a failure shows it: its `repr`, cut short when long (a 5,000-character host name
    pasted whole would bury the message), with the length that makes it wrong."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # the engine hands every number over as a float: show the 0 the user wrote
    text = repr(value)
    if len(text) <= SHOWN_CHARS:
        return text
    size = f"{len(value)} characters" if isinstance(value, str) else f"{len(text)} characters written out"
    return f"{text[:SHOWN_CHARS]}... ({size})"


def _failure(model: type[InputModel], raw: Mapping[str, Any], error: Any) -> CheckFailure:
    loc = tuple(error["loc"])
    path = _location(loc) or "(inputs)"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "missing":
        return CheckFailure(path, f"{path} is required")
    if error["type"] == "extra_forbidden":
        return CheckFailure(
            path, f"{path} is not an input of this resource; expected one of: {', '.join(sorted(model.model_fields))}"
        )
    value = _value_at(raw, loc)
    shown = _hidden(model, loc, value) or (shown_value(value) if loc else "these inputs")
    return CheckFailure(path, f"{path} = {shown} is invalid: {message}")


def validate(model: type[InputModel], raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[CheckFailure]]:
    """Normalised inputs and failures; failures on values still unknown at preview are not failures.

    With unknowns present the raw values are kept (they cannot be normalised yet), with the model's
    defaults filled in for absent fields so `diff` compares like with like.
    """
    unknown = {k for k, v in raw.items() if contains_unknown(v)}
    try:
        parsed = model.model_validate(dict(raw))
    except ValidationError as exc:
        real = [e for e in exc.errors() if not (e["loc"] and e["loc"][0] in unknown)]
        # A model-level rule that involved an unknown value cannot be judged yet.
        if unknown:
            real = [e for e in real if e["loc"]]
        failures = [_failure(model, raw, e) for e in real]
        filled = {
            name: field.get_default(call_default_factory=True)
            for name, field in model.model_fields.items()
            if name not in raw and not field.is_required()
        }
        return {**filled, **raw}, failures
    if unknown:
        return {**parsed.model_dump(), **{k: raw[k] for k in unknown}}, []
    return parsed.model_dump(), []


class ProviderError(SinchEstError):
    """Raised by a provider operation that failed for a known reason (the API refused, bad settings)."""


# Users read the class path on the first line of every failure: show where they import it from.
ProviderError.__module__ = "pulumi_sinch_est"


_F = TypeVar("_F", bound=Callable[..., Any])


def _summarised(method: _F) -> _F:
    """Make a known failure's one-line message the first line the user sees.

    The provider host reports an exception as `traceback.format_exc()`, whose first line is always
    "Traceback (most recent call last):". A chained cause that was never raised has no traceback and is
    printed first, as just `ProviderError: <message>`: that is the line the engine shows beside the
    resource, with the traceback below it for bug reports. Every known failure leaves a provider as a
    `ProviderError` (or a subclass), so there is one type to catch.
    """

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except ProviderError as exc:
            raise exc from ProviderError(str(exc))
        except (SinchError, ConfigurationError) as exc:
            raise ProviderError(str(exc)) from ProviderError(str(exc))

    return wrapper  # type: ignore[return-value]


class EstProvider(ResourceProvider):
    """Base of every provider: `check` validates with `inputs_model`, `diff` compares its fields."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in ("create", "read", "update", "delete"):
            if name in cls.__dict__:
                setattr(cls, name, _summarised(cls.__dict__[name]))

    serialize_as_secret_always = False

    kind: ClassVar[str]
    """The resource's class name, used in messages."""
    inputs_model: ClassVar[type[InputModel]]
    replace_on: ClassVar[frozenset[str]] = frozenset()
    """Inputs whose change forces a replacement."""
    delete_before_replace: ClassVar[bool] = False
    """True where the replacement would clash with the original (a unique key it keeps)."""

    def configure(self, req: ConfigureRequest) -> None:
        _context.configure(req)

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        raw = {k: v for k, v in news.items() if k != PROVIDER_KEY and v is not None}
        raw = self.fill_defaults(olds, raw)
        inputs, failures = validate(self.inputs_model, raw)
        return CheckResult(inputs, failures)

    def fill_defaults(self, olds: dict[str, Any], news: dict[str, Any]) -> dict[str, Any]:
        """Defaults that depend on the previous inputs (such as a generated name kept stable)."""
        return news

    def changed_inputs(self, olds: dict[str, Any], news: dict[str, Any]) -> list[str]:
        """Input names whose value differs between the old outputs and the new inputs."""
        return [
            name
            for name in self.inputs_model.model_fields
            if name != IMPORT_ID and (contains_unknown(news.get(name)) or olds.get(name) != news.get(name))
        ]

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = self.changed_inputs(olds, news)
        replaces = [name for name in changed if name in self.replace_on]
        return DiffResult(
            changes=bool(changed),
            replaces=replaces,
            delete_before_replace=self.delete_before_replace and bool(replaces),
        )

    def locate(self, inputs: Mapping[str, Any], before: Before) -> str | None:
        """The id of the object a create with these inputs made, or None when it made none.

        `pulumi_sinch_est.recovery` runs it for a create a killed `pulumi up` left pending; a create whose
        outcome is unknown runs the same lookup (`_ownership.found_after`). A match counts only when
        `before` shows it cannot have existed before the create began (`_ownership.adopted`), and
        `AmbiguousMatchError` is raised when that cannot be decided. `inputs` are the checked inputs; secret
        ones may be missing (an exported state holds them encrypted), so a lookup compares the natural keys
        it can read and raises `KeyError` when one it needs is missing: it never matches on a name alone.
        A provider without a lookup raises `NotImplementedError`.
        """
        raise NotImplementedError(f"{self.kind} has no lookup of the object a create made")

    @classmethod
    def inputs_of(cls, outputs: Mapping[str, Any]) -> dict[str, Any]:
        """The input fields of a set of outputs: what `read` hands back as the refreshed inputs."""
        fields = cls.inputs_model.model_fields
        return {k: v for k, v in outputs.items() if k in fields and k not in cls.inputs_model.SECRET_FIELDS}
