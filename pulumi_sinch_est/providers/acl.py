"""Provider for `Acl`: one EST access control list (`/accessControlLists`) and its IP ranges.

API calls: create `POST /accessControlLists` carrying every range (one write; `GET /accessControlLists/{id}`
instead when adopting with `import_id`); read `GET /accessControlLists/{id}` or the listing of every list
(`client.listings`), whose ranges are embedded (`GET .../ipRanges` when a response leaves them out); delete
`DELETE /accessControlLists/{id}` (404 is success). Update reads the list, then: `PUT
/accessControlLists/{id}` with `{name, enabled}` only when one of those differs from the live list, then the
ranges through the sub-resource in an order that never leaves the list short of an address it must admit:
`POST .../ipRanges` for each new range first, `PUT .../ipRanges/{rangeId}` for each changed description next,
`DELETE .../ipRanges/{rangeId}` for each range no longer wanted last (404 is success), and a final `GET
/accessControlLists/{id}` for the outputs.

Replacement: none. Every input can change in place.

Choices where est-api.md §6.3 and §9.8 say UNKNOWN:
- What `ipRanges` in an ACL PUT does (replace the set, ignore it, append) is unknown, so the PUT never
  carries it: omitted, the ranges are kept (the behaviour the contract settles on). The ranges go through
  their own calls, and a range keeps its id while only its description changes.
- Whether `enabled` may be left out of the PUT is unknown, so it is always sent.
- ACL names are not unique, so a create whose outcome is unknown (Sinch may have made the list) looks
  for the list it sent: same name, `enabled` and ranges (cidrs and descriptions). Only a list that was not
  there before the create began (`_ownership`: the lists are read before the POST) is taken as the one it
  made; an identical list another stack owns is left alone. When that cannot be decided the error stands:
  adopting one of several would be a guess, and creating again could leave a list nothing tracks.
- Ranges are reconciled against the list as the API shows it at update time, not against the previous
  outputs: an update interrupted halfway, or ranges changed by hand, converge on the next `up` without
  adding a range twice. Live ranges outside the desired set (duplicates included) are deleted.

Ranges are written `<ipAddress>/<range>` in inputs and outputs (the API stores the start address and the
prefix length separately), normalised in `check` to `{cidr, description}` items sorted by cidr, so the
order they are given in never shows as a change. `ip_range_ids` maps each cidr to the id of its range.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Annotated, Any

from pulumi.dynamic import CreateResult, ReadResult, UpdateResult
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from ..client import NotFoundError, SinchClient
from ..client.models import AccessControlList, AccessControlListRequest, IpRange, IpRangeRequest
from . import _context
from ._base import EstProvider, InputModel
from ._fields import Flag, Name, ObjectId, _cidr, each_once, known_keys
from ._ownership import Before, adopted, created


def _range_cidr(value: str) -> str:
    """A CIDR with the prefix bounds spelled out (the generic message covers a prefix over 32 badly)."""
    _, slash, prefix = value.strip().partition("/")
    if slash and prefix.isdigit() and not 1 <= int(prefix) <= 32:
        raise ValueError(f"expected a prefix length from 1 to 32 (/32 for one address), got /{prefix}")
    return _cidr(value)


RangeCidr = Annotated[str, Field(strict=True), AfterValidator(_range_cidr)]


def _blank_description(value: object) -> object:
    return "" if value is None else value


class IpRangeInput(BaseModel):
    """One range as `check` leaves it: a canonical IPv4 CIDR and a description ("" when none)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cidr: RangeCidr
    description: Annotated[str, Field(strict=True), BeforeValidator(_blank_description)] = ""


_ITEM_SHAPE = "expected a CIDR string ('203.0.113.10/32') or a mapping {'cidr': ..., 'description': ...}"


def _range_item(value: object) -> object:
    """A bare CIDR string is shorthand for `{"cidr": value}`; it is checked here so an error names the
    item (`ip_ranges[1]`) and shows the string given."""
    if isinstance(value, str):
        return {"cidr": _range_cidr(value), "description": ""}
    return known_keys(value, IpRangeInput, _ITEM_SHAPE)


def _range_set(ranges: list[IpRangeInput]) -> list[IpRangeInput]:
    if not ranges:
        raise ValueError("expected at least one range such as '203.0.113.10/32' (an empty ACL admits nobody)")
    each_once(
        [item.cidr for item in ranges],
        "ip_ranges",
        expected=": expected each cidr once (give one description per range)",
    )
    return sorted(ranges, key=lambda item: item.cidr)


class AclInputs(InputModel):
    name: Name
    enabled: Flag = True
    ip_ranges: Annotated[
        list[Annotated[IpRangeInput, BeforeValidator(_range_item)]],
        Field(strict=True),
        AfterValidator(_range_set),
    ]
    import_id: ObjectId | None = None


def cidr_of(ip_range: IpRange) -> str:
    """`<ipAddress>/<range>` as the API stores it (a missing prefix is the API default, 32)."""
    return f"{ip_range.ip_address}/{32 if ip_range.range is None else ip_range.range}"


def _range_request(cidr: str, description: str) -> IpRangeRequest:
    address, _, prefix = cidr.partition("/")
    return IpRangeRequest(ip_address=address, range=int(prefix), description=description)


def _request(inputs: Mapping[str, Any], *, with_ranges: bool) -> AccessControlListRequest:
    ranges = None
    if with_ranges:
        ranges = [_range_request(r["cidr"], r["description"]) for r in inputs["ip_ranges"]]
    return AccessControlListRequest(name=inputs["name"], enabled=inputs["enabled"], ip_ranges=ranges)


def _ranges_of(client: SinchClient, acl: AccessControlList) -> list[IpRange]:
    if acl.ip_ranges is not None:
        return acl.ip_ranges
    return client.access_control_lists.list_ip_ranges(str(acl.id))


def _outputs(acl: AccessControlList, ranges: list[IpRange], import_id: str | None = None) -> dict[str, Any]:
    items = sorted(
        ({"cidr": cidr_of(r), "description": r.description or ""} for r in ranges),
        key=lambda item: item["cidr"],
    )
    return {
        "name": acl.name,
        "enabled": acl.enabled,
        "ip_ranges": items,
        "import_id": import_id,
        "ip_range_ids": {cidr_of(r): str(r.id) for r in reversed(ranges)},
    }


def reconcile(client: SinchClient, acl_id: str, live: list[IpRange], wanted: list[dict[str, str]]) -> None:
    """Make the list's ranges `wanted`: adds, then description changes, then deletes.

    A live range counts as a wanted one only when its text is exactly the wanted cidr (a hand-made
    `10.0.0.1/24` is replaced by `10.0.0.0/24`, not kept), and only its first copy is kept.
    """
    acls = client.access_control_lists
    kept: dict[str, IpRange] = {}
    extra: list[IpRange] = []
    for ip_range in live:
        cidr = cidr_of(ip_range)
        if cidr in kept:
            extra.append(ip_range)
        else:
            kept[cidr] = ip_range
    wanted_by_cidr = {r["cidr"]: r["description"] for r in wanted}
    extra += [r for cidr, r in kept.items() if cidr not in wanted_by_cidr]
    for cidr, description in wanted_by_cidr.items():
        if cidr not in kept:
            acls.add_ip_range(acl_id, _range_request(cidr, description))
    for cidr, description in wanted_by_cidr.items():
        current = kept.get(cidr)
        if current is not None and (current.description or "") != description:
            acls.replace_ip_range(acl_id, str(current.id), _range_request(cidr, description))
    for ip_range in extra:
        with contextlib.suppress(NotFoundError):
            acls.delete_ip_range(acl_id, str(ip_range.id))


def _matches(client: SinchClient, inputs: Mapping[str, Any]) -> list[AccessControlList]:
    """The lists equal to what the inputs describe: same name, `enabled` and ranges."""
    wanted = {"name": inputs["name"], "enabled": inputs["enabled"], "ip_ranges": inputs["ip_ranges"]}

    def is_wanted(acl: AccessControlList) -> bool:
        if acl.name != wanted["name"]:
            return False
        outputs = _outputs(acl, _ranges_of(client, acl))
        return {k: v for k, v in outputs.items() if k in wanted} == wanted

    return [acl for acl in client.access_control_lists.list() if is_wanted(acl)]


class AclProvider(EstProvider):
    kind = "Acl"
    inputs_model = AclInputs

    def create(self, props: dict[str, Any]) -> CreateResult:
        client = _context.client()
        import_id = props.get("import_id")
        if import_id:
            acl = client.access_control_lists.get(import_id)
        else:
            acl = created(
                self.kind,
                client.access_control_lists.list,
                lambda: client.access_control_lists.create(_request(props, with_ranges=True)),
                lambda: _matches(client, props),
                f"creating Acl {props['name']!r}",
            )
        return CreateResult(id_=import_id or str(acl.id), outs=_outputs(acl, _ranges_of(client, acl), import_id))

    def locate(self, inputs: Mapping[str, Any], before: Before) -> str | None:
        acl = adopted(_matches(_context.client(), inputs), before, f"finding Acl {inputs['name']!r}")
        return str(acl.id) if acl is not None else None

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        client = _context.client()
        try:
            acl = client.access_control_lists.read(id_)
            ranges = _ranges_of(client, acl)
        except NotFoundError:
            return ReadResult(id_=None, outs={})
        outs = _outputs(acl, ranges, props.get("import_id"))
        return ReadResult(id_=id_, outs=outs, inputs=self.inputs_of(outs))

    def update(self, id_: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        client = _context.client()
        acls = client.access_control_lists
        acl = acls.get(id_)
        if (acl.name, acl.enabled) != (news["name"], news["enabled"]):
            acls.replace(id_, _request(news, with_ranges=False))
        reconcile(client, id_, _ranges_of(client, acl), news["ip_ranges"])
        acl = acls.get(id_)
        return UpdateResult(outs=_outputs(acl, _ranges_of(client, acl), news.get("import_id")))

    def delete(self, id_: str, _props: dict[str, Any]) -> None:
        with contextlib.suppress(NotFoundError):
            _context.client().access_control_lists.delete(id_)
