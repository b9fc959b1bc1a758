"""Call history, CSV export and pcap download (operations 45-47)."""

from __future__ import annotations

from starlette.responses import Response

from .common import ApiCall, est, page

CALLS_DEFAULT_PAGE_SIZE = 100
EXPORT_FILE_NAME = "EST_call_records.csv"


async def find(call: ApiCall) -> Response:
    items = call.backend.calls.find(
        call.project_id, call_result=call.query("callResult"), direction=call.query("direction")
    )
    return page(call, "calls", items, default_size=CALLS_DEFAULT_PAGE_SIZE)


async def export(call: ApiCall) -> Response:
    text = call.backend.calls.export_csv(
        call.project_id, call_result=call.query("callResult"), direction=call.query("direction")
    )
    name = call.query("fileName") or EXPORT_FILE_NAME
    return Response(
        text, media_type="application/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


async def pcap(call: ApiCall) -> Response:
    data = call.backend.calls.pcap(call.project_id, call.param("pcap_id"))
    return Response(data, media_type="application/octet-stream")


ROUTES = [
    est("GET", "/calls", find),
    est("GET", "/calls/export", export),
    est("GET", "/calls/records/{pcap_id}/pcap", pcap),
]
