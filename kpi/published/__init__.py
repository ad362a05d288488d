"""Published values: what a national body publishes for provinces and communes, a source of its own beside the
demo values and the communes' reports. Today one publisher and document: the national public service portal's
Bộ chỉ số 766 (Quyết định 766/QĐ-TTg), six components and their total in points, cumulative to the snapshot's day.

* read: the portal's rows from a workbook (.xlsx, one sheet per list) or the same rows as JSON (the API's form),
  validated (pydantic), each error naming file, sheet, row and field
* match: the portal's unit names ("UBND xã Đông Thái - tỉnh An Giang") and codes (MA_COQUAN) to the official
  provinces and communes: by the portal's code once seen, else by name within the province; never a guess

Writing them is kpi.services.published.load. No Streamlit, no store here."""

from kpi.published.match import Units, match_rows, name_key
from kpi.published.read import (
    DOCUMENT,
    FIELDS,
    PUBLISHER,
    PortalRow,
    PublishedError,
    Sheet,
    read_file,
    snapshot_time,
)

__all__ = ["DOCUMENT", "FIELDS", "PUBLISHER", "PortalRow", "PublishedError", "Sheet", "Units", "match_rows", "name_key",
           "read_file", "snapshot_time"]
