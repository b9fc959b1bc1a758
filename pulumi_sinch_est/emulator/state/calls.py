"""Call history (est-api §6.8, operations 45-47). The emulator places no calls, so there is none."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import InvalidArgument, NotFound

if TYPE_CHECKING:
    from .backend import Backend

CSV_COLUMNS = (
    "callId",
    "from",
    "to",
    "direction",
    "trunkId",
    "createTime",
    "answerTime",
    "endTime",
    "durationSeconds",
    "billingDurationSeconds",
    "callResult",
    "pricePerMinute",
    "price",
    "currencyCode",
)
CALL_RESULTS = ("COMPLETED", "NO_ANSWER", "CANCEL", "BUSY", "FAILED")
DIRECTIONS = ("INBOUND", "OUTBOUND")


class Calls:
    """Find and export calls (always none) and fetch a pcap (never found)."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    @staticmethod
    def _check_filters(call_result: str | None, direction: str | None) -> None:
        if call_result and call_result.upper() not in CALL_RESULTS:
            raise InvalidArgument(f"callResult must be one of {', '.join(CALL_RESULTS)}")
        for part in (direction or "").split(","):
            if part and part.strip().upper() not in DIRECTIONS:
                raise InvalidArgument("direction must be INBOUND or OUTBOUND (comma-separated)")

    def find(
        self, project_id: str, *, call_result: str | None = None, direction: str | None = None
    ) -> list[dict[str, Any]]:
        self._check_filters(call_result, direction)
        with self._backend.reading(project_id):
            return []

    def export_csv(self, project_id: str, *, call_result: str | None = None, direction: str | None = None) -> str:
        rows = self.find(project_id, call_result=call_result, direction=direction)
        lines = [",".join(CSV_COLUMNS)] + [",".join(str(row.get(c, "")) for c in CSV_COLUMNS) for row in rows]
        return "\n".join(lines) + "\n"

    def pcap(self, project_id: str, pcap_id: str) -> bytes:
        with self._backend.reading(project_id):
            raise NotFound(f"pcap {pcap_id} not found (PCAPs are kept 10 days)")
