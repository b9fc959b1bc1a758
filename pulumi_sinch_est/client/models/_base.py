"""What every wire model shares: camelCase on the wire, snake_case in Python, tolerant timestamps.

Response models keep unknown fields (the live API returns fields no schema lists) and make every field
optional, because sources disagree on which are always present. Request models refuse unknown fields, so
a typo in a provider fails loudly instead of silently nulling a field on a PUT.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from pydantic.alias_generators import to_camel


def _blank_to_none(value: object) -> object:
    """IP ranges report a never-updated ``updateTime`` as ``""`` rather than null."""
    return None if value == "" else value


def _assume_utc(value: datetime | None) -> datetime | None:
    """Some timestamps carry no zone; Sinch's own SDK reads those as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


Timestamp = Annotated[datetime | None, BeforeValidator(_blank_to_none), AfterValidator(_assume_utc)]
"""An API timestamp: 9-digit fractions, ``Z``, ``+0000``, no zone (UTC) or ``""`` (None)."""


# `defer_build`: a model's validator is built when first used, not at import. A provider process imports
# every model with its provider but uses a few (none at all to answer `check` or `diff`).


class ResponseModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow", defer_build=True)


class RequestModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid", defer_build=True)

    def to_body(self) -> dict[str, Any]:
        """The JSON body. Only fields that are optional on create default to None and are left out;
        every other writable field has a concrete default, so a PUT never nulls it by omission."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)
