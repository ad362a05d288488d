"""UI wording in one place, Vietnamese first, and number formatting per language.

Pages look strings up by key: t("units.title", lang). Indicator names and units never live here:
they come from the catalogue (data/indicators.yaml).

Messages made far from their reader (errors of a file check, of a write, of the command line) are a key and its
arguments, msg("import.missing_column"), or an exception carrying one, Problem("…", name=…): they are worded
in the reader's language where they reach the reader (text(lang); str() in the language use() chose: the CLI's
--lang, default Vietnamese, or the page's language), never in both languages at once.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol, parse_pattern

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}  # each in its own language, on the switch
LOCALES = {"vi": "vi_VN", "en": "en_US"}  # CLDR locales for numbers and month names (Babel)

STRINGS: dict[str, tuple[str, str]] = {
    "app.language": ("Ngôn ngữ / Language", "Ngôn ngữ / Language"),
    "app.page_title": ("NQ57 – KPI xã", "NQ57 – commune KPIs"),
    "app.data_version": ("Phiên bản dữ liệu", "Data version"),
    "filter.invalid": (
        "Địa chỉ có giá trị không hợp lệ cho “{name}” ({value}): đang dùng giá trị mặc định.",
        "The address has an invalid value for “{name}” ({value}): showing the default.",
    ),
    "app.failed": (
        "Trang này gặp lỗi khi hiển thị. Lỗi đã được ghi lại; hãy tải lại trang hoặc chọn bộ lọc khác.",
        "This page failed to display. The error was logged; reload the page or choose other filters.",
    ),
    "app.published": ("cập nhật {when} ({by})", "updated {when} ({by})"),
    "app.pending": ("{n} thao tác đã ghi nhận, chưa có trên bảng", "{n} recorded write(s) not on the dashboard yet"),
    "app.published_by.publish": ("công bố số liệu mới ghi nhận", "newly recorded values published"),
    "write.recorded": ("Đã ghi nhận lúc {when}; bảng điều khiển cập nhật sau khoảng {seconds} giây.",
                       "Recorded at {when}; the dashboard shows it in about {seconds} seconds."),
    "app.published_by.build": ("dựng lại dữ liệu", "rebuild"),
    "app.published_by.import": ("nhập báo cáo", "report import"),
    "app.published_by.rollback": ("hoàn tác lô nhập", "batch rollback"),
    "app.published_by.task": ("báo cáo tiến độ nhiệm vụ", "task progress report"),
    "app.published_by.review": ("thẩm định minh chứng", "evidence review"),
    "app.published_by.approve": ("phê duyệt số liệu", "values approved"),
    "app.published_by.lock": ("khóa số liệu", "values locked"),
    "app.published_by.unlock": ("mở khóa số liệu", "values unlocked"),
    "app.published_by.plan": ("lưu kế hoạch của xã", "commune plan saved"),
    "nav.units": ("Đơn vị hành chính", "Administrative units"),
    "nav.catalogue": ("Danh mục chỉ tiêu", "Indicator catalogue"),
    "units.title": ("Đơn vị hành chính sau sắp xếp 2025", "Administrative units after the 2025 reorganisation"),
    "units.caption": (
        "Mã và tên chính thức của 34 tỉnh, thành phố và các xã, phường, đặc khu (nguồn: gói vietnam-provinces).",
        "Official codes and names of the 34 provinces and their communes, wards and special zones "
        "(source: the vietnam-provinces package).",
    ),
    "units.provinces": ("Tỉnh, thành phố", "Provinces"),
    "units.units": ("Xã, phường, đặc khu", "Communes and wards"),
    "units.communes": ("Xã", "Communes"),
    "units.wards": ("Phường", "Wards"),
    "units.special_zones": ("Đặc khu", "Special zones"),
    "units.province": ("Tỉnh, thành phố", "Province"),
    "units.in_province": ("Xã, phường của {name}", "Communes and wards of {name}"),
    "catalogue.title": ("Danh mục chỉ tiêu", "Indicator catalogue"),
    "catalogue.caption": (
        "Các chỉ tiêu của năm kế hoạch và các văn bản Trung ương đã được chuẩn hóa: mỗi khái niệm là một chỉ tiêu, "
        "dù các văn bản diễn đạt khác nhau.",
        "The indicators of the five plans and the national documents, harmonised: one indicator per concept, however "
        "the documents word it.",
    ),
    "catalogue.group": ("Nhóm chỉ tiêu", "Indicator group"),
    "catalogue.layers": ("Chỉ tiêu của Trung ương và tỉnh", "National and province targets"),
    "catalogue.layers_caption": (
        "Mục tiêu mà xã kế thừa khi kế hoạch của xã không nêu chỉ tiêu, mốc đó; mỗi dòng kèm văn bản, mục và địa chỉ công bố. "
        "Chỉ tiêu mang tính quốc gia (tỷ trọng GDP, xếp hạng quốc tế…) chỉ áp dụng cho cả nước. Mỗi văn bản đã đọc được "
        "bao nhiêu (toàn văn, trích đoạn, chỉ có tin báo chí) và đọc ở đâu: bảng Văn bản nguồn ở trang Phương pháp.",
        "The targets a commune inherits where its own plan sets none for that indicator and milestone; every row with its "
        "document, section and public address. Indicators national in nature (shares of GDP, international rankings…) "
        "apply to the country only. How much of each document was at hand (whole text, excerpt, press report only) and "
        "where it was read: the sources register on the Methodology page.",
    ),
    "col.scope": ("Áp dụng cho", "Applies to"),
    "scope.commune": ("Xã, phường", "Communes"),
    "scope.national": ("Cả nước (không áp cho xã)", "The country (not communes)"),
    "scope.published": ("Số liệu công bố (Bộ chỉ số 766)", "Published values (Index 766)"),
    "scope.province": ("Cấp tỉnh (không áp cho xã)", "The province (not communes)"),
    "catalogue.all_groups": ("Tất cả các nhóm", "All groups"),
    "catalogue.count": ("Số chỉ tiêu", "Indicators"),
    "col.province_code": ("Mã tỉnh", "Province code"),
    "col.province_name": ("Tỉnh, thành phố", "Province"),
    "col.commune_code": ("Mã xã", "Commune code"),
    "col.commune_name": ("Xã, phường", "Commune / ward"),
    "col.unit_type": ("Loại đơn vị", "Unit type"),
    "col.units": ("Số đơn vị", "Units"),
    "col.indicator_code": ("Mã chỉ tiêu", "Indicator code"),
    "col.name": ("Chỉ tiêu", "Indicator"),
    "col.unit": ("Đơn vị tính", "Unit"),
    "col.unit_en": ("Đơn vị tính (tiếng Anh)", "Unit in English"),
    "col.decimals": ("Số chữ số thập phân", "Decimals"),
    "col.direction": ("Chiều tốt", "Better when"),
    "col.kind": ("Loại giá trị", "Value kind"),
    "col.lower_bound": ("Giá trị nhỏ nhất", "Lowest value"),
    "col.upper_bound": ("Giá trị lớn nhất", "Highest value"),
    "col.definition": ("Định nghĩa", "Definition"),
    "col.r71_ref": ("Tham chiếu NQ 71", "Resolution 71 reference"),
    # exports' headers (kpi/export/columns.yaml holds each column's kind; its definition is def.<column>, below)
    "col.indicator_name_vi": ("Chỉ tiêu", "Indicator (Vietnamese)"),
    "col.indicator_name_en": ("Chỉ tiêu (tiếng Anh)", "Indicator"),
    "col.name_vi": ("Tên chỉ tiêu", "Name (Vietnamese)"),
    "col.name_en": ("Tên tiếng Anh", "Name"),
    "col.group_code": ("Mã nhóm", "Group code"),
    "col.group_name_vi": ("Nhóm", "Group (Vietnamese)"),
    "col.group_name_en": ("Nhóm (tiếng Anh)", "Group"),
    "col.definition_vi": ("Định nghĩa", "Definition (Vietnamese)"),
    "col.definition_en": ("Định nghĩa (tiếng Anh)", "Definition"),
    "col.year": ("Mốc", "Milestone"),
    "col.recurring": ("Hằng năm", "Recurring"),
    "col.value_max": ("Cận trên", "Upper end"),
    "col.source_level": ("Nguồn mục tiêu", "Target source"),
    "col.target_flag": ("Đánh dấu mục tiêu", "Target flags"),
    "col.seed_file": ("Tệp kế hoạch", "Plan file"),
    "col.section": ("Mục", "Section"),
    "col.wording_vi": ("Lời văn", "Wording"),
    "col.note": ("Ghi chú", "Note"),
    "col.data_file": ("Tệp dữ liệu", "Data file"),
    "col.data_row": ("Dòng dữ liệu", "Data row"),
    "col.is_effective": ("Áp dụng", "Effective"),
    "col.period_end": ("Ngày cuối kỳ", "Period end"),
    "col.as_of_period": ("Kỳ đánh giá", "Scored as of"),
    "col.is_demo": ("Số liệu minh họa", "Demo data"),
    "col.source": ("Nguồn số liệu", "Value source"),
    "col.baseline": ("Giá trị gốc", "Baseline"),
    "col.latest_value": ("Giá trị mới nhất", "Latest value"),
    "col.latest_date": ("Ngày của giá trị mới nhất", "Latest value's date"),
    "col.next_milestone_year": ("Mốc kế tiếp", "Next milestone"),
    "col.target_comparator": ("So sánh", "Comparator"),
    "col.target_value": ("Mục tiêu", "Target"),
    "col.target_value_max": ("Mục tiêu (cận trên)", "Target (upper end)"),
    "col.required_path_value": ("Lộ trình bắt buộc", "Required path"),
    "col.pace_per_year": ("Tốc độ hiện tại/năm", "Current pace/year"),
    "col.projected_value": ("Dự báo tại mốc", "Projected at milestone"),
    "col.pace_needed_per_year": ("Tốc độ cần/năm", "Pace needed/year"),
    "col.province_average_attainment": ("Mức đạt bình quân tỉnh (%)", "Province average attainment (%)"),
    "col.attainment_vs_province": ("Mức đạt so với bình quân tỉnh", "Attainment against the province average"),
    "col.milestone_year": ("Mốc mục tiêu", "Target milestone"),
    "col.milestone_comparator": ("So sánh (mốc đã chọn)", "Comparator (chosen milestone)"),
    "col.milestone_value": ("Mục tiêu (mốc đã chọn)", "Target (chosen milestone)"),
    "col.milestone_value_max": ("Cận trên (mốc đã chọn)", "Upper end (chosen milestone)"),
    "col.milestone_level": ("Nguồn mục tiêu (mốc đã chọn)", "Target source (chosen milestone)"),
    "col.milestone_citation": ("Trích dẫn (mốc đã chọn)", "Citation (chosen milestone)"),
    "col.milestone_pace_needed": ("Tốc độ cần/năm (mốc đã chọn)", "Pace needed/year (chosen milestone)"),
    "col.indicators": ("Số chỉ tiêu", "Indicators"),
    "col.missing_share": ("Tỷ lệ thiếu số liệu (%)", "Missing data (%)"),
    "col.rank_province": ("Hạng trong tỉnh", "Rank in province"),
    "col.rank_national": ("Hạng toàn quốc", "Rank nationally"),
    "col.province_average": ("Bình quân tỉnh", "Province average"),
    "col.gap_to_province_average": ("Chênh lệch với bình quân tỉnh", "Gap to province average"),
    "col.group_score": ("Điểm {group}", "{group} score"),  # a group's score: its short name (data/groups.yaml)
    "col.communes": ("Số xã", "Communes"),
    "col.status_label": ("Tình trạng (nhãn)", "Status (label)"),
    "col.task_id": ("Mã nhiệm vụ", "Task id"),
    "col.lead_agency": ("Cơ quan chủ trì", "Lead agency"),
    "col.partners": ("Cơ quan phối hợp", "Partners"),
    "col.deliverable": ("Sản phẩm", "Deliverable"),
    "col.deadline_text": ("Thời hạn", "Deadline"),
    "col.deadline_date": ("Ngày đến hạn", "Due date"),
    "col.percent_complete": ("Tiến độ (%)", "Progress (%)"),
    "col.elapsed_share": ("Thời gian đã qua (%)", "Schedule elapsed (%)"),
    "col.task_status": ("Tình trạng nhiệm vụ", "Task status"),
    "col.baseline_date": ("Ngày của giá trị gốc", "Baseline date"),
    "col.previous_value": ("Giá trị quý trước", "Previous quarter's value"),
    "col.change_since_previous": ("Thay đổi so với quý trước", "Change since previous quarter"),
    "col.batch_id": ("Lô nhập", "Batch"),
    "col.imported_at": ("Thời điểm nhập", "Imported at"),
    "col.file_names": ("Các tệp", "Files"),
    "col.sha256": ("Mã băm SHA-256", "SHA-256"),
    "col.rows_read": ("Số dòng đọc", "Rows read"),
    "col.imported": ("Mới", "New"),
    "col.updated": ("Cập nhật", "Updated"),
    "col.unchanged": ("Không đổi", "Unchanged"),
    "col.values_live": ("Giá trị còn hiệu lực", "Values still live"),
    "col.rolled_back_at": ("Thời điểm hoàn tác", "Rolled back at"),
    "col.imported_by": ("Người nhập", "Imported by"),
    "col.rolled_back_by": ("Người hoàn tác", "Rolled back by"),
    "col.source_row": ("Dòng trong tệp", "Row in the file"),
    "col.replaced_value": ("Giá trị bị thay", "Replaced value"),
    "col.replaced_kind": ("Loại giá trị bị thay", "Replaced kind"),
    "col.replaced_by": ("Bị thay bởi lô", "Replaced by batch"),
    "col.wards": ("Số phường", "Wards"),
    "col.special_zones": ("Số đặc khu", "Special zones"),
    "col.deadline_implied": ("Thời hạn ngầm định", "Implied deadline"),
    "col.evidence_files": ("Số tệp minh chứng", "Evidence files"),
    "col.report_id": ("Số báo cáo", "Report no."),
    "col.reported_at": ("Thời điểm báo cáo", "Reported at"),
    "col.review_reason": ("Lý do trả lại", "Reason returned"),
    "col.alert_overdue": ("Cảnh báo: quá hạn", "Alert: overdue"),
    "col.alert_behind": ("Cảnh báo: chậm tiến độ", "Alert: behind schedule"),
    "col.alert_returned": ("Cảnh báo: minh chứng bị trả lại", "Alert: evidence returned"),
    "col.action": ("Việc cần xử lý", "Needs action"),
    "col.subject": ("Nội dung", "Subject"),
    "col.detail": ("Chi tiết", "Detail"),
    "col.quarter": ("Quý", "Quarter"),
    "col.state": ("Trạng thái phê duyệt", "Approval state"),
    "col.changed_at": ("Thời điểm thay đổi", "Changed at"),
    "col.changed_by": ("Người thay đổi", "Changed by"),
    "col.red_alerts": ("Số cảnh báo đỏ", "Red alerts"),
    "col.tasks": ("Số nhiệm vụ", "Tasks"),
    "col.tasks_reported": ("Nhiệm vụ đã báo cáo", "Tasks reported"),
    "col.doc_file": ("Tệp văn bản", "Document file"),
    "col.doc_line": ("Dòng trong tệp văn bản", "Line in the document file"),
    "col.seed_line": ("Dòng trong tệp kế hoạch", "Line in the plan file"),
    "col.reason_vi": ("Lý do", "Reason (Vietnamese)"),
    "col.reason_en": ("Lý do (tiếng Anh)", "Reason"),
    "col.points": ("Điểm", "Points"),
    "col.latitude": ("Vĩ độ", "Latitude"),
    "col.longitude": ("Kinh độ", "Longitude"),
    "col.period_kind": ("Loại kỳ", "Period kind"),
    "col.snapshot_at": ("Thời điểm chụp", "Snapshot time"),
    "col.is_latest": ("Mới nhất", "Latest"),
    "col.publisher": ("Nơi công bố", "Publisher"),
    "col.source_file": ("Tệp nguồn", "Source file"),
    "col.portal_code": ("Mã đơn vị trên Cổng", "Portal unit code"),
    "col.unit_name": ("Đơn vị", "Unit"),
    "col.maximum": ("Điểm tối đa", "Maximum points"),
    "col.last_reported_at": ("Báo cáo gần nhất lúc", "Last reported at"),
    "col.group_name": ("Nhóm", "Group"),
    "direction.higher": ("Càng cao càng tốt", "Higher is better"),
    "direction.lower": ("Càng thấp càng tốt", "Lower is better"),
    "kind.percent": ("Tỷ lệ %", "Percent"),
    "kind.count": ("Số lượng", "Count"),
    "kind.money": ("Tiền", "Money"),
    "kind.boolean": ("Có/không", "Yes/no"),
    "kind.points": ("Điểm", "Points"),
    "demo.banner": (
        "**Dữ liệu minh họa**: chưa xã nào công bố số liệu báo cáo; các giá trị báo cáo và tiến độ nhiệm vụ trên trang này "
        "được sinh tự động (tất định) để minh họa. Mục tiêu là mục tiêu thật, trích từ kế hoạch của các xã.",
        "**Demo data** (Dữ liệu minh họa): no commune has published reported values yet; the reported values and task "
        "progress on this page are generated (deterministically) for illustration. Targets are the real ones from the plans.",
    ),
    "demo.banner_mixed": (
        "**Dữ liệu minh họa xen lẫn số liệu báo cáo**: {real} giá trị là số liệu báo cáo đã nhập; các giá trị còn lại và "
        "tiến độ nhiệm vụ được sinh tự động để minh họa. Cột “Nguồn số liệu” và các tệp xuất (is_demo) cho biết giá trị nào là thật.",
        "**Demo data mixed with reports**: {real} values are imported reports; the other values and task progress are "
        "generated for illustration. The “Value source” column and the exports (is_demo) tell which is which.",
    ),
    "source.demo": ("Minh họa", "Demo"),
    "source.report": ("Báo cáo", "Report"),
    "demo.export": ("Dữ liệu minh họa (không phải số liệu báo cáo thật)", "Demo data (Dữ liệu minh họa), not real reports"),
    "real.export": ("Số liệu báo cáo thật", "Real reported values"),
    "nav.overview": ("Tổng quan", "Overview"),
    "nav.ranking": ("Xếp hạng", "Ranking"),
    "nav.trajectory": ("Lộ trình", "Trajectories"),
    "nav.profile": ("Hồ sơ xã", "Commune profile"),
    "nav.tasks": ("Nhiệm vụ", "Tasks"),
    "nav.method": ("Phương pháp", "Methodology"),
    "nav.section.dashboard": ("Bảng điều khiển", "Dashboard"),
    "nav.section.reference": ("Tra cứu", "Reference"),
    "nav.import": ("Nhập báo cáo", "Import reports"),
    "nav.extract": ("Trích xuất kế hoạch", "Plan extraction"),
    "nav.restricted": ("Trang “{page}” chỉ dành cho người được giao quyền dùng trang này.",
                       "The page “{page}” is only for people given the right to use it."),
    "nav.role_lacks": ("Vai trò của bạn ({role}) không dùng trang này.", "Your role ({role}) does not use this page."),
    "nav.not_found_title": ("Không tìm thấy trang", "Page not found"),
    "nav.not_found": ("Bảng điều khiển không có trang “/{slug}”. Hãy chọn một trang ở thanh bên, hoặc mở Tổng quan.",
                      "The dashboard has no page “/{slug}”. Choose a page in the sidebar, or open the Overview."),
    "extract.title": ("Trích xuất chỉ tiêu và nhiệm vụ từ kế hoạch của xã", "Targets and tasks from a commune's plan"),
    "extract.caption": (
        "Tải lên kế hoạch (.txt, .docx, .pdf có lớp chữ) và chọn xã. Mỗi chỉ tiêu, nhiệm vụ tìm được hiện bên cạnh dòng nguồn; "
        "chỉ những dòng được chấp nhận mới được lưu vào dữ liệu kế hoạch, và có trong lần dựng cơ sở dữ liệu tiếp theo.",
        "Upload a plan (.txt, .docx, a PDF with a text layer) and choose the commune. Each target and task found is shown "
        "beside its source lines; only the rows you accept are saved into the plan data, and enter the next database build.",
    ),
    "extract.commune": ("Xã, phường của kế hoạch", "The plan's commune"),
    "extract.upload": ("Tệp kế hoạch", "Plan file"),
    "extract.running": ("Đang đọc kế hoạch…", "Reading the plan…"),
    "extract.no_commune": ("Không có xã nào của {province} trong phạm vi của bạn.", "No commune of {province} is within your scope."),
    "extract.status": ("Tình trạng", "Status"),
    "extract.status.candidate": ("Chỉ tiêu tìm được", "Targets found"),
    "extract.status.proposed_indicator": ("Đề xuất chỉ tiêu mới", "Proposed new indicators"),
    "extract.status.no_year": ("Không có năm", "Without a year"),
    "extract.tasks": ("Nhiệm vụ", "Tasks"),
    "extract.targets": ("Chỉ tiêu", "Targets"),
    "extract.decision": ("Quyết định", "Decision"),
    "extract.preset": ("Đánh dấu chấp nhận mọi chỉ tiêu tìm được và mọi nhiệm vụ", "Mark every target found and every task to accept"),
    "extract.preset_help": ("Rồi sửa hoặc loại từng dòng cần thiết trước khi lưu; đề xuất chỉ tiêu mới và số liệu không có năm không được đánh dấu.",
                            "Then edit or reject the rows that need it before saving; proposed indicators and numbers without a year are never marked."),
    "extract.decision_help": ("Chấp nhận (sửa trước nếu cần), loại, hoặc để chưa xem; chỉ dòng được chấp nhận mới được lưu",
                              "Accept (edit first if needed), reject, or leave not reviewed; only accepted rows are saved"),
    "extract.decision.pending": ("… Chưa xem", "… Not reviewed"),
    "extract.decision.accept": ("✓ Chấp nhận", "✓ Accept"),
    "extract.decision.reject": ("✗ Loại", "✗ Reject"),
    "extract.row.candidate": ("Tìm được", "Found"),
    "extract.row.proposed_indicator": ("Đề xuất chỉ tiêu mới", "Proposed new indicator"),
    "extract.row.no_year": ("Không có năm", "No year"),
    "extract.proposed": ("(đề xuất chỉ tiêu mới)", "(proposed new indicator)"),
    "extract.cited": ("▶ dòng được trích; các con số in đậm trên nền cam.", "▶ the cited line; numbers in bold on orange."),
    "extract.recurring": ("Hằng năm", "Every year"),
    "extract.value_max": ("Giá trị tối đa", "Upper value"),
    "extract.wording": ("Nguyên văn", "Wording"),
    "extract.confidence": ("Độ tin cậy", "Confidence"),
    "extract.reasons": ("Lý do", "Reasons"),
    "extract.line": ("Dòng", "Line"),
    "extract.partners": ("Cơ quan phối hợp", "Partners"),
    "extract.deliverable": ("Sản phẩm", "Deliverable"),
    "extract.section": ("Mục", "Section"),
    "extract.source": ("Dòng nguồn", "Source lines"),
    "extract.pick": ("Chỉ tiêu muốn xem", "Target to look at"),
    "extract.accepted": ("Đã chọn chấp nhận: {targets} chỉ tiêu, {tasks} nhiệm vụ.", "Marked to accept: {targets} targets, {tasks} tasks."),
    "extract.save": ("Lưu các dòng đã chấp nhận", "Save the accepted rows"),
    "extract.invalid": ("Chưa lưu gì: có dòng chưa hợp lệ (sửa rồi lưu lại).", "Nothing saved: some rows are not valid (edit them and save again)."),
    "extract.saved": ("Đã lưu {targets} chỉ tiêu và {tasks} nhiệm vụ vào kế hoạch của {commune}, cùng tệp kế hoạch (data/saved_plans/{folder}); "
                      "có hiệu lực từ lần dựng cơ sở dữ liệu tiếp theo.",
                      "Saved {targets} targets and {tasks} tasks into {commune}'s plan, with the plan's file (data/saved_plans/{folder}); "
                      "they count from the next database build."),
    "nav.quality": ("Chất lượng dữ liệu", "Data quality"),
    "quality.title": ("Chất lượng dữ liệu kế hoạch", "Data quality of the plans"),
    "quality.caption": (
        "Các kế hoạch không hoàn toàn sạch: có chỉ tiêu nêu lại, mâu thuẫn, cam kết hằng năm, mục tiêu được diễn giải "
        "và chỉ tiêu thấp hơn chỉ tiêu của tỉnh hoặc Trung ương cho cùng mốc. "
        "Mọi dòng được giữ kèm trích dẫn; với mâu thuẫn, mức khắt khe hơn là mục tiêu áp dụng (xem Phương pháp).",
        "The plans are not clean: some targets are restated, contradict each other, recur yearly, were interpreted "
        "or are below the province's or the national target for the same milestone. "
        "Every row is kept with its citation; for a conflict, the more demanding value is the effective one (see Methodology).",
    ),
    "quality.kind": ("Loại", "Kind"),
    "quality.unplaced": ("Nêu số nhưng không có mốc năm: chưa đưa vào chỉ tiêu", "Numbers with no milestone year: not made targets"),
    "quality.unplaced_caption": (
        "Kế hoạch nêu con số nhưng câu văn và đề mục không cho biết năm cần đạt (cũng không phải cam kết hằng năm). "
        "Không tự gán năm: các dòng này được giữ lại để xã bổ sung mốc, không bị bỏ qua.",
        "The plan states a number, but neither the sentence nor its heading says by which year (nor is it a yearly "
        "commitment). No year is assumed: these rows are kept for the commune to add a milestone, not dropped.",
    ),
    "quality.unplaced_national": (
        "Dòng “Văn bản Trung ương”: số của Nghị quyết 57-NQ/TW hay Thông báo 624/TB-VPCP không có mốc năm, hoặc là nhiệm vụ "
        "có thời hạn (không phải mốc của chỉ tiêu); dẫn tệp và dòng trong tài liệu gốc.",
        "Rows “National document”: numbers of Resolution 57-NQ/TW or Notice 624/TB-VPCP with no milestone year, or tasks "
        "with a deadline (not a target's milestone); cited by file and line of the document as read.",
    ),
    "col.candidate_indicator": ("Chỉ tiêu tương ứng", "Would map to"),
    "col.reason": ("Lý do", "Reason"),
    "quality.line": ("dòng", "line"),
    "quality.unmatched": ("Cần đối chiếu: bản ghi không còn khớp danh mục, đơn vị hoặc kế hoạch",
                          "To map again: records the catalogue, the units or the plans no longer match"),
    "quality.unmatched_caption": (
        "Số liệu, báo cáo nhiệm vụ, phê duyệt và phạm vi tài khoản do người dùng nhập vẫn được giữ nguyên trong kho lưu "
        "trữ; sau khi danh mục hoặc kế hoạch thay đổi, các bản ghi dưới đây chưa được đặt vào bảng điều khiển. Quản trị viên "
        "hệ thống đối chiếu lại từng bản ghi (cần đối chiếu).",
        "Values, task reports, approvals and account scopes people entered are kept in the store of record; since the "
        "catalogue or a plan changed, the records below are not placed on the dashboard. The system administrator maps "
        "each of them again.",
    ),
    "quality.unmatched_none": ("Mọi bản ghi đều khớp danh mục và kế hoạch hiện hành.",
                               "Every record matches the current catalogue and plans."),
    "col.record_kind": ("Loại bản ghi", "Record kind"),
    "col.record_id": ("Mã bản ghi", "Record id"),
    "col.record": ("Bản ghi", "Record"),
    "comparator.=": ("=", "="),
    "comparator.>": (">", ">"),
    "comparator.>=": ("≥", "≥"),
    "comparator.<": ("<", "<"),
    "comparator.<=": ("≤", "≤"),
    "comparator.range": ("trong khoảng", "between"),
    "comparator.strive": ("phấn đấu", "strive for"),
    "col.seq": ("STT", "No."),
    "filter.choose": ("Chọn…", "Choose…"),
    "filter.no_data_mark": ("{name} (chưa có số liệu)", "{name} (no data yet)"),
    "flag.conflict": ("Mâu thuẫn", "Conflict"),
    "record.value": ("Số liệu nhập", "Imported value"),
    "record.task_report": ("Báo cáo nhiệm vụ", "Task report"),
    "record.approval": ("Phê duyệt", "Approval"),
    "record.account": ("Phạm vi tài khoản", "Account scope"),
    "unmatched.commune_gone": ("không còn xã mã này", "no commune has this code any more"),  # record_unmatched.why
    "unmatched.indicator_gone": ("không còn chỉ tiêu này trong danh mục", "the indicator is no longer in the catalogue"),
    "unmatched.task_gone": ("không còn nhiệm vụ này trong kế hoạch của xã", "the commune's plan no longer has this task"),
    "flag.restated": ("Nêu lại", "Restated"),
    "flag.recurring": ("Hằng năm", "Recurring"),
    "flag.interpreted": ("Diễn giải", "Interpreted"),
    "flag.undercut": ("Thấp hơn cấp trên", "Below the higher layer"),
    "col.undercuts": ("Thấp hơn chỉ tiêu cấp trên", "Below the higher layer's target"),
    "col.document": ("Văn bản", "Document"),
    "col.url": ("Địa chỉ công bố", "Published at"),
    "col.also_cited": ("Cũng nêu tại", "Also stated at"),
    # issue 34: a layer's row as read in ../shared/documents, and what a reader must know about it (in force, not seen)
    "col.read_at": ("Đọc tại (tệp, dòng)", "Read at (file, line)"),
    "col.layer_note": ("Ghi chú (văn bản áp dụng, phần chưa đọc)", "Note (which document applies, parts not read)"),
    "quality.national": ("Văn bản Trung ương", "National document"),
    "col.flag": ("Đánh dấu", "Flags"),
    "import.title": ("Nhập số liệu báo cáo của xã", "Import communes' reported values"),
    "import.caption": (
        "Tải lên tệp CSV hoặc XLSX theo mẫu. Mọi dòng được kiểm tra trước; chỉ khi không có lỗi nào mới được ghi, "
        "và ghi tất cả trong một lần (có thể hoàn tác theo lô).",
        "Upload CSV or XLSX files made from the template. Every row is checked first; only a file set without a "
        "single error is written, all at once (and can be rolled back by batch).",
    ),
    "import.template_csv": ("Tải mẫu CSV", "Download the CSV template"),
    "import.template_xlsx": ("Tải mẫu XLSX", "Download the XLSX template"),
    "upload.limits": ("Tối đa {mb} MB mỗi tệp · {types}", "At most {mb} MB per file · {types}"),
    "upload.button": ("Chọn tệp", "Choose files"),
    "import.upload": ("Tệp báo cáo (CSV, XLSX)", "Report files (CSV, XLSX)"),
    "import.preview": ("Kết quả kiểm tra (chưa ghi)", "Check result (nothing written yet)"),
    "import.rows": ("Số dòng", "Rows"),
    "import.new": ("Mới", "New"),
    "import.updated": ("Cập nhật", "Updated"),
    "import.unchanged": ("Không đổi", "Unchanged"),
    "import.errors": ("{n} lỗi: không dòng nào được ghi. Sửa tệp rồi tải lên lại.", "{n} error(s): nothing will be written. Fix the file and upload it again."),
    "import.valid": ("Tất cả các dòng hợp lệ.", "Every row is valid."),
    "import.confirm": ("Xác nhận ghi vào cơ sở dữ liệu", "Confirm and write to the database"),
    "import.done": ("Đã nhập lô {batch}: {summary}", "Imported batch {batch}: {summary}"),
    "import.summary": ("{imported} giá trị mới, {updated} giá trị cập nhật, {unchanged} giá trị không đổi.",
                       "{imported} new value(s), {updated} updated, {unchanged} unchanged."),
    "import.busy": (
        "Một lần nhập hoặc dựng dữ liệu khác vẫn đang chạy sau 60 giây chờ; chưa ghi gì. Vui lòng thử lại sau ít phút.",
        "Another import or build was still running after a 60 s wait; nothing was written. Please try again in a few minutes.",
    ),
    "import.refused": ("Không ghi: {reason}", "Nothing written: {reason}"),
    "records.unavailable": (
        "Kho dữ liệu không trả lời; chưa ghi gì. Vui lòng thử lại sau ít phút.",
        "The store of record did not answer; nothing was written. Please try again in a few minutes.",
    ),
    "import.rollback": ("Hoàn tác một lô", "Roll back a batch"),
    "import.rollback_pick": ("Lô nhập", "Import batch"),
    "import.rollback_confirm": ("Hoàn tác lô này", "Roll this batch back"),
    "import.rolled_back": ("Đã hoàn tác lô {batch}: bỏ {removed} giá trị, khôi phục {restored} giá trị cũ.",
                           "Rolled back batch {batch}: removed {removed} value(s), restored {restored} earlier value(s)."),
    "import.rollback_none": ("Không có lô nào còn hiệu lực để hoàn tác.", "No live batch to roll back."),
    "auth.sign_in": ("Đăng nhập", "Sign in"),
    "auth.sign_out": ("Đăng xuất", "Sign out"),
    "auth.signed_in": ("Đã đăng nhập: {who}", "Signed in: {who}"),
    "auth.role": ("Vai trò: {role} · Phạm vi: {scope}", "Role: {role} · Scope: {scope}"),
    "role.viewer": ("Người xem", "Viewer"),
    "role.commune_editor": ("Cán bộ nhập liệu xã", "Commune editor"),
    "role.province_reviewer": ("Cán bộ thẩm định tỉnh", "Province reviewer"),
    "role.admin": ("Quản trị viên", "Administrator"),
    "action.import": ("nhập số liệu", "import values"),  # "… may not <action>" (kpi/accounts/roles.py)
    "action.rollback": ("hoàn tác lô nhập", "roll back import batches"),
    "action.report_tasks": ("báo cáo tiến độ nhiệm vụ", "report task progress"),
    "action.review": ("thẩm định, phê duyệt và khóa số liệu", "review evidence, approve and lock values"),
    "action.users": ("quản lý tài khoản", "manage accounts"),
    "action.remap": ("đối chiếu lại bản ghi", "map records again"),
    "action.published": ("nạp số liệu công bố (Bộ chỉ số 766)", "load published values (Index 766)"),
    "auth.no_account": (
        "Tài khoản này chưa được cấp quyền: chỉ xem. Liên hệ quản trị viên để được cấp vai trò.",
        "This account has no role yet: read only. Ask the administrator for one.",
    ),
    "auth.not_configured": (
        "Đăng nhập chưa được bật trên máy chủ này; bạn đang xem ở chế độ chỉ đọc.",
        "Sign-in is not enabled on this server; you are viewing read-only.",
    ),
    "auth.reader": ("Đăng nhập để nhập số liệu hoặc thẩm định.", "Sign in to report values or review them."),
    "app.published_by.users": ("cập nhật tài khoản", "account change"),
    "profile.history": ("Lịch sử giá trị báo cáo", "History of reported values"),
    "profile.history_pick": ("Chỉ tiêu", "Indicator"),
    "profile.history_none": ("Chưa có giá trị báo cáo nào được nhập cho chỉ tiêu này (chỉ có giá trị minh họa).",
                             "No reported value has been imported for this indicator (demo values only)."),
    "import.batches": ("Các lô đã nhập", "Import batches"),
    "import.no_batches": ("Chưa có lô nào.", "No batches yet."),
    "import.on_dashboard": ("Trên bảng điều khiển", "On the dashboard"),
    "import.pending": ("chờ cập nhật", "pending"),
    "import.published": ("đã cập nhật", "published"),
    "col.file": ("Tệp", "File"),
    "col.row": ("Dòng", "Row"),
    "col.field": ("Trường", "Field"),
    "col.message": ("Lỗi", "Error"),
    "filter.title": ("Bộ lọc", "Filters"),
    "filter.province": ("Tỉnh, thành phố", "Province"),
    "filter.communes": ("Xã, phường", "Communes"),
    "filter.group": ("Nhóm chỉ tiêu", "Indicator group"),
    "filter.indicator": ("Chỉ tiêu", "Indicator"),
    "filter.index": ("Chỉ số tổng hợp", "Composite index"),
    "filter.all_groups": ("Tất cả các nhóm", "All groups"),
    "filter.period": ("Kỳ đánh giá", "Period"),
    "filter.milestone_help": (
        "Mốc mục tiêu để tính tình trạng, mức đạt và tốc độ cần đạt trên mọi trang (mặc định: mốc kế tiếp của từng chỉ tiêu).",
        "The target milestone statuses, attainment and the pace needed are computed against on every page (default: each "
        "indicator's next milestone).",
    ),
    "filter.milestone_note": (
        "Tình trạng tính theo mốc {year}; cặp xã × chỉ tiêu không có mục tiêu cho mốc này được bỏ qua. Chỉ số tổng hợp và "
        "thứ hạng giữ nguyên như đã tính theo mốc kế tiếp.",
        "Statuses are computed against the {year} milestone; commune × indicator pairs without a target for it are left "
        "out. The composite index and the ranks stay as computed against each indicator's next milestone.",
    ),
    "status.met": ("Đạt", "Met"),
    "status.on_track": ("Đúng lộ trình", "On track"),
    "status.at_risk": ("Có nguy cơ", "At risk"),
    "status.off_track": ("Chệch hướng", "Off track"),
    "status.no_data": ("Không có dữ liệu", "No data"),
    "status.no_target": ("Không có mục tiêu", "No target"),
    "overview.title": ("Tổng quan: {province}", "Overview: {province}"),
    "overview.of_group": (
        "Nhóm chỉ tiêu đã chọn: {group}. Các thẻ, câu tóm tắt, năm xã đầu và cuối, dải điểm và bảng tình trạng chỉ tính "
        "các chỉ tiêu của nhóm này (điểm nhóm thay cho chỉ số tổng hợp).",
        "Indicator group chosen: {group}. The cards, the sentence, the top and bottom five, the strip and the status grid "
        "count this group's indicators only (the group's score in place of the composite index).",
    ),
    "overview.grid_layout": ("Bố cục bảng tình trạng", "Status grid layout"),
    "overview.grid_by_indicator": ("Chỉ tiêu theo hàng", "Indicators in rows"),
    "overview.grid_by_commune": ("Xã theo hàng", "Communes in rows"),
    "overview.group_index": ("Điểm nhóm bình quân tỉnh: {group}", "Province's average group score: {group}"),
    "nav.map": ("Bản đồ", "Map"),
    "map.of": ("Điểm trên bản đồ theo: {what}", "The points show: {what}"),
    "map.attainment": ("Mức đạt (%)", "Attainment (%)"),
    "map.title": ("Bản đồ các xã: {scope}", "Map of communes: {scope}"),
    "map.national": ("Cả nước", "Whole country"),
    "map.extent": ("Phạm vi", "Extent"),
    "map.extent.national": ("Cả nước", "Whole country"),
    "map.extent.province": ("Tỉnh đang chọn", "Chosen province"),
    "map.colour": ("Tô màu theo", "Colour by"),
    "map.colour.index": ("Chỉ số", "Index"),
    "map.colour.status": ("Tình trạng", "Status"),
    "map.status": ("Tình trạng", "Status"),
    "map.no_index": ("Chưa có chỉ số", "No index"),
    "map.hint": ("Bấm vào một điểm để mở hồ sơ xã. Kéo để di chuyển, cuộn để phóng to.", "Click a point to open the commune’s profile. Drag to pan, scroll to zoom."),
    "map.placed": ("Đã định vị {placed}/{total} đơn vị hành chính; {missing} đơn vị chưa có vị trí.", "{placed} of {total} administrative units placed; {missing} without a position."),
    "map.unplaced": ("Các đơn vị chưa định vị ({n})", "Units not placed ({n})"),
    "map.col.code": ("Mã", "Code"),
    "map.col.name": ("Tên", "Name"),
    "map.col.province": ("Tỉnh/thành phố", "Province"),
    "map.col.reason": ("Lý do", "Reason"),
    "map.source": ("Vị trí: một điểm đại diện cho mỗi xã, lấy từ gói [{package} {version}]({url}) (giấy phép {licence}; một phần toạ độ được mã hoá địa lý tự động), đối chiếu với mã đơn vị hành chính chính thức. Chỉ vẽ các điểm: không có bản đồ nền, không vẽ đường biên giới hay địa giới hành chính.", "Positions: one representative point per commune, from the package [{package} {version}]({url}) ({licence} licence; partly geocoded automatically), matched to the official unit codes. Points only: no base map, no border or administrative boundary is drawn."),
    "map.grapher_link": ("Cùng chỉ tiêu, kỳ và mốc trên bản đồ, biểu đồ và bảng",
                         "The same indicator, period and milestone as a map, a chart and a table"),
    "map.view": ("Xem dạng", "View as"),
    "map.view.map": ("Bản đồ", "Map"),
    "map.view.chart": ("Biểu đồ", "Chart"),
    "map.view.table": ("Bảng", "Table"),
    "map.chosen_communes": ("Xã đang chọn", "Chosen communes"),
    "map.other_communes": ("Các xã khác", "Other communes"),
    "map.chosen_province": ("Tỉnh đang chọn", "Chosen province"),
    "map.other_provinces": ("Các tỉnh khác", "Other provinces"),
    "map.chart_national": ("Cả nước: mỗi thanh là bình quân của các xã có số liệu trong tỉnh.",
                           "Whole country: each bar is the average of the province's communes with a value."),
    "map.png": ("Tải ảnh PNG", "Download PNG image"),
    "map.svg": ("Tải ảnh SVG", "Download SVG image"),
    "map.image_help": ("Hình đang xem, kèm tiêu đề và dòng nguồn", "The view shown, with its title and source line"),
    "map.source_line": ("Nguồn: bảng điều khiển NQ57 – KPI xã, phiên bản dữ liệu {version}; {values}; vị trí xã: {positions}.",
                        "Source: NQ57 commune KPI dashboard, data version {version}; {values}; commune positions: {positions}."),
    "map.no_data": ("Chưa có kỳ nào được chấm điểm.", "No period has been scored yet."),
    "headline.rank": (
        "{province} xếp thứ {rank}/{ranked} tỉnh, thành phố với chỉ số bình quân {index}",
        "{province} ranks {rank} of {ranked} provinces with an average index of {index}",
    ),
    "headline.unranked": (
        "{province} chưa có chỉ số bình quân trong quý này nên chưa được xếp hạng.",
        "{province} has no average index this quarter, so it is not ranked.",
    ),
    "headline.change": ("{moved}, chỉ số {delta} so với quý trước", "{moved}, index {delta} since the previous quarter"),
    "headline.up": ("tăng {n} bậc", "up {n}"),
    "headline.down": ("giảm {n} bậc", "down {n}"),
    "headline.same": ("giữ nguyên hạng", "same rank"),
    "headline.pairs": (
        "So với mốc kế tiếp của từng chỉ tiêu, {met_or_on_track}% cặp xã × chỉ tiêu đã đạt hoặc đúng lộ trình ({met}% đã đạt), "
        "{at_risk}% có nguy cơ, {off_track}% chệch hướng.",
        "Against each indicator's next milestone, {met_or_on_track}% of the commune × indicator pairs are met or on track "
        "({met}% met), {at_risk}% at risk and {off_track}% off track.",
    ),
    "status.met_or_on_track": ("Đạt hoặc đúng lộ trình", "Met or on track"),
    "headline.off_track": ("{n}/{communes} xã chệch hướng nhìn chung.", "{n} of {communes} communes are off track overall."),
    "overview.rank": ("Hạng của tỉnh", "Province rank"),
    "overview.off_track_communes": ("Xã chệch hướng", "Communes off track"),
    "overview.top": ("5 xã dẫn đầu", "Top 5 communes"),
    "overview.bottom": ("5 xã cuối bảng", "Bottom 5 communes"),
    "overview.trend": ("Xu hướng", "Trend"),
    "overview.index_strip": ("Chỉ số tổng hợp của các xã (xã đang chọn được đánh dấu)", "Composite index of the communes (chosen communes marked)"),
    "overview.index": ("Chỉ số bình quân tỉnh", "Province average index"),
    "overview.status_by_group": ("Số xã theo tình trạng, từng nhóm chỉ tiêu", "Communes by status, per indicator group"),
    "overview.index_ranking": ("Xếp hạng chỉ số tổng hợp", "Composite index ranking"),
    "overview.province_average": ("Bình quân tỉnh", "Province average"),
    "overview.heatmap": ("Tình trạng từng xã theo chỉ tiêu", "Status of each commune per indicator"),
    "overview.heatmap_rows": ("Xã theo thứ hạng", "Communes by rank"),
    "overview.heatmap_band": ("Hạng {first}–{last}", "Ranks {first}–{last}"),
    "overview.no_data": (
        "Tỉnh này chưa có số liệu báo cáo (kể cả dữ liệu minh họa). Các tỉnh có số liệu của các xã (báo cáo, minh họa hoặc "
        "công bố) không có ghi chú “chưa có số liệu” trong danh sách tỉnh ở thanh bên.",
        "This province has no reported values yet (not even demo data). Provinces with values for their communes (reported, "
        "demo or published) are the ones without the note “no data yet” in the sidebar's list.",
    ),
    "ranking.title": ("Xếp hạng so với bình quân tỉnh", "Ranking against the province average"),
    "ranking.diff": ("Chênh lệch so với bình quân tỉnh", "Difference from the province average"),
    "ranking.of": ("Xếp hạng theo: {what}", "Ranked on: {what}"),
    "ranking.open": ("Xem hồ sơ xã", "Open a commune's profile"),
    "ranking.open_button": ("Mở hồ sơ", "Open profile"),
    "ranking.select_hint": ("Chọn một dòng trong bảng, hoặc chọn xã dưới đây, để mở hồ sơ xã.", "Select a row, or pick a commune below, to open its profile."),
    "trajectory.title": ("Lộ trình thực hiện", "Trajectories"),
    "trajectory.pick_indicator": ("Chọn một chỉ tiêu ở thanh bên để xem lộ trình.", "Pick an indicator in the sidebar to see trajectories."),
    "trajectory.pick_communes": ("Chọn ít nhất một xã ở thanh bên.", "Pick at least one commune in the sidebar."),
    "trajectory.reported": ("{commune}: số liệu báo cáo", "{commune}: reported"),
    "trajectory.path": ("{commune}: lộ trình bắt buộc", "{commune}: required path"),
    "trajectory.projection": ("{commune}: dự báo", "{commune}: projection"),
    "trajectory.targets": ("{commune}: mục tiêu các mốc", "{commune}: milestone targets"),
    "trajectory.province_average": ("Bình quân tỉnh", "Province average"),
    "trajectory.milestones": ("Mục tiêu các mốc (2025–2045)", "Milestone targets (2025–2045)"),
    "trajectory.default_indicator": (
        "Đang hiển thị chỉ tiêu đầu tiên có số liệu và mục tiêu cho các xã đã chọn; chọn chỉ tiêu khác ở thanh bên.",
        "Showing the first indicator with data and a target for the chosen communes; pick another in the sidebar.",
    ),
    "trajectory.chosen_horizon": (
        "Biểu đồ kéo đến mốc đã chọn, {year}, mốc mà tình trạng và tốc độ cần đạt được tính theo; bảng liệt kê mọi mốc 2025–2045.",
        "The chart runs to the chosen milestone, {year}, the one statuses and the pace needed are computed against; "
        "the table lists every milestone 2025–2045.",
    ),
    "trajectory.horizon": (
        "Biểu đồ kéo đến mốc kế tiếp, {year}, mốc mà tình trạng và tốc độ cần đạt được tính theo; bảng liệt kê mọi mốc 2025–2045.",
        "The chart runs to the next milestone, {year}, the one statuses and the pace needed are computed against; "
        "the table lists every milestone 2025–2045.",
    ),
    "trajectory.horizons": (
        "Mốc kế tiếp của từng xã ({each}): tình trạng và tốc độ cần đạt được tính theo mốc đó; biểu đồ kéo đến {year}; "
        "bảng liệt kê mọi mốc 2025–2045.",
        "Each commune's next milestone ({each}): its status and the pace needed are computed against it; the chart runs "
        "to {year}; the table lists every milestone 2025–2045.",
    ),
    "profile.title": ("Hồ sơ xã: {commune}", "Commune profile: {commune}"),
    "profile.pick": ("Xã", "Commune"),
    "profile.inherited": (
        "Xã này chưa có kế hoạch riêng trong dữ liệu: các mục tiêu được **kế thừa** từ tỉnh hoặc Trung ương (cột Nguồn mục tiêu).",
        "This commune has no plan of its own in the data: its targets are **inherited** from the province or the national "
        "level (see the Target source column).",
    ),
    "profile.inherited_help": (
        "Xã: mục tiêu trong kế hoạch của xã; Tỉnh, Trung ương: kế thừa từ cấp trên (xem Trích dẫn).",
        "Commune: a target of the commune's own plan; Province, National: inherited from above (see the citation).",
    ),
    "profile.tasks": ("Nhiệm vụ trong kế hoạch của xã", "Tasks of the commune's plan"),
    "profile.no_tasks": ("Kế hoạch của xã không có phụ lục nhiệm vụ (hoặc xã chưa có kế hoạch riêng).", "The commune's plan has no task appendix (or the commune has no plan of its own)."),
    "profile.no_scores": ("Xã này chưa có số liệu trong kỳ đã chọn.", "This commune has no data for the chosen period."),
    "tasks.title": ("Nhiệm vụ và cảnh báo đỏ", "Tasks and red alerts"),
    "tasks.agency": ("Cơ quan chủ trì", "Lead agency"),
    "tasks.status": ("Tình trạng", "Status"),
    "tasks.all": ("Tất cả", "All"),
    "tasks.red_alerts": ("Cảnh báo đỏ", "Red alerts"),
    "action_kind.alert_overdue": ("Quá hạn", "Overdue"),
    "action_kind.alert_behind": ("Tiến độ dưới 50% lộ trình thời gian", "Progress below 50% of the elapsed schedule"),
    "action_kind.alert_returned": ("Minh chứng bị trả lại", "Evidence returned"),
    "action_kind.awaiting_review": ("Chờ thẩm định minh chứng", "Evidence awaiting review"),
    "action_kind.off_track": ("Chỉ tiêu chệch hướng", "Indicator off track"),
    "action_kind.not_reported": ("Chưa báo cáo số liệu kỳ này", "No values reported this period"),
    "action_kind.values_submitted": ("Số liệu chờ phê duyệt", "Values awaiting approval"),
    "tasks.total": ("Số nhiệm vụ", "Tasks"),
    "tasks.done": ("Đã hoàn thành", "Done"),
    "tasks.none": ("Không có nhiệm vụ nào khớp với bộ lọc.", "No task matches the filters."),
    "task.done_verified": ("Hoàn thành, có minh chứng", "Done, with evidence"),
    "task.done_awaiting_evidence": ("Chờ hoàn thiện", "Returned: evidence to complete"),
    "task.done_awaiting_review": ("Hoàn thành, chờ thẩm định", "Done, awaiting review"),
    "tasks.as_of": (
        "Tình trạng đến ngày {day}; nhiệm vụ có cảnh báo đỏ xếp trước. Cảnh báo đỏ cho mọi xã theo quy tắc theo dõi ở mục IV.2.3 "
        "của kế hoạch (xã Tân Lợi): quá hạn, tiến độ dưới 50% lộ trình thời gian, hoặc minh chứng bị trả lại. Nhiệm vụ chưa có "
        "báo cáo hiển thị tình trạng minh họa.",
        "Status as of {day}; tasks with a red alert first. Red alerts for every commune follow the monitoring rules of section "
        "IV.2.3 of the plans (Tân Lợi's): overdue, progress below 50% of the elapsed schedule, or evidence returned. Tasks "
        "nobody has reported on show a demo status.",
    ),
    "tasks.reasons": ("Lý do cảnh báo", "Alert reasons"),
    "tasks.implied": ("(ngầm định: cuối năm kế hoạch)", "(implied: the plan's year end)"),
    "tasks.source": ("Nguồn tình trạng", "Status source"),
    "tasks.demo": ("Minh họa", "Demo"),
    "tasks.reported": ("Báo cáo", "Report"),
    "tasks.reported_count": ("Nhiệm vụ đã báo cáo (còn lại: minh họa)", "Tasks reported (the rest: demo)"),
    "tasks.todo": ("Cần xử lý: {province}", "Needs action: {province}"),
    "tasks.todo_caption": (
        "Nhiệm vụ có cảnh báo đỏ hoặc chờ thẩm định, chỉ tiêu chệch hướng kỳ {period}, xã chưa báo cáo số liệu kỳ {period} và "
        "số liệu chờ phê duyệt.",
        "Tasks with a red alert or awaiting review, indicators off track in {period}, communes that reported no values for "
        "{period}, and values awaiting approval.",
    ),
    "tasks.todo_kind": ("Loại việc", "Kind"),
    "tasks.subject": ("Nội dung", "Subject"),
    "tasks.detail": ("Chi tiết", "Detail"),
    "tasks.report": ("Báo cáo tiến độ nhiệm vụ", "Report task progress"),
    "tasks.report_caption": (
        "Báo cáo hoàn thành phải kèm tệp minh chứng (văn bản đã ký, ảnh chụp sản phẩm…: PDF, ảnh, tệp Office); tỉnh thẩm định "
        "minh chứng trước khi nhiệm vụ được tính là hoàn thành.",
        "A task reported done needs an evidence file (the signed document, a photo of the product…: PDF, images, office "
        "documents); the province reviews the evidence before the task counts as done.",
    ),
    "tasks.pick": ("Nhiệm vụ", "Task"),
    "tasks.new_status": ("Tình trạng mới", "New status"),
    "tasks.percent": ("Tiến độ (%)", "Progress (%)"),
    "tasks.note": ("Ghi chú", "Note"),
    "tasks.evidence_files": ("Tệp minh chứng", "Evidence files"),
    "tasks.submit": ("Gửi báo cáo", "Submit the report"),
    "tasks.pending": ("Báo cáo của bạn đã ghi nhận, chưa có trên bảng", "Your reports recorded, not on the dashboard yet"),
    "tasks.pending_mark": ("chờ cập nhật", "pending"),
    "tasks.reported_at": ("Lúc báo cáo", "Reported at"),
    "tasks.sent": ("Đã ghi báo cáo nhiệm vụ {seq} (báo cáo số {report}).", "Task {seq} reported (report {report})."),
    "tasks.row_errors": ("Báo cáo có lỗi, chưa ghi gì:", "The report has errors; nothing was written:"),
    "tasks.template": ("Tải mẫu báo cáo tiến độ (CSV)", "Download the progress template (CSV)"),
    "tasks.template_help": (
        "Mẫu gồm các nhiệm vụ của xã bạn, để báo cáo nhiều nhiệm vụ cùng lúc: điền Tình trạng, Tiến độ (%), Ghi chú, "
        "Minh chứng (tên tệp, cách nhau bằng “;”) rồi gửi tệp cùng các tệp minh chứng cho quản trị viên để nhập.",
        "The template lists your commune's tasks, to report many at once: fill in status, progress (%), note and evidence "
        "(file names separated by “;”), then send it with the evidence files to the administrator to import.",
    ),
    "tasks.review": ("Thẩm định minh chứng", "Review evidence"),
    "tasks.review_none": ("Không có báo cáo hoàn thành nào chờ thẩm định trong phạm vi của bạn.",
                          "No reported completion awaits review in your scope."),
    "tasks.review_pick": ("Báo cáo chờ thẩm định", "Report awaiting review"),
    "tasks.reason": ("Lý do trả lại (bắt buộc khi trả lại)", "Reason for returning (required to return)"),
    "tasks.accept": ("Chấp nhận", "Accept"),
    "tasks.return": ("Trả lại", "Return"),
    "tasks.accepted": ("Đã chấp nhận báo cáo số {report}.", "Report {report} accepted."),
    "tasks.returned": ("Đã trả lại báo cáo số {report}: nhiệm vụ chuyển về “Chờ hoàn thiện”.",
                       "Report {report} returned: the task is back to “returned”."),
    "tasks.download": ("Tải minh chứng", "Download evidence"),
    "tasks.download_pick": ("Nhiệm vụ có minh chứng", "Task with evidence"),
    "tasks.reviewed": ("Thẩm định", "Review"),
    "overview.red_alerts": ("Cảnh báo đỏ về nhiệm vụ", "Task red alerts"),
    "overview.red_alerts_none": ("Chưa có xã nào của tỉnh có nhiệm vụ trong dữ liệu.", "No commune of the province has tasks in the data."),
    "filter.approved_only": ("Chỉ số liệu đã phê duyệt", "Approved values only"),
    "filter.approved_only_help": (
        "Chỉ tính điểm, xếp hạng và tình trạng từ số liệu báo cáo mà tỉnh đã phê duyệt hoặc khóa (không tính số liệu minh họa, "
        "số liệu chờ duyệt).",
        "Scores, ranks and statuses from the reported values the province approved or locked only (no demo values, nothing "
        "awaiting approval).",
    ),
    "filter.basis": ("Số liệu", "Values"),
    "filter.basis_all": ("Tất cả số liệu báo cáo (kể cả minh họa)", "All reported values (demo included)"),
    "filter.basis_approved": ("Chỉ số liệu đã phê duyệt", "Approved values only"),
    "demo.approved_only": (
        "Đang xem chỉ số liệu đã được tỉnh phê duyệt hoặc khóa ({quarters} lượt xã × quý). Xã chưa có số liệu được duyệt hiển thị "
        "là không có số liệu.",
        "Showing only values the province approved or locked ({quarters} commune quarters). Communes with no approved values "
        "show as having no data.",
    ),
    "approval.title": ("Phê duyệt và khóa số liệu", "Approve and lock values"),
    "approval.caption": (
        "Mỗi xã, mỗi quý: nhập báo cáo → chờ duyệt; tỉnh phê duyệt, rồi khóa, hoặc trả lại kèm lý do. Kỳ đã khóa không nhận nhập "
        "hay hoàn tác cho đến khi tỉnh mở khóa; nhập mới vào kỳ đã duyệt hoặc bị trả lại đưa kỳ về chờ duyệt.",
        "Per commune and quarter: an import submits; the province approves, then locks, or returns it with a reason. A locked "
        "quarter takes no import or rollback until the province unlocks it; a new import into an approved or returned quarter "
        "makes it submitted again.",
    ),
    "approval.none": ("Chưa có số liệu báo cáo nào trong phạm vi của bạn.", "No reported values in your scope yet."),
    "approval.pick": ("Xã và quý", "Commune and quarter"),
    "approval.approve": ("Phê duyệt", "Approve"),
    "approval.lock": ("Khóa", "Lock"),
    "approval.unlock": ("Mở khóa", "Unlock"),
    "approval.done": ("Số liệu kỳ {quarter} của {commune}: {state}.", "Values of {commune} for {quarter}: {state}."),
    "approval.state": ("Trạng thái", "State"),
    "approval.submitted": ("Đã nộp, chờ duyệt", "Submitted"),
    "approval.approved": ("Đã phê duyệt", "Approved"),
    "approval.locked": ("Đã khóa", "Locked"),
    # the approval screen (pages/approval.py), the reviewers' words (pages/_reviews.py), reporting (pages/completeness.py)
    "nav.approval": ("Phê duyệt số liệu", "Approve values"),
    "nav.completeness": ("Tình hình báo cáo", "Reporting rate"),
    "approval.return": ("Trả lại", "Return"),
    "approval.returned": ("Bị trả lại, chờ xã sửa", "Returned"),
    "timeliness.on_time": ("Đúng hạn", "On time"),
    "timeliness.late": ("Trễ hạn", "Late"),
    "timeliness.missing": ("Chưa báo cáo, quá hạn", "Not reported, overdue"),
    "timeliness.not_due": ("Chưa báo cáo, chưa đến hạn", "Not reported, not due yet"),
    "outlier.bounds": ("ngoài giới hạn của chỉ tiêu", "outside the indicator's bounds"),
    "outlier.province": ("xa phân bố của tỉnh (ngoài Q1 − 1,5 IQR … Q3 + 1,5 IQR)",
                         "far from the province's spread (outside Q1 − 1.5 IQR … Q3 + 1.5 IQR)"),
    "outlier.jump": ("thay đổi lớn so với kỳ trước (hơn nửa khoảng giá trị)",
                     "a large change from the previous period (over half the range)"),
    "approval.reason": ("Lý do trả lại (bắt buộc khi trả lại; xã sẽ thấy)", "Reason for returning (required to return; the commune sees it)"),
    "approval.moved_to_page": ("Phê duyệt, trả lại, khóa và mở khóa số liệu từng xã, từng quý: trang “Phê duyệt số liệu”.",
                               "Approve, return, lock and unlock each commune's quarter: the page “Approve values”."),
    "approval.screen_caption": (
        "Mỗi giá trị xã báo cáo trong quý bên cạnh giá trị kỳ trước, mục tiêu mốc kế tiếp và phân bố của tỉnh (trung vị, tứ phân "
        "vị) cùng chỉ tiêu, cùng quý; giá trị bất thường được đánh dấu. Số liệu là số liệu đã ghi nhận, kể cả chưa lên bảng.",
        "Each value the commune reported for the quarter beside its previous value, the next milestone's target and the "
        "province's spread (median, quartiles) of the same indicator and quarter; outliers flagged. The values are as "
        "recorded, published or not."),
    "approval.values": ("Số liệu của kỳ", "The quarter's values"),
    "approval.no_values": ("Xã không còn giá trị nào trong kỳ này.", "The commune has no value left in this quarter."),
    "approval.outliers": ("{n} giá trị bất thường", "{n} outlier(s)"),
    "approval.evidence": ("Minh chứng của xã", "The commune's evidence"),
    "approval.evidence_none": ("Xã chưa gửi tệp minh chứng nào.", "The commune has sent no evidence file."),
    "approval.history": ("Ý kiến của người thẩm định", "The reviewers' words"),
    "approval.history_none": ("Chưa có ý kiến nào.", "No word yet."),
    "col.previous": ("Kỳ trước", "Previous"),
    "col.target_next": ("Mục tiêu mốc kế tiếp", "Next milestone's target"),
    "col.province_q1": ("Tỉnh: Q1", "Province: Q1"),
    "col.province_median": ("Tỉnh: trung vị", "Province: median"),
    "col.province_q3": ("Tỉnh: Q3", "Province: Q3"),
    "col.province_n": ("Tỉnh: số xã", "Province: communes"),
    "col.outlier": ("Bất thường", "Outlier"),
    "col.flags": ("Vì sao", "Why"),
    "col.evidence_text": ("Minh chứng (ghi trong tệp)", "Evidence (as reported)"),
    "col.evidence_file": ("Tệp minh chứng", "Evidence file"),
    "col.peers": ("Số đơn vị so sánh", "Peers"),
    "col.tied": ("Số đơn vị đồng hạng", "Units tied"),
    "col.portal_position": ("Vị trí trên Cổng", "Portal's position"),
    "col.short_vi": ("Tên ngắn", "Short name (Vietnamese)"),
    "col.short_en": ("Tên ngắn (tiếng Anh)", "Short name"),
    "col.reviewed_at": ("Thời điểm thẩm định", "Reviewed at"),
    "col.reviewed_by": ("Người thẩm định", "Reviewed by"),
    "col.move": ("Quyết định", "Decision"),
    "reviews.title": ("Ý kiến thẩm định gửi xã", "Reviewers' words to your commune"),
    "reviews.returned": ("Số liệu kỳ {quarter} của {commune} bị trả lại ({when}, {by}): {reason}",
                         "The values of {commune} for {quarter} were returned ({when}, {by}): {reason}"),
    "reviews.task_returned": ("Báo cáo nhiệm vụ {task} bị trả lại ({when}, {by}): {reason}",
                              "The report on task {task} was returned ({when}, {by}): {reason}"),
    "reviews.answer": ("Sửa và nhập lại số liệu của kỳ đó để gửi duyệt lại.", "Correct and import that quarter's values again to resubmit them."),
    "move.approve": ("Phê duyệt", "Approved"),
    "move.return": ("Trả lại", "Returned"),
    "move.lock": ("Khóa", "Locked"),
    "move.unlock": ("Mở khóa", "Unlocked"),
    "completeness.deadline_rule": (
        "Seed 003, mục IV.2.1: báo cáo tiến độ hàng tháng, quý; hạn nộp số liệu quý: ngày cuối của tháng sau quý",
        "Seed 003, section IV.2.1: progress reported each month and quarter; a quarter's values are due by the last day "
        "of the month after the quarter",
    ),
    "completeness.title": ("Tình hình báo cáo số liệu", "Reporting completeness and timeliness"),
    "completeness.caption": (
        "Mỗi xã, mỗi quý: ai đã báo cáo, bao nhiêu giá trị trong số các chỉ tiêu xã có mục tiêu, đúng hạn hay trễ hạn. {rule}. "
        "Theo số liệu đã lên bảng điều khiển.",
        "Per commune and quarter: who reported, how many values of the indicators the commune has targets for, on time or "
        "late. {rule}. As the dashboard's published data show."),
    "completeness.quarter": ("Quý", "Quarter"),
    "completeness.due": ("Hạn nộp: {day}", "Due: {day}"),
    "completeness.reported": ("Xã đã báo cáo", "Communes reported"),
    "completeness.on_time": ("Đúng hạn", "On time"),
    "completeness.late": ("Trễ hạn", "Late"),
    "completeness.missing": ("Chưa báo cáo", "Not reported"),
    "completeness.reminders": ("Chưa báo cáo quý này ({n} xã)", "Not reported this quarter ({n} communes)"),
    "completeness.reminders_none": ("Mọi xã đã báo cáo quý này.", "Every commune has reported this quarter."),
    "completeness.by_commune": ("Từng xã", "Each commune"),
    "col.values_expected": ("Số chỉ tiêu phải báo cáo", "Values expected"),
    "col.values_reported": ("Số chỉ tiêu đã báo cáo", "Values reported"),
    "col.reported_share": ("Tỷ lệ báo cáo (%)", "Reported (%)"),
    "col.timeliness": ("Đúng hạn / trễ hạn", "Timeliness"),
    "col.first_reported_at": ("Báo cáo đầu tiên lúc", "First reported at"),
    "col.reported_by": ("Người báo cáo", "Reported by"),
    "scope.outside": ("Chỉ hiện mục trong phạm vi của bạn ({scope}).", "Only what is within your scope ({scope}) is shown."),
    "scope.history_hidden": ("Lịch sử nhập số liệu của xã chỉ hiện với biên tập viên của xã và người thẩm định của tỉnh.",
                             "The commune's import history is shown to its editors and its province's reviewers only."),
    "task.in_progress": ("Đang thực hiện", "In progress"),
    "task.not_started": ("Chưa bắt đầu", "Not started"),
    "task.done": ("Hoàn thành", "Done"),  # a commune's report (kpi/workflow/template.py), before review
    "method.title": ("Phương pháp và nguồn dữ liệu", "Methodology and data sources"),
    "sources.title": ("Văn bản nguồn của chỉ tiêu cấp trên", "Documents behind the national and province targets"),
    "sources.caption": (
        "Mỗi văn bản mà chỉ tiêu của Trung ương và tỉnh được đọc từ đó: số, ngày, cơ quan ban hành, đã đọc được bao nhiêu "
        "(toàn văn, trích đoạn, chỉ có tin báo chí, không tìm thấy) và đọc ở đâu.",
        "Each document the national and province targets are read from: number, date, issuing body, how much of it "
        "was at hand (whole text, excerpt, press report only, not found) and where it was read.",
    ),
    "sources.number": ("Số hiệu", "Number"),
    "sources.issuer": ("Cơ quan ban hành", "Issued by"),
    "sources.issued": ("Ngày ban hành", "Date"),
    "sources.layer": ("Cấp", "Layer"),
    "sources.completeness": ("Mức đầy đủ", "Completeness"),
    "sources.extent": ("Phần đã đọc", "What was read"),
    "sources.where_read": ("Nơi đọc văn bản", "Where it was read"),
    "sources.file": ("Tệp văn bản (../shared/documents)", "Text file (../shared/documents)"),
    "completeness.whole": ("Toàn văn", "Whole text"),
    "completeness.excerpt": ("Trích đoạn", "Excerpt"),
    "completeness.press_report": ("Chỉ có tin báo chí", "Press report only"),
    "completeness.not_found": ("Không tìm thấy văn bản", "Text not found"),
    "layer.national": ("Trung ương", "National"),
    "layer.province": ("Tỉnh", "Province"),
    "sources.title_vi": ("Tên văn bản", "Title (Vietnamese)"),
    "col.value": ("Giá trị", "Value"),
    "col.rank": ("Hạng", "Rank"),
    "col.rank_change": ("Thay đổi hạng", "Rank change"),
    "col.index": ("Chỉ số", "Index"),
    "col.citation": ("Trích dẫn kế hoạch", "Plan citation"),
    "col.status": ("Tình trạng", "Status"),
    "col.pace_trend": ("Xu hướng theo tốc độ", "Trend from pace"),
    "col.pace_arrow": ("Tốc độ", "Pace"),
    "col.pace_arrow_help": ("Tốc độ gần đây so với tốc độ cần để đạt mốc: ↑ đã đạt hoặc đúng lộ trình, ➚ ít nhất một nửa tốc độ cần, → có tiến bộ nhưng chậm hơn, ↓ đi xa mục tiêu.",
                            "Recent pace against the pace needed for the milestone: ↑ met or on track, ➚ at least half the pace needed, → progress but slower, ↓ moving away from the target."),
    "col.attainment": ("Mức đạt (%)", "Attainment (%)"),
    "col.task": ("Nhiệm vụ", "Task"),
    "col.due_date": ("Hạn nộp", "Due date"),
    "col.evidence": ("Minh chứng", "Evidence"),
    "col.red_alert": ("Cảnh báo đỏ", "Red alert"),
    "col.period": ("Kỳ", "Period"),
    "level.commune": ("Kế hoạch của xã", "Commune plan"),
    "level.province": ("Kế thừa từ tỉnh", "Inherited from province"),
    "level.national": ("Kế thừa từ Trung ương", "Inherited from national"),
    "scorecard.commune_score": ("Điểm của xã", "Commune score"),
    "scorecard.province_average": ("Bình quân tỉnh", "Province average"),
    "scorecard.group_axis": ("Điểm nhóm (0–100)", "Group score (0–100)"),
    "scorecard.groups": ("Điểm theo nhóm so với bình quân tỉnh", "Group scores against the province average"),
    "scorecard.index": ("Chỉ số tổng hợp", "Composite index"),
    "scorecard.rank_province": ("Hạng trong tỉnh", "Rank in the province"),
    "scorecard.rank_national": ("Hạng toàn quốc", "Rank nationally"),
    "scorecard.gap_label": ("Chênh lệch với bình quân tỉnh", "Gap to the province average"),
    "scorecard.above": ("trên bình quân tỉnh ({average})", "above the province average ({average})"),
    "scorecard.below": ("dưới bình quân tỉnh ({average})", "below the province average ({average})"),
    "scorecard.level_with": ("ngang bình quân tỉnh ({average})", "level with the province average ({average})"),
    "scorecard.change": ("{delta} so với {period}", "{delta} since {period}"),
    "scorecard.rank_change": ("{moved} so với {period}", "{moved} since {period}"),
    "scorecard.no_change": ("chưa có quý trước", "no previous quarter"),
    "scorecard.no_index": ("chưa tính (thiếu trên 20% số liệu)", "not computed (over 20% of data missing)"),
    "scorecard.strongest": ("Ba chỉ tiêu mạnh nhất", "Three strongest indicators"),
    "scorecard.weakest": ("Ba chỉ tiêu yếu nhất", "Three weakest indicators"),
    "scorecard.no_strongest": ("Mọi chỉ tiêu có mục tiêu cho mốc này đều đang chệch hướng.", "Every indicator with a target for this milestone is off track."),
    "scorecard.no_weakest": ("Không còn chỉ tiêu nào khác có mục tiêu cho mốc này.", "No other indicator has a target for this milestone."),
    "scorecard.attained": ("đạt {value}%", "{value}% attained"),
    "scorecard.indicators": ("Các chỉ tiêu", "Indicators"),
    "scorecard.trend": ("Xu hướng", "Trend"),
    "scorecard.milestone": ("Mốc mục tiêu", "Target milestone"),
    "scorecard.next_milestone": ("Mốc kế tiếp của từng chỉ tiêu", "Each indicator's next milestone"),
    "scorecard.milestone_note": (
        "Tình trạng, mức đạt, mục tiêu và tốc độ cần/năm của từng chỉ tiêu (cả ba chỉ tiêu mạnh và yếu nhất) tính theo mốc đã chọn "
        "(mặc định: mốc kế tiếp của từng chỉ tiêu). Chỉ số tổng hợp, thứ hạng và điểm nhóm giữ nguyên như đã tính theo mốc kế tiếp: "
        "đó là phép so sánh với tỉnh và cả nước.",
        "Each indicator's status, attainment, target and pace needed (the strongest and weakest three too) are for the chosen "
        "milestone (default: each indicator's next milestone). The composite index, ranks and group scores stay as scored "
        "against the next milestones: they are the comparison with the province and the country.",
    ),
    "scorecard.no_target": ("không có mục tiêu cho mốc {year}", "no target for {year}"),
    "scorecard.untargeted": (
        "Không có mục tiêu cho mốc {year} ({n} chỉ tiêu, không liệt kê trong bảng): {names}.",
        "No target for {year} ({n} indicators, not listed in the table): {names}.",
    ),
    "scorecard.milestone_inherited": (
        "Kế hoạch của xã không đặt mục tiêu cho mốc {year}: các mục tiêu của mốc này được **kế thừa** từ tỉnh hoặc Trung ương "
        "(cột Nguồn mục tiêu).",
        "The commune's plan sets no target for {year}: this milestone's targets are **inherited** from the province or the "
        "national level (see the Target source column).",
    ),
    "scorecard.tasks": ("Nhiệm vụ của kế hoạch (cảnh báo đỏ trước)", "The plan's tasks (red alerts first)"),
    "scorecard.pdf": ("Xuất PDF", "Export PDF"),
    "scorecard.pdf_help": ("Bảng điểm A4 (1–2 trang) với cùng số liệu như trang này", "An A4 scorecard (1–2 pages) with the numbers on this page"),
    "scorecard.demo": ("SỐ LIỆU MINH HỌA (DEMO), không phải số liệu báo cáo", "DEMO DATA, not reported values"),
    "scorecard.meta": (
        "Kỳ {period} · Mốc: {milestone} · Phiên bản dữ liệu {version} · Cập nhật {published} · In ngày {today}",
        "Period {period} · Milestone: {milestone} · Data version {version} · Updated {published} · Printed {today}",
    ),
    "scorecard.footer": (
        "Theo dõi thực hiện Nghị quyết 57-NQ/TW cấp xã · Nguồn mục tiêu: kế hoạch của xã, tỉnh hoặc văn bản Trung ương (xem Trích dẫn)",
        "Resolution 57-NQ/TW commune monitoring · Targets from the commune's, province's or national documents (see Citation)",
    ),
    "scorecard.title": ("Hồ sơ xã: {commune}", "Commune scorecard: {commune}"),
    "scorecard.subtitle": ("{province} · mã {code}", "{province} · code {code}"),
    "scorecard.level_short.commune": ("Xã", "Commune"),
    "scorecard.level_short.province": ("Tỉnh", "Province"),
    "scorecard.level_short.national": ("Trung ương", "National"),
    "scorecard.more_tasks": ("… và {n} nhiệm vụ khác (xem trang Nhiệm vụ)", "… and {n} more tasks (see the Tasks page)"),
    "scorecard.no_tasks": ("Xã chưa có phụ lục nhiệm vụ trong dữ liệu.", "The commune has no task appendix in the data."),
    "scorecard.province_title": ("Tổng hợp tỉnh: {province}", "Province summary: {province}"),
    "scorecard.province_index": ("Chỉ số của tỉnh", "Province index"),
    "scorecard.province_rank": ("Hạng trong các tỉnh có số liệu", "Rank among provinces with data"),
    "scorecard.communes_ranked": ("Xã được xếp hạng", "Communes ranked"),
    "scorecard.ranking": ("Xếp hạng các xã", "Communes ranked"),
    "scorecard.map": ("Bản đồ chỉ số (điểm tại vị trí xã; không vẽ ranh giới)", "Index map (points at commune positions; no boundaries drawn)"),
    "scorecard.province_no_data": ("Tỉnh này chưa có số liệu trong kỳ {period}.", "This province has no data for {period}."),
    "export.csv_vn": ("CSV (Excel tiếng Việt)", "CSV (Excel, Vietnamese)"),
    "export.csv_vn_help": ("Dấu ; phân cách, dấu phẩy thập phân: mở thẳng bằng Excel cài tiếng Việt, chỉ có bảng "
                           "(thông tin xuất như bộ lọc, phiên bản dữ liệu nằm trong tệp Excel)",
                           "“;” between fields, decimal comma: opens as is in Excel set to Vietnamese, the table alone "
                           "(the export's details, such as filters and data version, are in the Excel file)"),
    "export.csv_machine": ("CSV (cho máy)", "CSV (for machines)"),
    "export.csv_machine_help": ("Dấu , phân cách, dấu chấm thập phân, tên cột và mã gốc: cho phần mềm khác",
                                "“,” and “.”, machine column names and codes: for other software"),
    "export.xlsx_help": ("Bảng, chú thích từng cột và thông tin xuất (bộ lọc, phiên bản dữ liệu, thời điểm)",
                         "The table, each column explained, and the export's details (filters, data version, time)"),
    "export.yes": ("Có", "Yes"),
    "export.equal": ("bằng", "equal to"),
    "filter.all_communes": ("tất cả các xã của tỉnh", "every commune of the province"),
    "export.no": ("Không", "No"),
    "export.sheet.data": ("Dữ liệu", "Data"),
    "export.sheet.legend": ("Chú thích", "Legend"),
    "export.sheet.about": ("Thông tin", "About"),
    "export.legend.header": ("Cột", "Column"),
    "export.legend.name": ("Tên cột (máy)", "Machine name"),
    "export.legend.definition": ("Định nghĩa", "Definition"),
    "export.meta.title": ("Tiêu đề", "Title"),
    "export.meta.filter": ("Bộ lọc", "Filter"),
    "export.meta.no_filter": ("không có (toàn bộ)", "none (everything)"),
    "export.meta.exported_at": ("Thời điểm xuất", "Exported at"),
    "export.meta.vietnam_time": ("{when} (giờ Việt Nam, Asia/Ho_Chi_Minh)", "{when} (Vietnam time, Asia/Ho_Chi_Minh)"),
    "export.local_time": ("giờ Việt Nam", "Vietnam time"),
    "export.meta.demo": ("Số liệu", "Values"),
    "export.meta.sources": ("Nguồn", "Sources"),
    "export.meta.no_values": ("bảng không có số liệu báo cáo (mục tiêu, danh mục)", "no reported values in this table (targets, catalogue)"),
    "export.too_large": ("Bảng quá lớn cho một trang Excel: hãy tải CSV.", "Too many rows for an Excel sheet: download the CSV."),
    "export.xlsx": ("Tải Excel", "Download Excel"),
    "empty.no_rows": ("Không có dữ liệu khớp với bộ lọc.", "No data matches the filters."),
    # Bộ chỉ số 766, the national portal's published values (pages/_published.py, kpi.published.view)
    "published.title": ("Bộ chỉ số 766: số liệu công bố thật", "Index 766: real published values"),
    "published.label": ("Số liệu công bố: Cổng DVC quốc gia, chụp ngày {day}", "Published values: national public service portal (Cổng DVC quốc gia), snapshot of {day}"),
    "published.points": (
        "Đơn vị: điểm (tổng tối đa 100 điểm, sáu nhóm cộng lại bằng tổng); điểm không phải tỷ lệ %. Lũy kế đến ngày chụp; Cổng có thể tính lại.",
        "Unit: points (the total at most 100, the six components add up to it); points are not percentages. Cumulative to the snapshot's day; the portal may recalculate.",
    ),
    "published.period_kind": ("Kỳ", "Period"),
    "published.kind.year": ("Năm {period} (đến ngày chụp)", "Year {period} (to the snapshot's day)"),
    "published.kind.month": ("Tháng {period} (đến ngày chụp)", "Month {period} (to the snapshot's day)"),
    "published.snapshot": ("Lần chụp", "Snapshot"),
    "published.latest": ("{day} (mới nhất)", "{day} (latest)"),
    "published.change": ("Thay đổi (điểm) so với lần chụp {day}", "Change (points) since the snapshot of {day}"),
    "published.no_previous": ("Chưa có lần chụp trước của cùng kỳ để so sánh.", "No earlier snapshot of the same period to compare with."),
    "published.provinces": ("34 tỉnh, thành phố so với nhau", "The 34 provinces compared"),
    "published.communes": ("Các xã, phường của {province}", "{province}'s communes and wards"),
    "published.no_communes": (
        "Chưa có điểm công bố của từng xã, phường thuộc {province} (đã nạp: các xã, phường của An Giang); dưới đây là điểm của tỉnh.",
        "No published score of {province}'s communes and wards is loaded (loaded: An Giang's); below, the province's own score.",
    ),
    "published.province_total": ("Tổng điểm của tỉnh", "Province's total"),
    "published.province_rank": ("Hạng trong {n} tỉnh, thành phố", "Rank among {n} provinces"),
    "published.national_average": ("Bình quân các tỉnh", "Provinces' average"),
    "published.commune_total": ("Tổng điểm của xã", "Commune's total"),
    "published.commune_rank": ("Hạng trong {n} xã, phường của tỉnh", "Rank among the province's {n} communes"),
    "published.province_average": ("Bình quân các xã, phường của tỉnh", "Province's communes' average"),
    "published.components": ("Tổng điểm và sáu nhóm (điểm)", "Total and six components (points)"),
    "published.col.unit": ("Đơn vị", "Unit"),
    "published.col.component": ("Nhóm chỉ số", "Component"),
    "published.col.points": ("Điểm", "Points"),
    "published.col.total": ("Tổng điểm", "Total (points)"),
    "published.total_of": ("Tổng điểm (tối đa {maximum})", "Total (at most {maximum})"),
    "published.col.average": ("Bình quân", "Average"),
    "published.col.rank": ("Hạng", "Rank"),
    "published.col.tied": ("Đồng hạng", "Tied"),
    "published.tied": ("đồng hạng", "tied"),
    "published.tied_with": ("đồng hạng ({n} đơn vị)", "tied ({n} units)"),
    "published.col.portal_position": ("Vị trí trên Cổng", "Portal's position"),
    "published.rank_note": (
        "Hạng: theo tổng điểm trong các đơn vị cùng cấp; bằng điểm thì đồng hạng (1, 2, 2, 4). Vị trí trên Cổng: số thứ tự "
        "dòng (ROW_STT) Cổng DVC quốc gia công bố, giữ nguyên: Cổng xếp các đơn vị bằng điểm theo thứ tự riêng, và danh sách "
        "xã, phường của Cổng gồm cả sở, ban, ngành của tỉnh, nên vị trí có thể lớn hơn hạng.",
        "Rank: by total among the units of the same level; equal points share a rank (1, 2, 2, 4). Portal's position: the "
        "row number (ROW_STT) the national portal publishes, kept as it is: the portal orders equal totals its own way, and "
        "its list of a province's communes includes the province's departments, so the position can exceed the rank.",
    ),
    "published.position_help": ("Vị trí trên Cổng DVC quốc gia: {position}", "Position on the national portal: {position}"),
    "published.col.change": ("Thay đổi (điểm)", "Change (points)"),
    "published.beside": ("Mục tiêu kế hoạch của xã và nhóm chỉ số công bố liên quan", "The commune plan's targets and the related published component"),
    "published.beside_note": (
        "Mục tiêu và giá trị của kế hoạch tính bằng %, nhóm chỉ số công bố tính bằng điểm: hai thước đo khác nhau, không quy đổi.",
        "The plan's targets and values are percentages, the published component is in points: two different measures, not converted.",
    ),
    "published.col.plan_indicator": ("Chỉ tiêu trong kế hoạch", "Plan indicator"),
    "published.col.plan_target": ("Mục tiêu kế hoạch", "Plan target"),
    "published.col.plan_value": ("Giá trị xã (%)", "Commune's value (%)"),
    "published.col.component_points": ("Điểm công bố của nhóm", "Component's published points"),
    "published.col.component_average": ("Bình quân các xã (điểm)", "Communes' average (points)"),
    "published.none": ("Chưa có số liệu công bố nào.", "No published values yet."),
    "published.map": ("Bộ chỉ số 766 (công bố)", "Index 766 (published)"),
    "published.map_note": (
        "Màu: tổng điểm Bộ chỉ số 766 công bố (điểm, không phải chỉ số minh họa); xã, phường chưa có điểm công bố để trống.",
        "Colour: Index 766's published total (points, not the demo index); communes without a published score are open circles.",
    ),
    "demo.banner_published": (
        "Số liệu thật: chỉ Bộ chỉ số 766 (tổng điểm và sáu nhóm, đơn vị điểm) do Cổng DVC quốc gia công bố, luôn ghi “Số liệu công bố” và ngày chụp.",
        "Real values: only Index 766 (total and six components, in points) published by the national public service portal, always marked “Published values” with the snapshot's day.",
    ),    # the entry form (pages/entry.py, kpi.entry)
    "nav.entry": ("Nhập số liệu", "Enter values"),
    "entry.title": ("Nhập số liệu của xã", "Enter a commune's values"),
    "entry.caption": (
        "Chỉ tiêu của kế hoạch xã trước, rồi chỉ tiêu kế thừa từ tỉnh và trung ương. Mỗi giá trị được kiểm tra khi nhập; "
        "“Gửi báo cáo” ghi số liệu như nhập tệp (tất cả hoặc không), chờ tỉnh phê duyệt.",
        "The commune plan's indicators first, then those inherited from the province and the nation. Each value is checked "
        "as you type; “Submit” records the values as a file import does (all or nothing), pending the province's approval.",
    ),
    "entry.no_write": (
        "Tài khoản của bạn không được nhập số liệu ({scope}): trang này chỉ dành cho cán bộ nhập liệu xã.",
        "Your account may not enter values ({scope}): this page is for commune editors.",
    ),
    "entry.commune": ("Xã", "Commune"),
    "entry.period": ("Kỳ báo cáo", "Reporting period"),
    "entry.last": ("Kỳ trước ({period}): {value}", "Last ({period}): {value}"),
    "entry.no_last": ("Chưa có giá trị trước", "No earlier value"),
    "entry.target": ("Mục tiêu {year}: {comparator} {value}", "Target {year}: {comparator} {value}"),
    "entry.bounds": ("Miền hợp lệ {lower}–{upper} {unit}", "Valid {lower}–{upper} {unit}"),
    "entry.value": ("Giá trị", "Value"),
    "entry.note": ("Lý do / ghi chú", "Reason / note"),
    "entry.evidence": ("Minh chứng (PDF, ảnh, văn bản)", "Evidence (PDF, image, document)"),
    "entry.others": ("Chỉ tiêu khác của xã ({n})", "The commune's other indicators ({n})"),
    "entry.save": ("Lưu nháp", "Save draft"),
    "entry.submit": ("Gửi báo cáo", "Submit"),
    "entry.saved": ("Đã lưu nháp {n} giá trị (chỉ bạn thấy bản nháp này).", "Draft of {n} value(s) saved (only you see it)."),
    "entry.draft_from": ("Đang mở bản nháp lưu lúc {when}.", "Your draft saved at {when} is open."),
    "entry.nothing": ("Chưa nhập giá trị nào.", "No value entered yet."),
    "entry.blocked": ("Còn {n} giá trị cần sửa hoặc bổ sung trước khi gửi.", "{n} value(s) to correct or complete before submitting."),
    "entry.submitted": (
        "Đã ghi {n} giá trị (lô {batch}); kỳ {period} của xã chờ tỉnh phê duyệt.",
        "{n} value(s) recorded (batch {batch}); the commune's {period} awaits the province's approval.",
    ),
    "entry.template_csv": ("Tải mẫu báo cáo của xã (CSV cho Excel)", "Download the commune's report template (CSV for Excel)"),
    "entry.template_xlsx": ("Tải mẫu báo cáo của xã (XLSX)", "Download the commune's report template (XLSX)"),
    "entry.no_commune": ("Không có xã nào trong phạm vi nhập liệu của bạn.", "No commune within your entry scope."),
    # the checks at entry (kpi.entry.checks), the form's and a file import's alike
    "entry.check.evidence_missing": (
        "không có tệp minh chứng {names} kèm theo báo cáo",
        "evidence file(s) {names} not given with the report",
    ),
    "import.evidence_files": ("Tệp minh chứng của các giá trị đạt chỉ tiêu (tên ghi ở cột Minh chứng)",
                              "Evidence files of the values meeting their target (named in the Minh chứng column)"),
    "scope.write_outside": (
        "Bạn chỉ xem: {what} ngoài phạm vi ghi của bạn ({scope}).",
        "You are only viewing: {what} is outside your write scope ({scope}).",
    ),
    # the command line's own messages (kpi/cli: in the language of --lang)
    "cli.nothing_written": ("{why}; không ghi dữ liệu nào", "{why}; nothing was written"),
    "cli.interrupted": ("đã dừng; không có gì ghi dở được công bố", "interrupted; nothing half-written is ever published"),
    "cli.os_error": ("không đọc/ghi được{where}: {why}; không công bố gì", "could not read or write{where}: {why}; nothing was published"),
    "cli.store_error": ("lỗi kho dữ liệu: {why}; không ghi dữ liệu nào", "store of record error: {why}; nothing was written"),
    "cli.database_error": ("lỗi cơ sở dữ liệu: {why}; không công bố gì", "database error: {why}; nothing was published"),
    "cli.internal_error": ("lỗi nội bộ, chi tiết trong {log}; không công bố gì", "internal error, details in {log}; nothing was published"),
    "cli.waiting": ("đang chờ một tiến trình ghi khác xong: {who}", "waiting for another writer to finish: {who}"),
    "cli.store_busy": (
        "đã chờ {waited} giây khóa ghi của {store} mà vẫn bận; không ghi dữ liệu nào (--wait SECONDS để chờ lâu hơn)",
        "waited {waited} s for the write lock of {store}, still held by another write; nothing was written "
        "(--wait SECONDS to wait longer)",
    ),
    "cli.import_service_ready": ("dịch vụ nhập của {db} đang nghe tại {socket}", "import service of {db} listening at {socket}"),
    "cli.import_service_running": ("một dịch vụ nhập khác đã nghe tại {socket}", "another import service listens at {socket}"),
    "cli.import_service_gone": (
        "không ghi được {files}: dịch vụ nhập ngừng trước khi trả lời, giao dịch của nó không ghi gì; thử lại "
        "(python -m kpi batches cho biết lô đã có chưa)",
        "could not record {files}: the import service stopped before answering, its transaction wrote nothing; try "
        "again (python -m kpi batches tells whether the batch is there)"),
    "cli.no_account": ("{email}: không có tài khoản này (python -m kpi users list)", "{email}: no such account (python -m kpi users list)"),
    # checking a report file (kpi/intake, kpi/workflow/template): each error names the file, row and field
    "intake.delimiter": ("dấu phân cách không hỗ trợ trong {cell}: dùng dấu phẩy, chấm phẩy hoặc tab",
                         "unsupported delimiter in {cell}: use comma, semicolon or tab"),
    "intake.unexpected_column": ("cột không có trong mẫu {cell}", "unexpected column {cell}"),
    "intake.repeated_column": ("cột bị lặp", "repeated column"),
    "intake.missing_column": ("thiếu cột bắt buộc", "missing required column"),
    "intake.ambiguous_number": ("số {text} không rõ nghĩa (một nghìn hay một phẩy): viết {whole} hoặc {comma}",
                                "ambiguous number {text} (a thousand, or one point something?): write {whole} or {point}"),
    "intake.not_a_number": ("không phải là số", "not a number"),
    "intake.formula_like": ("ô giống công thức Excel (bắt đầu bằng = + - @)", "formula-like text is not accepted"),
    "intake.unknown_commune": ("mã xã không tồn tại {code}", "unknown commune code {code}"),
    "intake.unknown_indicator": (
        "mã chỉ tiêu không tồn tại trong danh mục xã báo cáo {code} (xã báo cáo các chỉ tiêu của sheet Chỉ tiêu trong mẫu)",
        "unknown indicator code {code} (communes report the indicators of the template's sheet Chỉ tiêu)",
    ),
    "intake.date_cell": ("ô ngày {day} không phải là kỳ báo cáo: nhập dạng văn bản 2026-Q3, 2026-09 hoặc 2026",
                         "a date cell ({iso}) is not a period: type it as text, 2026-Q3, 2026-09 or 2026"),
    "intake.period_not_ended": ("kỳ báo cáo chưa kết thúc: {period} kết thúc ngày {end}",
                                "period {period} has not ended yet (it ends {end})"),
    "intake.out_of_bounds": ("giá trị {value} ngoài miền [{lower}, {upper}] {unit}", "value {value} out of bounds [{lower}, {upper}] {unit}"),
    "intake.missing_value": ("thiếu giá trị", "missing value"),
    "intake.missing_result": ("ô {cell} là công thức chưa có kết quả tính (mở bằng Excel rồi lưu lại, hoặc nhập giá trị)",
                              "cell {cell} is a formula saved without its result: open and save the file in Excel, or type the value"),
    "intake.percent_cell": ("ô định dạng phần trăm nhưng chỉ tiêu không tính bằng %",
                            "a cell formatted as a percent, for an indicator that is not a percentage"),
    "intake.empty_file": ("tệp rỗng", "empty file"),
    "intake.more_cells": ("nhiều ô hơn tiêu đề", "more cells than header columns"),
    "intake.too_many_rows": ("quá {n} dòng dữ liệu: chia thành nhiều tệp", "more than {n} data rows: split the report into several files"),
    "intake.too_long": ("ô dài quá {n} ký tự", "a cell is longer than {n} characters"),
    "intake.too_long_stopped": ("ô dài quá {n} ký tự (phần còn lại của tệp không được đọc)",
                                "a cell is longer than {n} characters (the rest of the file was not read)"),
    "intake.header_only": ("không có dòng dữ liệu", "header only, no data rows"),
    "intake.out_of_memory": ("{names}: không đọc được tệp trong giới hạn {mb} bộ nhớ",
                             "{names}: the file could not be read within the {mb} memory limit of the checker"),
    "intake.stopped_with": ("{said} (dừng với mã {code})", "{said} (it stopped with code {code})"),
    "intake.timeout": ("{names}: kiểm tra quá {seconds} giây: {advice}", "{names}: checking took longer than {seconds} s: {advice}"),
    "intake.advice_split": ("chia báo cáo thành các tệp nhỏ hơn", "split the report into smaller files"),
    "intake.advice_fewer": ("gửi ít tệp hơn hoặc tệp nhỏ hơn", "send fewer or smaller files"),
    "intake.checker_failed": ("{names}: trình kiểm tra tệp gặp lỗi nội bộ (chi tiết trong {log}); chưa ghi gì",
                              "{names}: the file checker failed (an internal error, details in {log}); nothing was written"),
    "intake.encoding_unsupported": ("{name}: mã hóa ký tự không hỗ trợ (dùng UTF-8, UTF-16 hoặc Windows-1258)",
                                    "{name}: unsupported text encoding (NUL characters): use UTF-8, UTF-16 or Windows-1258"),
    "intake.undecodable": ("{name}: không đọc được mã hóa ký tự (dùng UTF-8, UTF-16 hoặc Windows-1258) ({reason})",
                           "{name}: cannot decode the text: use UTF-8, UTF-16 or Windows-1258 ({reason})"),
    "intake.bad_encoding": ("{name}: tệp {encoding} bị lỗi mã hóa ({reason})", "{name}: invalid {encoding} text ({reason})"),
    "intake.too_many_columns": ("{name}: tệp có {n} cột, vượt giới hạn {limit}", "{name}: the file has {n} columns, over the limit of {limit}"),
    "intake.unreadable_workbook": ("{name}: không đọc được tệp Excel ({reason})", "{name}: cannot read the workbook ({reason})"),
    "intake.several_sheets": ("{name}: có dữ liệu trên nhiều sheet ({sheets}); dùng sheet “{sheet}” của mẫu",
                              "{name}: data on several sheets ({sheets}): put the report on the template's sheet “{sheet}”"),
    "intake.outside_sheet": ("{name}: có dữ liệu ngoài sheet “{sheet}” (sheet {sheets}); dữ liệu ở đó sẽ không được nhập",
                             "{name}: data found outside the sheet “{sheet}” (sheet {sheets}): move it to “{sheet}” or delete it"),
    "intake.recalculated": (
        "{file}: sheet “{sheet}”, ô {cell}: công thức trong tệp yêu cầu tính lại khi mở (fullCalcOnLoad), kết quả lưu trong "
        "tệp ({value}) có thể không phải số Excel hiển thị; mở bằng Excel rồi lưu lại, hoặc nhập giá trị",
        "{file}: sheet “{sheet}”, cell {cell}: a formula in a workbook that asks to be recalculated on load (fullCalcOnLoad), "
        "so its stored result ({value}) may not be what Excel shows: open and save the file in Excel, or type the value",
    ),
    "intake.mb": ("{n} MB", "{n} MB"),
    "intake.not_found": ("{name}: không tìm thấy tệp", "{name}: file not found"),
    "intake.too_big": ("{name}: tệp {size} vượt giới hạn {limit}: chia thành nhiều tệp", "{name}: the file is {size}, over the {limit} limit: split it into several files"),
    "intake.old_xls": ("{name}: định dạng .xls cũ không được hỗ trợ, hãy lưu thành .xlsx hoặc CSV",
                       "{name}: the old .xls format is not supported: save the workbook as .xlsx or CSV"),
    "intake.not_xlsx": ("{name}: không đọc được tệp Excel (không phải tệp .xlsx)", "{name}: cannot read the workbook (not an .xlsx file)"),
    "intake.unzips_to": ("{name}: tệp Excel giải nén ra {size}, vượt giới hạn {limit} ({parts} phần)",
                         "{name}: the workbook unpacks to {size} in {parts} parts, over the {limit} limit"),
    "intake.too_many_sheets": ("{name}: tệp có {n} sheet, vượt giới hạn {limit}", "{name}: the workbook has {n} sheets, over the limit of {limit}"),
    "intake.used_range": (
        "{name}: sheet “{sheet}” khai báo vùng dữ liệu {cols} cột × {rows} dòng, vượt giới hạn {max_cols} cột × {max_rows} dòng "
        "(xóa các ô thừa rồi lưu lại)",
        "{name}: sheet “{sheet}” declares a used range of {cols} columns × {rows} rows, over the limit of {max_cols} columns × "
        "{max_rows} rows: delete the stray cells and save again",
    ),
    "intake.repeated_row": ("dòng lặp lại: cùng khóa với {first}", "repeated row: same key as {first}"),
    "intake.same_end": (
        "kỳ {period} và kỳ {first_period} ({first}) cùng kết thúc ngày {end}: mỗi xã, chỉ tiêu và kỳ chỉ có một giá trị",
        "periods {period} and {first_period} ({first}) end on the same day, {end}: one value per commune, indicator and period end",
    ),
    "intake.stored_same_end": (
        "đã có giá trị kỳ {period} (lô {batch}) cùng kết thúc ngày {end}: báo cáo lại đúng kỳ {period} để thay thế, hoặc hoàn tác lô {batch} trước",
        "a value for {period} (batch {batch}) ends on the same day, {end}: report {period} again to replace it, or roll batch {batch} back first",
    ),
    "period.invalid": ("kỳ báo cáo không hợp lệ {text}: dùng 2026-Q3, 2026-09 hoặc 2026", "invalid period {text}: use 2026-Q3, 2026-09 or 2026"),
    # a commune's task-progress report (kpi/workflow/template.py, kpi/workflow/progress.py)
    "task_report.unknown_task": ("mã nhiệm vụ không tồn tại {value}: tải mẫu mới", "unknown task id {value}: download a new template"),
    "task_report.unknown_status": ("tình trạng không hợp lệ {value} (dùng: {not_started}, {in_progress}, {done})",
                                   "unknown status {value} (use: {not_started}, {in_progress}, {done})"),
    "task_report.progress_bounds": ("tiến độ {value} ngoài miền [0, 100]", "progress {value} out of bounds [0, 100]"),
    "task_report.evidence_not_given": ("không có tệp minh chứng {names} kèm theo báo cáo", "evidence file(s) {names} not given with the report"),
    "task_report.other_commune": ("nhiệm vụ {task} thuộc xã {commune}, không phải {given}", "task {task} belongs to commune {commune}, not {given}"),
    "task_report.wording": ("nội dung không khớp nhiệm vụ {task}: tải mẫu mới", "the wording does not match task {task}: download a new template"),
    "task_report.done_needs_evidence": ("báo cáo hoàn thành phải kèm tệp minh chứng", "a task reported done needs an evidence file"),
    "task_report.done_is_100": ("hoàn thành là 100%", "done means 100%"),
    "task_report.not_started_is_0": ("chưa bắt đầu là 0%", "not started means 0%"),
    "task_report.missing_progress": ("thiếu tiến độ (%)", "missing progress (%)"),
    "task_report.hundred_is_done": ("100% là hoàn thành: chọn “{done}” và kèm minh chứng", "100% is done: report it as “{done}”, with evidence"),
    "task_report.missing_result": ("ô {cell} là công thức chưa có kết quả tính", "cell {cell} is a formula saved without its result"),
    "task_report.nothing_reported": ("không có nhiệm vụ nào được báo cáo (cột Tình trạng trống)", "no task is reported (the status column is empty)"),
    "task_report.too_many_rows": ("quá {n} dòng dữ liệu", "more than {n} data rows"),
    "task_report.twice": ("nhiệm vụ {task} được báo cáo hai lần", "task {task} is reported twice"),
    # who may write what (kpi/accounts, kpi/importer, kpi/approvals)
    "access.may_not": ("{email} ({role}) không được {action}", "{email} ({role}) may not {action}"),
    "access.outside_scope": ("xã {code} nằm ngoài phạm vi của bạn", "commune {code} is outside your scope"),
    "scope.words.all": ("toàn bộ đơn vị", "all units"),
    "scope.words.province": ("tỉnh {code}", "province {code}"),
    "scope.words.communes": ("xã {codes}", "commune(s) {codes}"),
    "scope.words.read_only": ("chỉ xem", "read only"),
    "rollback.no_batch": ("không có lô nhập {batch}", "no import batch {batch}"),
    "rollback.already": ("lô {batch} đã được hoàn tác", "batch {batch} was already rolled back"),
    "rollback.replaced": ("lô {batch} đã bị lô {later} ghi đè một phần: hoàn tác các lô đó trước",
                          "batch {batch} was partly replaced by batch(es) {later}: roll those back first"),
    "rollback.outside_scope": ("lô {batch} có số liệu của xã ngoài phạm vi của bạn: {codes}",
                               "batch {batch} has values of communes outside your scope: {codes}"),
    "rollback.locked": ("lô {batch} có số liệu của kỳ đã khóa ({quarters}): đề nghị mở khóa trước",
                        "batch {batch} has values of locked quarters ({quarters}): unlock them first"),
    "cli.more_errors": ("… còn {n} lỗi khác không liệt kê", "… {n} more error(s) not listed"),
    "cli.import_failed": ("nhập thất bại: {n} lỗi trong {rows} dòng; không ghi dữ liệu nào",
                          "import failed: {n} error(s) in {rows} row(s); nothing was written"),
    "cli.task_report_failed": ("báo cáo không hợp lệ: {n} lỗi trong {rows} dòng; không ghi dữ liệu nào",
                               "task report failed: {n} error(s) in {rows} row(s); nothing was written"),
    "cli.no_evidence_folder": ("{folder}: không có thư mục minh chứng", "{folder}: no such evidence folder"),
    "cli.no_commune": ("không có xã {code}", "no commune {code}"),
    "cli.no_commune_code": ("--commune {code}: không có xã/phường mã này (5 chữ số, mã chính thức)",
                            "--commune {code}: no commune has this code (5 digits, official)"),
    "cli.no_tasks": ("không có nhiệm vụ nào của xã {codes}", "no tasks for commune(s) {codes}"),
    "cli.no_file": ("{file}: không có tệp này", "{file}: no such file"),
    "cli.load_failed": ("nạp thất bại: {n} lỗi; không ghi dữ liệu nào", "load failed: {n} error(s); nothing was written"),
    "cli.already_loaded": ("đã có", "already loaded"),
    "cli.not_read": ("không đọc (không phải danh sách đơn vị): {names}", "not read (not lists of units): {names}"),
    "cli.review_xlsx": ("-o {output}: tệp xem xét là .xlsx", "-o {output}: the review file is an .xlsx workbook"),
    "cli.extracted": (
        "{plan} ({name}, {code}): {targets} chỉ tiêu, {proposed} đề xuất chỉ tiêu mới, {no_year} không có năm, {tasks} nhiệm vụ "
        "({seconds} s) -> {output}",
        "{plan} ({name}, {code}): {targets} targets, {proposed} proposed indicators, {no_year} without a year, {tasks} tasks "
        "({seconds} s) -> {output}",
    ),
    "cli.approval_needs": ("approval {move}: cần COMMUNE QUARTER, ví dụ 11503 2026-Q3", "approval {move}: needs COMMUNE QUARTER, e.g. 11503 2026-Q3"),
    "cli.remap_needs": ("records remap: cần --report ID --task SEQ, hoặc --batch B --indicator OLD NEW",
                        "records remap: needs --report ID --task SEQ, or --batch B --indicator OLD NEW"),
    "cli.up_to_date": ("đã có bản mới nhất: {what}", "up to date: {what}"),
    "cli.synced": ("đã đồng bộ {what}: {mb} MB trong {seconds} s, công bố là {name}",
                   "synced {what}: {mb} MB in {seconds} s, published as {name}"),
    "cli.stopped": ("đã dừng", "stopped"),
    "cli.to_map_again": ("{n} bản ghi cần đối chiếu (Chất lượng dữ liệu; python -m kpi records unmatched, python -m kpi records remap)",
                         "{n} record(s) to map again (Data quality; python -m kpi records unmatched, python -m kpi records remap)"),
    "cli.rebuilding": ("{db}: dựng bởi phiên bản cũ của bảng điều khiển, dựng lại từ data/ và kho dữ liệu (không mất dữ liệu nào)",
                       "{db}: built by an older version of the dashboard: rebuilding it from data/ and the store of record (nothing is lost)"),
    # a row of data/ or of a reviewed plan that breaks a rule of kpi/models.py (kpi.sources.SourceError)
    "source.doc_line_pair": ("tệp văn bản và số dòng đi cùng nhau", "doc_file and doc_line go together"),
    "source.target_cites": ("chỉ tiêu phải dẫn nguồn: kế hoạch (seed_file) hoặc văn bản đã công bố (document và url)",
                            "a target cites a plan (seed_file) or a published document (document and url)"),
    "source.needs_url": ("cần địa chỉ công khai (https://...) của văn bản",
                         "a document's target needs the public address (https://...) where its text is published"),
    "source.recurring_year": ("chỉ tiêu hằng năm không có năm mốc: để trống năm", "a recurring target has no milestone year: leave year empty"),
    "source.milestone": ("năm mốc phải là một trong {years} (hoặc hằng năm)", "year must be one of {years} (or recurring=true)"),
    "source.range_max": ("chỉ tiêu dạng khoảng cần giá trị tối đa lớn hơn giá trị", "a range target needs value_max above value"),
    "source.max_only_range": ("chỉ chỉ tiêu dạng khoảng mới có giá trị tối đa", "value_max is only for range targets"),
    "source.commune_code": ("chỉ tiêu của xã cần mã xã", "a commune target needs commune_code"),
    "source.province_code": ("chỉ tiêu của tỉnh cần mã tỉnh", "a province target needs province_code"),
    "source.not_both": ("mã xã hoặc mã tỉnh, không cả hai", "commune_code or province_code, not both"),
    "source.which_file": ("kế hoạch của xã dẫn seed_file, văn bản tỉnh hoặc Trung ương dẫn doc_file",
                          "a commune's plan cites seed_file, a province or national document doc_file"),
    "source.one_file": ("cần đúng một trong seed_file, doc_file", "give exactly one of seed_file, doc_file"),
    "source.line_pair": ("tệp và số dòng đi cùng nhau", "a file and its line go together"),
    # pydantic's own messages for what a reviewer types into the plan grid (kpi/extract/save.py): Vietnamese words,
    # pydantic's English as it said it
    "source.pydantic.number": ("không phải là số", "{said}"),
    "source.pydantic.integer": ("không phải là số nguyên", "{said}"),
    "source.pydantic.boolean": ("phải là có hoặc không", "{said}"),
    "source.pydantic.pattern": ("không đúng dạng (mã chỉ tiêu: chữ thường, số, dấu _)", "{said}"),
    "source.pydantic.missing": ("thiếu giá trị", "{said}"),
    "source.pydantic.choice": ("không phải là một giá trị cho phép", "{said}"),
    # saving a reviewed plan (kpi/extract/save.py)
    "plan_save.no_commune": ("không có xã mã {code}", "no commune with code {code}"),
    "plan_save.saved_before": ("{what} đã được lưu lúc {when_vi} (giờ Việt Nam) bởi {by} (lần lưu {save})",
                               "{what} was already saved on {when_en} (Vietnam time) by {by} (save {save})"),
    "plan_save.this_target": ("chỉ tiêu này", "this target"),
    "plan_save.task": ("nhiệm vụ số {seq}", "task {seq}"),
    "plan_save.not_in_catalogue": (
        "{code} không có trong danh mục chỉ tiêu (chọn một chỉ tiêu có sẵn hoặc bổ sung vào data/indicators.yaml trước)",
        "{code} is not in the indicator catalogue (choose one it has, or add it to data/indicators.yaml first)",
    ),
    "plan_save.seq_used": ("số thứ tự {seq} đã có trong kế hoạch của xã", "task number {seq} already used in the commune's plan"),
    # approving values and reviewing task reports (kpi/approvals.py, kpi/services/tasks.py)
    "approval_error.locked": ("số liệu kỳ {quarter} của xã {commune} đã khóa: đề nghị tỉnh mở khóa",
                              "the values of commune {commune} for {quarter} are locked: ask the province to unlock them"),
    "approval_error.unknown_move": ("không rõ thao tác {move} ({moves})", "unknown action {move} ({moves})"),
    "approval_error.needs_reason": ("trả lại số liệu phải nêu lý do", "returning values needs a reason"),
    "approval_error.reason_too_long": ("lý do dài quá {n} ký tự", "the reason is longer than {n} characters"),
    "approval_error.not_reported": ("xã {commune} chưa báo cáo số liệu kỳ {quarter}", "commune {commune} reported no values for {quarter}"),
    "approval_error.state": ("số liệu kỳ {quarter} của xã {commune} đang ở trạng thái “{state}”",
                             "the values of {commune} for {quarter} are “{state}”: cannot {move}"),
    "task_review.no_report": ("không có báo cáo nhiệm vụ {report}", "no task report {report}"),
    "task_review.not_done": ("báo cáo {report} không báo hoàn thành: không cần thẩm định",
                             "report {report} does not report the task done: there is nothing to review"),
    "task_review.newer": ("nhiệm vụ đã có báo cáo mới hơn báo cáo {report}", "the task has a newer report than {report}"),
    "task_review.already": ("báo cáo {report} đã được thẩm định", "report {report} was already reviewed"),
    "task_review.needs_reason": ("trả lại phải nêu lý do", "a returned report needs a reason"),
    "period.not_a_quarter": ("không phải một quý: {text} (ví dụ 2026-Q3)", "not a quarter: {text} (e.g. 2026-Q3)"),
    # accounts (kpi/accounts: the users command and the sign-in)
    "users.not_email": ("EMAIL: {email} không phải địa chỉ thư điện tử", "EMAIL: {email} is not an e-mail address"),
    "users.bad_role": ("--role: {role} không hợp lệ (dùng {roles})", "--role: {role} is not one of {roles}"),
    "users.no_commune": ("--commune: không có xã mã {codes}", "--commune: no commune with code {codes}"),
    "users.no_province": ("--province: không có tỉnh mã {code}", "--province: no province with code {code}"),
    "users.editor_needs_commune": ("--commune: cán bộ nhập liệu xã cần ít nhất một xã", "--commune: a commune editor needs at least one commune"),
    "users.not_in_province": ("--commune: {codes} không thuộc tỉnh {province}", "--commune: {codes} not in province {province}"),
    "users.commune_only_editor": ("--commune: chỉ dành cho commune_editor (không cho {role})", "--commune: only for a commune_editor (not {role})"),
    "users.reviewer_needs_province": ("--province: cán bộ thẩm định tỉnh cần một tỉnh", "--province: a province reviewer needs a province"),
    "users.province_not_for": ("--province: chỉ dành cho province_reviewer hoặc commune_editor (không cho {role})",
                               "--province: only for a province_reviewer or a commune_editor (not {role})"),
    "identity.field": ("{field}: {said}", "{field}: {said}"),
    "identity.lookalike": ("{shown} có ký tự Unicode không chuẩn, có thể giả một địa chỉ khác (dạng chuẩn NFKC: {nfkc})",
                           "{shown} has non-normalised Unicode characters and could pass for another address (NFKC form: {nfkc})"),
    "identity.read_only": ("{said}; bạn chỉ được xem", "{said}; you may only read"),
    "identity.unverified": ("nhà cung cấp định danh chưa xác minh địa chỉ thư điện tử này; bạn chỉ được xem",
                            "the identity provider has not verified this e-mail address; you may only read"),
    "identity.signed_out": ("phiên đăng nhập này đã kết thúc (đã đăng xuất hoặc tài khoản đã thay đổi); hãy đăng nhập lại",
                            "this sign-in has ended (signed out, or the account changed); please sign in again"),
    "identity.unchecked": ("không kiểm tra được việc đăng xuất; bạn chỉ được xem", "sign-outs could not be checked; you may only read"),
    # evidence files (kpi/workflow/evidence.py)
    "evidence.refused": ("{name}: {said}", "{name}: {said}"),
    "evidence.too_big": ("tệp lớn hơn {mb}", "larger than {mb}"),
    "evidence.symlink": ("là liên kết tượng trưng (symlink), không nhận làm minh chứng; hãy chép chính tệp vào",
                         "is a symbolic link, not accepted as evidence: copy the file itself"),
    "evidence.not_regular": ("không phải là tệp thông thường", "not a regular file"),
    "evidence.not_found": ("không tìm thấy tệp", "file not found"),
    "evidence.unreadable": ("không đọc được tệp ({why})", "cannot read the file ({why})"),
    "evidence.kind": ("loại tệp không được nhận làm minh chứng (chỉ nhận {allowed})", "not accepted as evidence (accepted: {allowed})"),
    "evidence.content": ("nội dung không phải là tệp {ext} như tên tệp", "the content is not a {ext} file as its name says"),
    "evidence.macros": ("tệp có macro ({what}), không nhận làm minh chứng; lưu lại không kèm macro",
                        "the file holds macros ({what}), not accepted as evidence: save it without macros"),
    "evidence.parts": ("tệp nén có {n} phần, vượt giới hạn {limit}", "the archive has {n} parts, over the limit of {limit}"),
    "evidence.unzips_to": ("tệp nén giải ra {size}, vượt giới hạn {limit}", "the archive unpacks to {size}, over the {limit} limit"),
    "evidence.ratio": ("phần {part} nén với tỉ lệ {ratio}:1, vượt giới hạn {limit}:1 (nghi là bom nén)",
                       "part {part} is compressed {ratio}:1, over the {limit}:1 limit (a zip bomb?)"),
    "evidence.same_name": ("tệp nén có hai phần cùng tên", "the archive holds two parts of the same name"),
    "evidence.part_too_big": ("phần {part} lớn hơn {kb} KB", "part {part} is larger than {kb} KB"),
    "evidence.dtd": ("phần {part} khai báo DTD, không nhận", "part {part} declares a DTD: not accepted"),
    "evidence.xml": ("phần {part} không phải XML hợp lệ", "part {part} is not well-formed XML"),
    # the evidence download route (kpi/web.py: in the language of ?lang= or the browser's)
    "download.failed": ("không tải được minh chứng, hãy thử lại", "the evidence could not be sent, try again"),
    "download.sign_in": ("cần đăng nhập để tải minh chứng", "sign in to download evidence"),
    "download.none": ("không có minh chứng này", "no such evidence"),
    "download.no_right": ("tài khoản này không có quyền xem minh chứng", "this account may not download evidence"),
    "download.missing": ("tệp minh chứng không còn trong kho", "the evidence file is missing from the store"),
    # reading a commune's plan (kpi/extract)
    "extract_error.pdf": ("{name}: không đọc được tệp PDF ({why})", "{name}: cannot read the PDF ({why})"),
    "extract_error.no_text": ("{name}: tệp PDF không có lớp chữ (bản quét?): hãy nhận dạng chữ (OCR) hoặc dùng bản Word",
                              "{name}: the PDF has no text layer (a scan?): run OCR on it or use the Word file"),
    "extract_error.format": ("{name}: chỉ đọc được .txt, .docx, .pdf", "{name}: only .txt, .docx and .pdf can be read"),
    "extract_error.not_utf8": ("{name}: tệp văn bản không phải UTF-8", "{name}: the text file is not UTF-8"),
    "extract_error.word": ("{name}: không đọc được tệp Word ({why})", "{name}: cannot read the Word file ({why})"),
    "extract_error.too_big": ("{name}: tệp lớn hơn {mb} MB", "{name}: the file is larger than {mb} MB"),
    "extract_error.timeout": ("{name}: đọc quá {seconds} giây", "{name}: reading took longer than {seconds} s"),
    "extract_error.memory": ("{name}: không đọc được tệp trong giới hạn {mb} MB bộ nhớ (mã {code})",
                             "{name}: the file could not be read within the {mb} MB memory limit (code {code})"),
    "extract_error.not_a_plan": ("{name}: không phải kế hoạch (không có chỉ tiêu, nhiệm vụ hay tên kế hoạch)",
                                 "{name}: not a plan (no target, no task, no plan title)"),
    "extract_note.no_target": ("Không tìm thấy chỉ tiêu định lượng nào", "No quantitative target found"),
    "extract_note.no_task": ("Không tìm thấy phụ lục nhiệm vụ", "No task appendix found"),
    # loading the national portal's published values (kpi/published, kpi/services/published.py)
    "published_error.no_time": ("{name}: tên tệp không có thời điểm chụp (…YYYY-MM-DDTHHMM…), hãy cho --at",
                                "{name}: the file name has no snapshot time (…YYYY-MM-DDTHHMM…): give --at"),
    "published_error.bad_time": ("{name}: thời điểm chụp trong tên tệp không hợp lệ: {time}", "{name}: the file name's snapshot time is not a date: {time}"),
    "published_error.json": ("{name}: không đọc được JSON: {why}", "{name}: not readable as JSON: {why}"),
    "published_error.json_shape": ("{name}: JSON phải là {{tên danh sách: [dòng, …]}} ({lists}), như Cổng trả về",
                                   "{name}: the JSON must map each list's name ({lists}) to its rows as the portal returned them"),
    "published_error.format": ("{name}: chỉ nhận .xlsx hoặc .json", "{name}: only .xlsx or .json files are read"),
    "published_error.workbook": ("{name}: không đọc được bảng tính: {why}", "{name}: not readable as a workbook: {why}"),
    "published_error.value": ("{name}: {sheet}: dòng {n}: {where}: giá trị {got} không hợp lệ", "{name}: {sheet}: row {n}: {where}: {said}"),
    "published_error.level": ("{name}: {sheet}: dòng {n}: CAPDONVIID: cấp {got} không thuộc danh sách này ({level})",
                              "{name}: {sheet}: row {n}: CAPDONVIID: level {got} is not this list's ({level})"),
    "published_error.sum": ("{name}: {sheet}: dòng {n}: TONG_SCORE: {total} khác tổng sáu nhóm {sum}",
                            "{name}: {sheet}: row {n}: TONG_SCORE: {total} is not the six components' sum {sum}"),
    "published_error.no_list": ("{name}: không có danh sách nào của Bộ chỉ số 766 ({lists})", "{name}: no list of Index 766 in the file (expected {lists})"),
    "published_error.no_unit": ("không có đơn vị nào", "no unit"),
    "published_error.units": ("{n} đơn vị: {codes}", "{n} units: {codes}"),
    "published_error.at": ("{name}: {sheet}: dòng {n}: {said}", "{name}: {sheet}: row {n}: {said}"),
    "published_error.province": ("TEN: không nhận ra tỉnh của «{name}» ({found})", "TEN: the province of «{name}» matches {found}, not one"),
    "published_error.unit": ("TEN: «{name}» khớp {found}, không phải đúng một; không đoán", "TEN: «{name}» matches {found}, not exactly one; not guessed"),
    "published_error.twice": ("MA_COQUAN: đơn vị {code} đã có ở dòng {row}", "MA_COQUAN: unit {code} is already on row {row} of this list"),
    "published_error.outside": ("TEN: «{name}» ngoài phạm vi của {email}", "TEN: «{name}» is outside {email}'s scope"),
    "published_error.other_snapshot": ("{name}: {sheet}: đã có bản chụp khác cùng thời điểm {at} ({stored}) với số liệu khác; không ghi",
                                       "{name}: {sheet}: another snapshot of the same time ({at}) with other values is stored ({stored}); nothing written"),
    "published_load.unchanged": ("không có gì thay đổi: {n} danh sách đã có", "nothing changed: the {n} list(s) were already loaded"),
    "published_load.loaded": ("đã nạp {lists} danh sách, {units} đơn vị, {values} giá trị ({by_code} đơn vị khớp theo mã Cổng); {unchanged} danh sách đã có",
                              "loaded {lists} list(s), {units} units, {values} values ({by_code} matched by the portal's code); {unchanged} already loaded"),
    # copying snapshots from another host (kpi/store/sync.py) and the store of record (kpi/records)
    "sync.http": ("không tải được {where}: HTTP {code} {reason}", "could not download {where}: HTTP {code} {reason}"),
    "sync.unreadable": ("không đọc được {where}: {reason}; không phát hành gì", "could not read {where}: {reason}; nothing published"),
    "sync.nothing_published": (
        "không có {where}: nguồn này chưa phát hành bản nào (--from là thư mục data/ hoặc .kpi.duckdb.snapshots/ của máy phát hành, "
        "hoặc địa chỉ của nó)",
        "{where} not found: nothing published there (--from is the publishing host's data/ or .kpi.duckdb.snapshots/ folder, or its URL)",
    ),
    "sync.superseded": ("không có {where}: bản này vừa bị thay bằng bản mới hơn; chạy lại", "{where} not found: superseded by a newer snapshot meanwhile; run again"),
    "sync.bad_pointer": ("{pointer} ở {folder} không hợp lệ ({why})", "{pointer} at {folder} is not a valid snapshot pointer ({why})"),
    "sync.stopped": ("đã dừng giữa chừng; không phát hành gì", "stopped while downloading; nothing published"),
    "sync.incomplete": ("tải {snapshot} không đủ: {got} / {size} byte; không phát hành gì, {keeps}",
                        "the download of {snapshot} is incomplete: {got} of {size} bytes; nothing published, {keeps}"),
    "sync.sha256": ("tải {snapshot} sai sha256 (cần {expected}, nhận {got}); không phát hành gì, {keeps}",
                    "the download of {snapshot} does not match its sha256 (expected {expected}, got {got}); nothing published, {keeps}"),
    "sync.keeps": ("{db} giữ bản {name}", "{db} keeps {name}"),
    "sync.no_snapshot": ("{db} vẫn chưa có bản nào", "{db} still has no snapshot"),
    "store.unavailable": ("kho dữ liệu không trả lời{why}; không ghi dữ liệu nào, hãy thử lại",
                          "the store of record did not answer{why}; nothing was written, try again"),
    "store.url": ("{setting} phải bắt đầu bằng postgresql:// (đang là {got}:…)", "{setting} must start with postgresql:// (got {got}:…)"),
    # mapping records again and moving them to another store (kpi/services/remap.py, migration.py)
    "remap.no_report": ("--report: không có báo cáo {report}", "--report: no task report {report}"),
    "remap.task": ("--task: kế hoạch của xã {commune} không có đúng một nhiệm vụ số {seq} ({n})",
                   "--task: the plan of commune {commune} has {n} tasks numbered {seq}, not one"),
    "remap.unknown_indicator": ("--indicator: {code} không có trong danh mục chỉ tiêu", "--indicator: {code} is not in the indicator catalogue"),
    "remap.no_values": ("--batch/--indicator: lô {batch} không có giá trị nào của {code}", "--batch/--indicator: batch {batch} has no value of {code}"),
    "remap.taken": ("--indicator: đã có giá trị {code} cho {where}; không đối chiếu gì", "--indicator: {code} already has a value for {where}; nothing mapped"),
    "migrate.built_from_store": ("{db} được dựng từ kho lưu trữ (đến thay đổi {through}): hãy chuyển chính kho đó ({store} bên "
                                 "cạnh, cùng {setting}); từ cơ sở dữ liệu sẽ bỏ lại {left}; không chuyển gì",
                                 "{db} was built from a store of record (through change {through}): move that store itself "
                                 "({store} beside it, with {setting} set); from the database {left} would be left behind; nothing moved"),
    "migrate.no_sqlite_store": ("không có kho SQLite {path} để chuyển sang PostgreSQL ({setting} chỉ nơi đến)",
                                "no SQLite store {path} to move into PostgreSQL ({setting} names the target)"),
    "migrate.unknown_tables": ("kho {path} có bảng {tables} mà phiên bản này không biết chuyển; không chuyển gì",
                               "the store {path} has table(s) {tables} this version cannot move; nothing moved"),
    "migrate.store_differs": ("{table}: {rows} dòng trong kho SQLite, {moved} đọc lại từ PostgreSQL, khác nhau; không chuyển gì",
                              "{table}: {rows} rows in the SQLite store, {moved} read back from PostgreSQL, and they differ; nothing moved"),
    "migrate.held": ("kho lưu trữ {store} đã có dữ liệu ({held}); không chuyển lần nữa", "the store {store} already holds records ({held}); nothing moved"),
    "migrate.differ": ("{table}: {rows} dòng trong cơ sở dữ liệu, {moved} trong kho; khác từ dòng {first}; không chuyển gì",
                       "{table}: {rows} rows in the database, {moved} in the store; they differ from row {first}; nothing moved"),
    # scorecards and exports (kpi/scorecard, kpi/export)
    "cli.no_scores": ("cơ sở dữ liệu chưa có điểm: chạy `python -m kpi build`", "the database has no scores: run `python -m kpi build`"),
    "scorecard_error.period": ("kỳ {period} chưa có điểm; có: {periods}", "period {period} has no scores; scored: {periods}"),
    "scorecard_error.commune": ("không có xã/phường mã {code}", "no commune with code {code}"),
    "scorecard_error.province": ("không có tỉnh mã {code}", "no province with code {code}"),
    "scorecard_error.milestone": ("mốc {year} không hợp lệ; dùng {years}", "milestone {year} invalid; use {years}"),
    "scorecard_error.pdf": ("không dựng được PDF: {why}", "the PDF could not be typeset: {why}"),
    "cli.too_large_for_excel": ("{rows} dòng không vừa một trang Excel (tối đa {most}): hãy xuất CSV (--format csv-vn hoặc csv)",
                                "{rows} rows do not fit an Excel sheet (at most {most}): export CSV instead (--format csv-vn or csv)"),
    # the checks of a value as it is entered or imported (kpi/entry/checks.py)
    "entry_check.far_history": ("giá trị {value} khác xa các kỳ trước của xã (gần nhất {last}): ghi lý do",
                                "value {value} is far from the commune's earlier values (last {last}): give a reason"),
    "entry_check.far_province": ("giá trị {value} khác xa các xã trong tỉnh (trung vị {median}): ghi lý do",
                                 "value {value} is far from the province's communes (median {median}): give a reason"),
    "entry_check.evidence": ("giá trị {value} đạt chỉ tiêu {target}: phải kèm tệp minh chứng ({rule})",
                             "value {value} meets its target {target}: an evidence file is required ({rule})"),
    "entry_check.rule_tan_loi": ("Kế hoạch xã Tân Lợi, mục IV.2.2 “Minh chứng bắt buộc”", "Tân Lợi's plan, IV.2.2 “mandatory evidence”"),
    "saved_plan.manifest": ("{name} thiếu hoặc hỏng ({why})", "{name} missing or unreadable ({why})"),
    "saved_plan.document": ("tài liệu {name} thiếu hoặc đã bị sửa", "the kept document {name} is missing or differs from its sha256"),
    "cli.nginx_needs_upstream": ("--nginx-config cần --upstream HOST:PORT", "--nginx-config needs --upstream HOST:PORT"),
    "app.first_build": ("Đang dựng cơ sở dữ liệu lần đầu…", "Building the database for the first time…"),
    "published.points_short": ("điểm", "pts"),
    # the reasons a plan's candidate gives for its confidence (kpi/extract/reasons.py): kpi.extract writes the English
    # (the review workbook's `reasons` column); the review page shows them in the reader's language
    "reason.wording_matches": ("nguyên văn khớp chỉ tiêu {code} ({score})", "wording matches {code} ({score})"),
    "reason.proposed_new": ("không chỉ tiêu nào của danh mục khớp (gần nhất {code} {score}): đề xuất chỉ tiêu mới", "no catalogue indicator fits (closest {code} {score}): proposed new"),
    "reason.close_to": ("gần với {code} ({score}): kiểm tra lại chỉ tiêu", "close to {code} ({score}): check the indicator"),
    "reason.at_least": ("có từ “tối thiểu, ít nhất, từ, trở lên”: ≥", "at least"),
    "reason.more_than": ("có từ “trên, hơn, vượt”: >", "more than"),
    "reason.at_most": ("có từ “tối đa, không quá”: ≤", "at most"),
    "reason.less_than": ("có từ “dưới, thấp hơn”: <", "less than"),
    "reason.strive": ("“phấn đấu” không kèm cận", "'phấn đấu' without a bound"),
    "reason.plain_value": ("giá trị đơn (=)", "a plain value"),
    "reason.range": ("một khoảng giá trị", "a range"),
    "reason.year_in_statement": ("năm nêu trong câu", "year in the statement"),
    "reason.year_from_heading": ("năm lấy từ đề mục phía trên", "year from the heading above"),
    "reason.no_year": ("không có năm", "no year"),
    "reason.every_year": ("hằng năm", "every year ('hằng năm')"),
    "reason.milestone_table": ("bảng mốc, cột Năm {year}", "milestone table, column Năm {year}"),
    "reason.estimate": ("“{words}” được hiểu là ≥ 100% dự toán", "'{words}' read as ≥ 100% of the estimate"),
    "reason.read_as": ("“{words}” được hiểu là {value}", "'{words}' read as {value}"),
    "reason.interpreted": ("giá trị do diễn giải: kiểm tra lại", "interpreted: check the value"),
    "reason.row_number": ("có số thứ tự dòng", "row number found"),
    "reason.tabs": ("các ô tách bằng tab", "tab-separated cells"),
    "reason.lead_agency": ("nhận ra cơ quan chủ trì", "lead agency recognised"),
    "reason.no_lead_agency": ("không thấy cơ quan chủ trì", "no lead agency found"),
    "reason.no_deadline_column": ("bảng không có cột thời hạn", "table has no deadline column"),
    "reason.deadline": ("nhận ra thời hạn", "deadline recognised"),
    "reason.no_deadline": ("không nhận ra thời hạn", "no deadline recognised"),
    "reason.resumed": ("nội dung nhiệm vụ nối tiếp sau các ô khác", "task text resumed after other cells"),
    "reason.short_text": ("nội dung nhiệm vụ rất ngắn", "very short task text"),
    # the Methodology page (kpi/methodology.py fills in the shares the code uses)
    "method.text": (
        (
            "\n"
            "### Nguồn dữ liệu\n"
            "- **Đơn vị hành chính**: 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu sau sắp xếp năm 2025, mã chính thức\n"
            "  (gói `vietnam-provinces`).\n"
            "- **Chỉ tiêu và mục tiêu**: trích từ kế hoạch thực hiện Nghị quyết 57-NQ/TW của từng xã; mỗi mục tiêu ghi rõ\n"
            "  tệp, mục, dòng và nguyên văn trong kế hoạch. Với mỗi chỉ tiêu và mỗi mốc, xã chưa có mục tiêu riêng thì\n"
            "  **kế thừa** mục tiêu của tỉnh (kế hoạch của tỉnh), nếu không có thì của Trung ương (Phụ lục I Nghị quyết\n"
            "  03/NQ-CP, chương trình hành động thực hiện Nghị quyết 57-NQ/TW); nguồn kế thừa và văn bản được ghi rõ. Chỉ tiêu\n"
            "  mang tính quốc gia (tỷ trọng GDP, xếp hạng quốc tế) không áp cho xã. Mục tiêu của xã thấp hơn cấp trên cho cùng\n"
            "  mốc vẫn áp dụng nhưng được đánh dấu trên trang Chất lượng dữ liệu.\n"
            "- **Mục tiêu nêu lại, mâu thuẫn, hằng năm**: mục tiêu nêu hai lần chỉ tính một lần (trích cả hai nơi); hai giá trị\n"
            "  khác nhau cho cùng chỉ tiêu, cùng năm thì giữ cả hai, đánh dấu mâu thuẫn và **áp dụng giá trị cao hơn về yêu cầu**\n"
            "  (cao hơn với chỉ tiêu càng cao càng tốt, thấp hơn với chỉ tiêu càng thấp càng tốt); mục tiêu \"hằng năm\" áp dụng cho mọi năm.\n"
            "- **Giá trị báo cáo**: khi các xã chưa công bố số liệu, hệ thống dùng **dữ liệu minh họa** sinh tất định\n"
            "  (khoảng {demo_missing} kỳ báo cáo bị thiếu). Số liệu thật nhập qua tệp CSV/XLSX được ưu tiên hơn dữ liệu minh họa.\n"
            "\n"
            "### Phương pháp chấm điểm\n"
            "1. **Lộ trình bắt buộc**: với mỗi xã và chỉ tiêu, đường gấp khúc nối giá trị đầu kỳ (kỳ báo cáo đầu tiên) với\n"
            "   từng mốc mục tiêu (tính tại ngày 31/12 của năm mốc), không đi xuống dưới mức đã yêu cầu trước đó (mục tiêu đã\n"
            "   qua thấp hơn giá trị đầu kỳ thì lộ trình giữ mức đầu kỳ). Trên trang Lộ trình, đường này vẽ đến kỳ báo cáo mới nhất;\n"
            "   giá trị của nó tại kỳ đó là mức mà tình trạng *Đúng lộ trình* so sánh. Từ kỳ mới nhất, phần còn phải đi **bắt đầu\n"
            "   từ mức cao hơn** giữa giá trị mới nhất và mức của lộ trình tại kỳ đó (không bao giờ thấp hơn mức đã đạt, cũng\n"
            "   không thấp hơn một mục tiêu đã qua; ngược lại với chỉ tiêu càng thấp càng tốt), rồi đi tới các mốc sau và không\n"
            "   quay xuống dưới mức đã lên tới. Ví dụ: xã bắt đầu dưới 60%, mục tiêu 60% năm 2025, 80% năm 2030, đạt 75% ở Q3/2026: lộ trình tại\n"
            "   Q3/2026 là 63%, xã đúng lộ trình, và phần còn lại đi từ 75% lên 80%, không từ 60%. **Tốc độ cần thiết** (mục 6)\n"
            "   tính từ giá trị mới nhất, nên bằng độ dốc của phần còn lại khi xã đúng lộ trình, và dốc hơn khi xã chậm.\n"
            "2. **Mức đạt** so với mốc kế tiếp, từ 0 đến 100: chỉ tiêu càng cao càng tốt = giá trị / mục tiêu (tối đa 100);\n"
            "   càng thấp càng tốt = mục tiêu / giá trị; có/không = 0 hoặc 100; mục tiêu khoảng = 100 khi nằm trong khoảng.\n"
            "3. **Tình trạng**: *Đạt* (giá trị mới nhất đã đạt mục tiêu mốc kế tiếp); *Đúng lộ trình* (bằng hoặc vượt lộ trình\n"
            "   bắt buộc, hoặc tốc độ 4 quý gần nhất đủ để đạt mục tiêu đúng hạn); *Có nguy cơ* (tốc độ ít nhất bằng\n"
            "   {red_alert} tốc độ cần thiết); *Chệch hướng* (tốc độ dưới {red_alert} tốc độ cần thiết, hoặc đang giảm);\n"
            "   *Không có dữ liệu* (không có báo cáo trong 2 quý gần nhất). Màu: xanh lá, vàng, cam, đỏ, xám như bảng SDG;\n"
            "   ngưỡng {red_alert} theo quy tắc cảnh báo đỏ của các kế hoạch.\n"
            "4. **Chỉ số tổng hợp** (0–100) của xã: trung bình các điểm nhóm, mỗi điểm nhóm là trung bình mức đạt các chỉ tiêu\n"
            "   trong nhóm (các nhóm cùng trọng số, trừ khi quản trị viên đặt trọng số khác). Không tính chỉ số khi quá\n"
            "   {max_missing} chỉ tiêu của xã không có dữ liệu (quy tắc của Chỉ số SDG).\n"
            "5. **Xếp hạng** trong tỉnh và toàn quốc, đồng điểm thì đồng hạng. **Bình quân tỉnh** = trung bình các xã của tỉnh;\n"
            "   chênh lệch của mỗi xã so với bình quân tỉnh tính cho chỉ số và từng chỉ tiêu.\n"
            "6. **Dự báo** đến mốc kế tiếp theo tốc độ 4 quý gần nhất, và **tốc độ cần thiết** để đạt mục tiêu (điểm mỗi năm).\n"
            "   So sánh ngặt (\"trên 70%\") được chấm như không ngặt, vì số liệu báo cáo làm tròn một chữ số thập phân.\n"
            "7. **Mốc đã chọn** (Hồ sơ xã, bảng điểm PDF): tình trạng, mức đạt, dự báo và tốc độ cần thiết tính theo đúng các quy tắc\n"
            "   trên, coi mục tiêu của mốc đã chọn là mốc kế tiếp (lộ trình đi thẳng từ mốc trước kỳ hiện tại tới mốc đó). Chỉ số\n"
            "   tổng hợp và xếp hạng luôn tính theo mốc kế tiếp.\n"
            "8. **Tình trạng chung của nhiều chỉ tiêu** (một nhóm của một xã trên Tổng quan và trong tệp xuất; tình trạng chung của\n"
            "   xã trên Bản đồ và số \"xã chệch hướng\"): theo đa số. *Không có dữ liệu* khi quá nửa số chỉ tiêu không có dữ liệu;\n"
            "   còn lại, trong các chỉ tiêu có dữ liệu: *đạt* khi quá nửa đã đạt, *đúng lộ trình* khi quá nửa đã đạt hoặc đúng lộ\n"
            "   trình, *chệch hướng* khi quá nửa chệch hướng, *có nguy cơ* trong các trường hợp khác. Ví dụ: nhóm hai chỉ tiêu,\n"
            "   một chệch hướng và một đúng lộ trình, là *có nguy cơ* (không phải chệch hướng); ba chỉ tiêu, hai chệch hướng và\n"
            "   một đạt, là *chệch hướng*. Các tỷ lệ đầu trang Tổng quan là tỷ lệ các cặp xã × chỉ tiêu theo tình trạng, so với\n"
            "   mốc kế tiếp của từng chỉ tiêu; \"đạt hoặc đúng lộ trình\" đứng đầu vì phần lớn mục tiêu là của năm 2030.\n"
        ),
        (
            "\n"
            "### Data sources\n"
            "- **Administrative units**: the 34 provinces and 3,321 communes, wards and special zones after the 2025\n"
            "  reorganisation, with official codes (the `vietnam-provinces` package).\n"
            "- **Indicators and targets**: extracted from each commune's plan implementing Resolution 57-NQ/TW; every target\n"
            "  cites its file, section, row and original wording. Per indicator and milestone, a commune without a target of its\n"
            "  own **inherits** its province's (the province's plan), else the national one (Appendix I of Resolution 03/NQ-CP,\n"
            "  the Government's action programme for Resolution 57-NQ/TW); the source level and document are shown. Indicators\n"
            "  national in nature (shares of GDP, international rankings) are not applied to communes. A commune target below\n"
            "  the layer above for the same milestone still applies, and is flagged on Data quality.\n"
            "- **Restated, conflicting and yearly targets**: a target stated twice counts once (both places cited); two different\n"
            "  values for the same indicator and year are both kept, flagged as a conflict, and **the more demanding one applies**\n"
            "  (the higher for higher-is-better indicators, the lower for lower-is-better ones); a \"hằng năm\" target applies every year.\n"
            "- **Reported values**: until communes publish their figures, the dashboard shows deterministic **demo data**\n"
            "  (about {demo_missing} of reports missing). Real values imported from CSV/XLSX take precedence over demo values.\n"
            "\n"
            "### Scoring method\n"
            "1. **Required path**: for each commune and indicator, the piecewise-linear path from the baseline (the first\n"
            "   reported value) through each milestone target, valued at 31 December of the milestone year, never back below a\n"
            "   level already required (a passed target under the baseline keeps the baseline's level). Lộ trình draws it up\n"
            "   to the latest report; its value there is what *on track* compares the latest value with. From the latest report\n"
            "   on, the path still to go **starts from the better** of the latest value and the path's value then (never below\n"
            "   what has been reached, nor below a target already passed; mirrored for lower-is-better indicators) and runs to\n"
            "   the later milestones without coming back below a level it has reached. Example: a commune starting below 60%, with 60%\n"
            "   by 2025 and 80% by 2030, at 75% in Q3/2026: the path there is 63%, the commune is on track, and the rest runs from 75% to 80%,\n"
            "   not from 60%. The **pace still needed** (item 6) counts from the latest value, so it is the slope of the rest\n"
            "   when the commune is on track, and steeper when it is behind.\n"
            "2. **Attainment** towards the next milestone, 0 to 100: higher-is-better value / target (capped at 100);\n"
            "   lower-is-better the inverse; yes/no 0 or 100; a range target is met inside the range.\n"
            "3. **Status**: *met* (the latest value already meets the next milestone target); *on track* (at or above the required\n"
            "   path, or the pace of the last four quarters reaches the target by the milestone); *at risk* (pace at least\n"
            "   {red_alert} of the required pace); *off track* (pace below {red_alert}, or falling); *no data* (no report\n"
            "   in the last two quarters). Colours green, yellow, orange, red and grey as in the SDG dashboards; the\n"
            "   {red_alert} threshold follows the plans' red-alert rule.\n"
            "4. **Composite index** (0–100) per commune: the mean of the group scores, each the mean attainment of its\n"
            "   indicators (the groups weigh the same unless the administrator sets other weights). No index when more than\n"
            "   {max_missing} of the commune's indicators have no data (the SDG Index rule).\n"
            "5. **Ranks** within the province and nationally; ties share a rank. **Province average** = mean over its communes;\n"
            "   each commune's gap to it is given on the index and per indicator.\n"
            "6. **Projection** to the next milestone from the recent pace, and the **pace still needed** (points per year).\n"
            "   Strict comparators (\"above 70%\") are scored as non-strict, since reports are rounded to one decimal.\n"
            "7. **A chosen milestone** (Hồ sơ xã, the PDF scorecard): status, attainment, projection and pace still needed follow\n"
            "   the rules above with the chosen milestone's target taken as the next one (the path runs straight from the last\n"
            "   milestone before the current year to it). The composite index and ranks are always against the next milestones.\n"
            "8. **The status of several indicators together** (a commune's group on Tổng quan and in its export; a commune's\n"
            "   overall status on the map and in \"communes off track\"): by majority. *No data* when more than half have no data;\n"
            "   otherwise, of those with data: *met* when more than half are met, *on track* when more than half are met or on\n"
            "   track, *off track* when more than half are off track, *at risk* in every other case. Example: a group of two\n"
            "   indicators, one off track and one on track, is *at risk* (not off track); three indicators, two off track and one\n"
            "   met, are *off track*. The shares heading Tổng quan are the commune × indicator pairs by status against each\n"
            "   indicator's next milestone; \"met or on track\" comes first, since most targets are for 2030.\n"
        ),
    ),
    "cli.demo_note": ("lưu ý: giá trị có is_demo=true là dữ liệu minh họa, không phải báo cáo của xã",
                      "note: values with is_demo=true are demo data, not reports from communes"),
    "cli.store_held": ("kho dữ liệu: {held}", "store of record: {held}"),
    "cli.held.app_user": ("{n} tài khoản", "{n} account(s)"),
    "cli.held.import_batch": ("{n} lô nhập", "{n} import batch(es)"),
    "cli.held.real_value": ("{n} giá trị đã nhập", "{n} imported value(s)"),
    "cli.held.task_report": ("{n} báo cáo nhiệm vụ", "{n} task report(s)"),
    "cli.held.value_approval": ("{n} phê duyệt", "{n} approval(s)"),
    "cli.held.audit_log": ("{n} dòng nhật ký", "{n} audit row(s)"),
    "cli.nothing_changed": ("{what}: {why}; không thay đổi gì", "{what}: {why}; nothing was changed"),
    "cli.build_failed": ("dựng thất bại: {n} dòng nguồn không hợp lệ; {db} giữ nguyên", "build failed: {n} invalid source row(s); {db} left unchanged"),
    # the command line's --help (python -m kpi [--lang en] COMMAND --help): commands, options and printed columns
    # stay as they are; only these sentences follow --lang
    "cli.help.description": ("Công cụ của bảng điều khiển KPI cấp xã theo Nghị quyết 57",
                             "Resolution 57 commune KPI dashboard tools"),
    "cli.help.lang": ("ngôn ngữ của các thông báo (mặc định: vi)", "language of the messages (default: vi)"),
    "cli.help.db": ("tệp cơ sở dữ liệu (mặc định: data/kpi.duckdb, hoặc $KPI_DB)",
                    "database file (default: data/kpi.duckdb, or $KPI_DB)"),
    "cli.help.wait_records": ("chờ khóa ghi của kho dữ liệu tối đa bao lâu rồi bỏ cuộc (mặc định: 30)",
                              "how long to wait for the write lock of the store of record before giving up (default: 30)"),
    "cli.help.wait_snapshot": ("xếp hàng sau một tiến trình ghi khác (build, import, rollback) tối đa bao lâu rồi bỏ cuộc "
                               "(mặc định: 300)",
                               "how long to queue behind another writer (build, import, rollback) before giving up "
                               "(default: 300)"),
    "cli.help.as": ("ghi với tài khoản này, theo vai trò và phạm vi của nó (mặc định: quản trị viên)",
                    "write as this account, with its role and scope (default: the administrator)"),
    "cli.help.build": ("dựng cơ sở dữ liệu DuckDB từ data/ (trọn vẹn hoặc không gì)",
                       "build the DuckDB database from data/ (atomically)"),
    "cli.help.build.if_missing": ("không làm gì nếu cơ sở dữ liệu đã có", "do nothing if the database already exists"),
    "cli.help.build.data": ("thư mục nguồn (mặc định: data/)", "source folder (default: data/)"),
    "cli.help.build.demo_scope": (
        "các xã có giá trị báo cáo minh họa (mặc định: provinces, mọi xã của năm tỉnh mẫu)",
        "communes that get demo reported values (default: provinces, every commune of the five seed provinces)"),
    "cli.help.build.seed": ("hạt giống của bộ sinh dữ liệu minh họa (mặc định: 57)", "seed of the demo generator (default: 57)"),
    "cli.help.publish": ("gộp những gì đã ghi nhận từ bản công bố trước vào một bản mới",
                         "fold what people recorded since the published snapshot into a new one"),
    "cli.help.publish.watch": ("tiếp tục công bố mỗi khi có ghi nhận mới (đến khi dừng)",
                               "keep publishing whenever something is recorded (until stopped)"),
    "cli.help.publish.interval": ("--watch: số giây giữa hai lần xem có ghi nhận mới (mặc định: $KPI_PUBLISH_INTERVAL hoặc 5)",
                                  "--watch: seconds between looks for new writes (default: $KPI_PUBLISH_INTERVAL or 5)"),
    "cli.help.export": ("ghi một bộ dữ liệu ra XLSX, CSV cho Excel tiếng Việt, hoặc CSV cho máy",
                        "write a dataset as XLSX, CSV for Excel in Vietnamese, or CSV for machines"),
    "cli.help.export.format": (
        "csv: cho máy (',' và '.', tên cột và mã; mặc định); csv-vn: cho Excel đặt tiếng Việt (';', dấu phẩy thập phân, "
        "tiêu đề theo --lang); xlsx: sổ tính có tiêu đề theo --lang, trang chú thích và thông tin của bản xuất",
        "csv: for machines (',' and '.', column names and codes; the default); csv-vn: for Excel set to Vietnamese "
        "(';', decimal comma, headers in --lang); xlsx: a workbook with headers in --lang, a legend sheet and the "
        "export's details"),
    "cli.help.export.lang": ("ngôn ngữ của tiêu đề và chữ trong xlsx và csv-vn, và của các thông báo (mặc định: vi)",
                             "headers and words of xlsx and csv-vn, and the messages' language (default: vi)"),
    "cli.help.export.output": ("tệp sẽ ghi", "file to write"),
    "cli.help.serve": ("chạy bảng điều khiển (dựng cơ sở dữ liệu trước nếu chưa có)",
                       "start the dashboard (builds the database first if it is missing)"),
    "cli.help.serve.address": ("địa chỉ lắng nghe (mặc định: của Streamlit)", "address to listen on (default: Streamlit's)"),
    "cli.help.serve.secrets": ("tệp bí mật (mặc định: .streamlit/secrets.toml), ví dụ với thiết lập đăng nhập [auth]",
                               "secrets file (default: .streamlit/secrets.toml), e.g. with the [auth] sign-in settings"),
    "cli.help.serve.no_publish": (
        "không chạy tiến trình công bố bên cạnh máy chủ: một tiến trình riêng làm việc đó (deploy/kpi-publisher.service), "
        "hoặc máy này nhận bản công bố qua `python -m kpi sync`",
        "start no publisher beside the server: one runs on its own (deploy/kpi-publisher.service), or this host gets "
        "its snapshots by `python -m kpi sync`"),
    # the command line's messages of what a command did (standard output)
    "cli.no_database": ("không có cơ sở dữ liệu ở {path}: hãy chạy `python -m kpi build` trước",
                        "no database at {path}: run `python -m kpi build` first"),
    "cli.not_rebuilding": ("{db} đã có; không dựng lại", "{db} exists; not rebuilding"),
    "cli.built": ("đã dựng {db}: {provinces} tỉnh, {communes} xã, {indicators} chỉ tiêu, {targets} dòng mục tiêu, "
                  "{tasks} nhiệm vụ (phiên bản dữ liệu {version}, {seconds} s)",
                  "built {db}: {provinces} provinces, {communes} communes, {indicators} indicators, {targets} target rows, "
                  "{tasks} tasks (data version {version}, {seconds} s)"),
    "cli.publishing": ("công bố {db} mỗi khi có ghi nhận mới (mỗi {interval} s); Ctrl+C để dừng",
                       "publishing {db} whenever something is recorded (every {interval} s); Ctrl+C stops"),
    "cli.nothing_to_publish": ("không có ghi nhận nào từ bản công bố trước; không công bố gì",
                               "nothing recorded since the published snapshot; nothing published"),
    "cli.published": ("đã công bố đến thay đổi {through}: {writes} thay đổi, tính lại điểm {communes} xã, {seconds} s, {mb} MB",
                      "published through change {through}: {writes} change(s), {communes} commune(s) rescored, "
                      "{seconds} s, {mb} MB"),
    "cli.published_compacted": (
        "đã công bố đến thay đổi {through}: {writes} thay đổi, tính lại điểm {communes} xã, {seconds} s, {mb} MB, đã thu gọn",
        "published through change {through}: {writes} change(s), {communes} commune(s) rescored, {seconds} s, {mb} MB, "
        "compacted"),
    "cli.wrote_rows": ("đã ghi {n} dòng vào {output}", "wrote {n} rows to {output}"),
    "cli.export_details": ("thông tin của bản xuất (tiêu đề, phiên bản dữ liệu, thời điểm, minh họa, nguồn) ở {path}",
                           "its details (title, data version, time, demo, sources) in {path}"),
    "cli.help.import": ("kiểm tra các tệp báo cáo (CSV/XLSX) và nhập chúng, trọn vẹn hoặc không gì",
                        "validate report files (CSV/XLSX) and import them, all or nothing"),
    "cli.help.import_service": (
        "dịch vụ nhập: một tiến trình luôn sẵn sàng nhận các lệnh import bên cạnh cơ sở dữ liệu, ghi nhiều lần nhập "
        "trong một giao dịch (serve tự khởi động nó)",
        "import service: a warm process beside the database that takes `import` commands and writes many imports "
        "in one transaction (serve starts it)"),
    "cli.help.dry_run": ("kiểm tra và báo kết quả, không ghi gì", "validate and report, write nothing"),
    "cli.help.import.evidence": (
        "các tệp minh chứng mà các dòng nêu trong cột Minh chứng (bắt buộc với giá trị đạt mục tiêu khi kế hoạch yêu cầu "
        "minh chứng)",
        "evidence files the rows name in their evidence column, Minh chứng (required for a value meeting its target "
        "where the plan requires evidence)"),
    "cli.help.import.evidence_dir": ("thư mục chứa các tệp minh chứng mà các dòng nêu (thay cho, hoặc cùng với, --evidence)",
                                     "a folder holding the evidence files the rows name (instead of, or beside, --evidence)"),
    "cli.help.report_template": ("mẫu báo cáo điền sẵn cho một xã (CSV cho Excel tiếng Việt, hoặc XLSX theo phần mở rộng "
                                 "của tệp ra)",
                                 "the report template pre-filled for one commune (CSV for Excel in Vietnamese, or XLSX by "
                                 "the output's extension)"),
    "cli.help.report_template.period": ("2026-Q3, 2026-09 hoặc 2026 (mặc định: quý đã kết thúc gần nhất)",
                                        "2026-Q3, 2026-09 or 2026 (default: the last closed quarter)"),
    "cli.help.report_template.output": ("ghi vào đây (mặc định: CSV ra đầu ra chuẩn)", "write here (default: CSV to stdout)"),
    "cli.help.batches": ("liệt kê các lô nhập (như đã ghi nhận, đã công bố hay chưa)",
                         "list import batches (as recorded, published or not)"),
    "cli.help.rollback": ("gỡ các giá trị của một lô nhập và khôi phục những gì lô đó đã thay",
                          "remove one import batch's values and restore what it replaced"),
    "cli.imported": ("đã nhập {imported}, cập nhật {updated}, không đổi {unchanged}, bỏ qua 0 ({rows} dòng đã đọc; {where})",
                     "imported {imported}, updated {updated}, unchanged {unchanged}, ignored 0 ({rows} rows read; {where})"),
    "cli.dry_run": ("chạy thử, không ghi gì", "dry run, nothing written"),
    "cli.in_batch": ("lô {batch}", "batch {batch}"),
    "cli.wrote_template": ("đã ghi {output}: {n} chỉ tiêu của xã {commune} cho kỳ {period}",
                           "wrote {output}: {n} indicators of {commune} for {period}"),
    "cli.no_batches": ("chưa có lô nhập nào", "no import batches"),
    "cli.rolled_back": ("đã hoàn tác lô {batch}: gỡ {removed} giá trị, khôi phục {restored} giá trị đã bị thay",
                        "rolled back batch {batch}: removed {removed} value(s), restored {restored} replaced value(s)"),
    "cli.help.users": ("tài khoản và vai trò: thêm, liệt kê, xóa (công cụ của quản trị viên)",
                       "accounts and roles: add, list, remove (the administrator's tool)"),
    "cli.help.users.add": ("thêm một tài khoản, hoặc đổi vai trò và phạm vi của nó", "add an account, or change its role and scope"),
    "cli.help.users.email": ("địa chỉ mà nhà cung cấp định danh dùng để đăng nhập người đó",
                             "the address the identity provider signs people in with"),
    "cli.help.users.province": ("tỉnh của người thẩm định cấp tỉnh", "a province reviewer's province"),
    "cli.help.users.commune": ("xã của người nhập liệu cấp xã (lặp lại cho nhiều xã)",
                               "a commune editor's commune (repeat for several)"),
    "cli.help.users.list": ("liệt kê tài khoản: email, role, province, communes, added_at, added_by",
                            "list accounts: email, role, province, communes, added_at, added_by"),
    "cli.help.users.remove": ("xóa một tài khoản", "remove an account"),
    "cli.help.audit": ("nhật ký: mọi lần ghi, ai ghi, lúc nào, ghi gì và từ tệp nào",
                       "the audit log: every write with who, when, what and from which file"),
    "cli.user_added": ("đã thêm {email}: {role}", "added {email}: {role}"),
    "cli.user_updated": ("đã cập nhật {email}: {role}", "updated {email}: {role}"),
    "cli.user_removed": ("đã xóa {email}", "removed {email}"),
    "cli.help.approval": ("giá trị theo xã và quý: list (liệt kê), approve (phê duyệt), return (trả lại, --reason), "
                          "lock (khóa), unlock (mở khóa)",
                          "values per commune and quarter: list, approve, return (--reason), lock, unlock"),
    "cli.help.approval.quarter": ("ví dụ 2026-Q3", "e.g. 2026-Q3"),
    "cli.help.approval.province": ("list: chỉ tỉnh này", "list: only this province"),
    "cli.help.approval.reason": ("return: lý do (bắt buộc); người nhập liệu của xã sẽ thấy",
                                 "return: why (required); shown to the commune's editor"),
    "cli.help.report": ("bảng điểm A4 của một xã dạng PDF, hoặc của mọi xã trong một tỉnh kèm bản tổng hợp",
                        "a commune's A4 scorecard as PDF, or every commune of a province plus its summary"),
    "cli.help.report.commune": ("một xã: ghi FILE.pdf", "one commune: write FILE.pdf"),
    "cli.help.report.province": ("một tỉnh: ghi mỗi xã một PDF và một bản tổng hợp vào DIR",
                                 "a province: write one PDF per commune and a summary into DIR"),
    "cli.help.report.period": ("quý tính điểm, ví dụ 2026-Q3 (mặc định: quý mới nhất)",
                               "an as-of quarter with scores, e.g. 2026-Q3 (default: the latest)"),
    "cli.help.report.year": ("mốc có mục tiêu được hiển thị (mặc định: mốc kế tiếp của từng chỉ tiêu)",
                             "the milestone whose targets are shown (default: each indicator's next milestone)"),
    "cli.help.report.lang": ("ngôn ngữ của PDF và của các thông báo (mặc định: vi)",
                             "language of the PDF and of the messages (default: vi)"),
    "cli.help.report.output": ("FILE.pdf (--commune) hoặc DIR (--province)", "FILE.pdf (--commune) or DIR (--province)"),
    "cli.help.extract": ("đọc kế hoạch của một xã (.txt, .docx, .pdf): các mục tiêu và nhiệm vụ thành một sổ tính để xem xét",
                         "read a commune's plan (.txt, .docx, .pdf): its targets and tasks as a review workbook"),
    "cli.help.extract.plan": ("văn bản kế hoạch", "the plan document"),
    "cli.help.extract.commune": ("mã chính thức của xã, ví dụ 05851", "the commune's official code, e.g. 05851"),
    "cli.help.extract.output": ("sổ tính xem xét, .xlsx (mặc định: tên của PLAN với -review.xlsx, trong thư mục hiện tại)",
                                "the review workbook, .xlsx (default: PLAN's name with -review.xlsx, in the current folder)"),
    "cli.report_pdf": ("report: -o {output}: bảng điểm của một xã được ghi ra tệp .pdf",
                       "report: -o {output}: a commune's scorecard is written to a .pdf file"),
    "cli.wrote_scorecard": ("đã ghi {output}: {name} ({code}), {period}, {pages} trang, {seconds} s",
                            "wrote {output}: {name} ({code}), {period}, {pages} page(s), {seconds} s"),
    "cli.wrote_scorecards": ("đã ghi {n} bảng điểm xã và {summary} vào {output} ({seconds} s)",
                             "wrote {n} commune scorecard(s) and {summary} to {output} ({seconds} s)"),
    "cli.help.published": ("số liệu công bố (Bộ chỉ số 766 của Cổng Dịch vụ công quốc gia)",
                           "published values (Bộ chỉ số 766 of the national public service portal)"),
    "cli.help.published.load": ("nạp các bản chụp danh sách của cổng (.xlsx hoặc .json), trọn vẹn hoặc không gì",
                                "load snapshots of the portal's rows (.xlsx or .json), all or nothing"),
    "cli.help.published.at": ("thời điểm đọc các dòng từ cổng (ISO 8601; mặc định: …YYYY-MM-DDTHHMM… trong tên tệp, giờ "
                              "Việt Nam)",
                              "when the rows were read from the portal (ISO 8601; default: the file name's "
                              "…YYYY-MM-DDTHHMM…, Vietnam's time)"),
    "cli.help.records": ("kho dữ liệu: migrate, unmatched, remap", "the store of record: migrate, unmatched, remap"),
    "cli.help.records.migrate": (
        "chuyển dữ liệu của người dùng trong một cơ sở dữ liệu cũ vào kho trống của nó, hoặc (khi đặt KPI_RECORDS_URL) kho "
        "SQLite bên cạnh vào PostgreSQL, một lần, đối chiếu từng dòng",
        "move an existing database's people's data into its empty store, or (with KPI_RECORDS_URL set) the SQLite "
        "store beside it into PostgreSQL, once, checked row for row"),
    "cli.help.records.unmatched": ("liệt kê các bản ghi mà bản công bố không đặt được chỗ (cần đối chiếu)",
                                   "list the records the published snapshot cannot place (to map again)"),
    "cli.help.records.remap": ("đối chiếu lại một bản ghi: --report ID --task SEQ, hoặc --batch B --indicator OLD NEW",
                               "map a record again: --report ID --task SEQ, or --batch B --indicator OLD NEW"),
    "cli.help.records.report": ("một báo cáo nhiệm vụ, gắn vào nhiệm vụ số --task của xã",
                                "a task report, to the task numbered --task of its commune"),
    "cli.help.records.task": ("số thứ tự của nhiệm vụ trong kế hoạch của xã", "the task's number in the commune's plan"),
    "cli.help.records.batch": ("một lô nhập có giá trị nêu một chỉ tiêu nay không còn",
                               "an import batch whose values name an indicator now gone"),
    "cli.help.records.indicator": ("mã chỉ tiêu trong lô và mã của nó hiện nay", "the indicator code in the batch and its code now"),
    "cli.migrated": ("đã chuyển vào {store}, đối chiếu từng dòng: {counts}; lần công bố tới (python -m kpi publish, hoặc "
                     "tiến trình chạy cùng serve) sẽ hiển thị chúng",
                     "moved into {store}, every row checked: {counts}; the next publication (python -m kpi publish, or "
                     "the one beside serve) shows them"),
    "cli.remapped": ("đã đối chiếu lại: {detail}; lần công bố tới sẽ đặt nó vào chỗ", "mapped again: {detail}; the next publication places it"),
    "cli.help.sync": ("lấy bản công bố của một máy khác (một thư mục hoặc một URL http(s)) và công bố nó ở đây",
                      "get the snapshot another host publishes (a folder or an http(s) URL) and publish it here"),
    "cli.help.sync.source": ("thư mục data/ hoặc data/.kpi.duckdb.snapshots/ của máy công bố (một thư mục chia sẻ đã gắn), "
                             "hoặc URL của thư mục đó trên một máy chủ web tĩnh",
                             "the publishing host's data/ or data/.kpi.duckdb.snapshots/ folder (a mounted share), or "
                             "that folder's URL on a static web server"),
    "cli.help.sync.watch": ("tiếp tục đồng bộ mỗi khi nguồn công bố (đến khi dừng)",
                            "keep syncing whenever the source publishes (until stopped)"),
    "cli.help.sync.interval": ("--watch: số giây giữa hai lần xem nguồn (mặc định: $KPI_SYNC_INTERVAL hoặc 5)",
                               "--watch: seconds between looks at the source (default: $KPI_SYNC_INTERVAL or 5)"),
    "cli.snapshot": ("{snapshot} (công bố đến thay đổi {through}, {at}, sha256 {sha256}…)",
                     "{snapshot} (published through change {through}, {at}, sha256 {sha256}…)"),
    "cli.syncing": ("đồng bộ {db} từ {source} mỗi {interval} s; Ctrl+C hoặc SIGTERM để dừng",
                    "syncing {db} from {source} every {interval} s; Ctrl+C or SIGTERM stops"),
    "cli.help.tasks_template": ("mẫu báo cáo tiến độ nhiệm vụ (CSV) cho một hoặc nhiều xã",
                                "the task-progress template (CSV) for one or more communes"),
    "cli.help.tasks_template.output": ("ghi vào đây (mặc định: đầu ra chuẩn)", "write here (default: stdout)"),
    "cli.help.tasks_report": ("kiểm tra các báo cáo tiến độ nhiệm vụ (CSV/XLSX) cùng minh chứng và ghi nhận chúng",
                              "validate task-progress reports (CSV/XLSX) with their evidence and record them"),
    "cli.help.tasks_report.evidence_dir": ("nơi có các tệp minh chứng mà báo cáo nêu (mặc định: thư mục của báo cáo đầu tiên)",
                                           "where the evidence files the reports name are (default: the first report's folder)"),
    "cli.help.review": ("chấp nhận một báo cáo hoàn thành nhiệm vụ, hoặc trả lại kèm lý do",
                        "accept a reported task completion, or return it with a reason"),
    "cli.help.review.return": ("trả lại báo cáo với lý do này (mặc định: chấp nhận)",
                               "return the report with this reason (default: accept it)"),
    "cli.wrote": ("đã ghi {output}", "wrote {output}"),
    "cli.in_reports": ("báo cáo {ids}", "reports {ids}"),
    "cli.task_reports_valid": ("{n} báo cáo nhiệm vụ hợp lệ ({where})", "{n} task report(s) valid ({where})"),
    "cli.report_accepted": ("đã chấp nhận báo cáo {report}", "report {report} accepted"),
    "cli.report_returned": ("đã trả lại báo cáo {report}", "report {report} returned"),
    "cli.help.bench": ("đo thời gian dựng, tính điểm và các truy vấn của trang", "time the build, the scoring and the pages' queries"),
    "cli.help.bench.db": ("cơ sở dữ liệu dùng để đo (mặc định: data/bench-SCOPE.duckdb)",
                          "database to use (default: data/bench-SCOPE.duckdb)"),
    "cli.help.bench.repeat": ("số lần chạy mỗi truy vấn (mặc định: 20)", "runs per query (default: 20)"),
    "cli.help.bench.rebuild": ("dựng lại kể cả khi đã có cơ sở dữ liệu của phạm vi đó",
                               "rebuild even if a database of that scope exists"),
    "cli.help.bench.pages": ("đo thêm thời gian hiển thị mỗi trang và chạy lại sau khi đổi bộ lọc",
                             "also time each page's render and rerun after a filter change"),
    "cli.help.bench.reports": ("đo thêm bảng điểm PDF: một xã (trong tiến trình và từ dòng lệnh) và toàn bộ Hải Phòng (31)",
                               "also time the PDF scorecards: one commune (in process and from the command line) and "
                               "all of Hải Phòng (31)"),
    "cli.help.bench.extract": ("trích xuất thêm năm kế hoạch mẫu và đo độ phủ, độ chính xác so với data/plans và data/tasks",
                               "also extract the five seed plans and measure recall and precision against data/plans "
                               "and data/tasks"),
    "cli.help.bench.import_rows": ("đo thêm việc kiểm tra và nhập một báo cáo sinh ra có N dòng (ví dụ 1000000)",
                                   "also time validating and importing a generated report of N rows (e.g. 1000000)"),
    "cli.help.bench.writes": (
        "thay vào đó đo ghi ở quy mô lớn (tools.bench_writes): --processes lần nhập 10 giá trị cùng lúc, lần công bố sau "
        "đó, một lần nhập, các thao tác ghi của trang, kích thước bản công bố sau --more-writes lần ghi",
        "writes at scale instead (tools.bench_writes): --processes imports of 10 values at once, the publication after "
        "them, one import, a page's writes, the snapshot's size after --more-writes writes"),
    "cli.help.bench.processes": ("với --writes: số tiến trình nhập cùng lúc (mặc định 100)",
                                 "with --writes: importing processes at once (default 100)"),
    "cli.help.bench.more_writes": ("với --writes: số lần ghi trước khi đo kích thước (mặc định 500)",
                                   "with --writes: writes before the size check (default 500)"),
    "cli.help.bench.records_url": (
        "với --writes: kho dữ liệu, postgresql://… (mặc định: KPI_RECORDS_URL nếu có, nếu không là SQLite bên cạnh cơ sở "
        "dữ liệu); các tiến trình nhập dùng theo",
        "with --writes: the store of record, postgresql://… (default: KPI_RECORDS_URL if set, else SQLite beside the "
        "database); the import processes inherit it"),
    "cli.help.loadtest": ("nhiều phiên trình duyệt trên bảng điều khiển cùng lúc (chỉ loopback), có thể kèm một lần nhập",
                          "many browser sessions on the dashboard at once (loopback only), optionally with an import"),
    "cli.help.loadtest.url": ("bảng điều khiển đang chạy, ví dụ http://127.0.0.1:8501 (chỉ loopback; mặc định: chạy một "
                              "bảng trên một cổng trống)",
                              "the running dashboard, e.g. http://127.0.0.1:8501 (loopback only; default: start one on a "
                              "free port)"),
    "cli.help.loadtest.sessions": ("số phiên trình duyệt đồng thời (mặc định: 5)", "concurrent browser sessions (default: 5)"),
    "cli.help.loadtest.seconds": ("các phiên chạy trong bao lâu (mặc định: 60)", "how long the sessions run (default: 60)"),
    "cli.help.loadtest.import_at": ("chạy `python -m kpi import FILE --db DB` sau T giây; mọi phiên sau đó phải thấy nó",
                                    "run `python -m kpi import FILE --db DB` T seconds into the run; every session must "
                                    "then see it"),
    "cli.help.loadtest.browsers": (
        "bao nhiêu phiên dùng chromium của Debian (mặc định: tất cả); các phiên khác nói giao thức websocket của "
        "Streamlit, cùng các yêu cầu mà không vẽ (nhiều phiên trên ít lõi)",
        "how many of the sessions drive Debian's chromium (default: all); the others speak Streamlit's websocket "
        "protocol, the same requests without drawing (many sessions on few cores)"),
    "cli.help.loadtest.more_imports": (
        "với --import-at: thêm N tiến trình `python -m kpi import` chạy cùng lúc (mỗi tiến trình 10 giá trị, mỗi tiến "
        "trình một xã), như cuối quý; kết quả của chúng được báo cáo",
        "with --import-at: N more `python -m kpi import` processes started with it (10 values each, a commune each), "
        "as a quarter's end brings them; their outcome is reported"),
    "cli.help.loadtest.import_through": ("--import-at nhập bằng cách nào: `python -m kpi import` (mặc định), hoặc trang "
                                         "nhập trong trình duyệt",
                                         "how --import-at imports: `python -m kpi import` (default), or the import page "
                                         "in a browser"),
    "cli.help.loadtest.think": ("thời gian nghỉ trung bình của một phiên giữa các bước, tính bằng giây (mặc định: 0.5, kiểm "
                                "tra chịu tải; 5 là một người đang đọc)",
                                "mean pause of a session between steps, in seconds (default: 0.5, a stress test; 5 is a "
                                "person reading)"),
    "cli.not_seconds": ("loadtest: --import-at T FILE: {given} không phải là số giây",
                        "loadtest: --import-at T FILE: {given} is not a number of seconds"),
    # the exports' definitions of their columns (the legend sheet, Chú thích): def.<column> (kpi/export/columns.yaml)
    "def.province_code": (
        "Mã tỉnh, thành phố chính thức (sau sắp xếp 2025)",
        "Official province code (after the 2025 reorganisation)"),
    "def.province_name": ("Tên tỉnh, thành phố", "Province name"),
    "def.commune_code": ("Mã xã, phường, đặc khu chính thức", "Official commune / ward / special zone code"),
    "def.commune_name": ("Tên xã, phường, đặc khu", "Commune / ward name"),
    "def.unit_type": ("xã, phường hoặc đặc khu", "xã (commune), phường (ward) or đặc khu (special zone)"),
    "def.indicator_code": (
        "Mã chỉ tiêu trong danh mục (data/indicators.yaml)",
        "Indicator code in the catalogue (data/indicators.yaml)"),
    "def.indicator_name_vi": ("Tên chỉ tiêu", "Indicator name in Vietnamese"),
    "def.indicator_name_en": ("Tên chỉ tiêu bằng tiếng Anh", "Indicator name"),
    "def.name_vi": ("Tên chỉ tiêu", "Indicator name in Vietnamese"),
    "def.name_en": ("Tên chỉ tiêu bằng tiếng Anh", "Indicator name"),
    "def.unit": ("Đơn vị tính của chỉ tiêu", "The indicator's unit"),
    "def.unit_en": ("Đơn vị tính của chỉ tiêu bằng tiếng Anh", "The indicator's unit in English"),
    "def.decimals": (
        "Số chữ số thập phân hiển thị giá trị của chỉ tiêu (data/indicators.yaml)",
        "Decimals the indicator's values are shown with (data/indicators.yaml)"),
    "def.kind": (
        "Tỷ lệ %, số lượng, tiền, có/không hoặc điểm (CSV cho máy: percent, count, money, boolean, points)",
        "Percent, count, money, yes/no or points (the machine CSV: percent, count, money, boolean, points)"),
    "def.direction": (
        "Càng cao càng tốt, hoặc càng thấp càng tốt (CSV cho máy: higher, lower)",
        "Higher is better, or lower is better (the machine CSV: higher, lower)"),
    "def.group": ("Mã nhóm chỉ tiêu", "Indicator group code"),
    "def.group_code": ("Mã nhóm chỉ tiêu", "Indicator group code"),
    "def.group_name_vi": ("Tên nhóm chỉ tiêu", "Indicator group name in Vietnamese"),
    "def.group_name_en": ("Tên nhóm bằng tiếng Anh", "Indicator group name"),
    "def.lower_bound": ("Giá trị nhỏ nhất hợp lệ", "Lowest valid value"),
    "def.upper_bound": ("Giá trị lớn nhất hợp lệ", "Highest valid value"),
    "def.definition_vi": ("Định nghĩa chỉ tiêu", "Definition in Vietnamese"),
    "def.definition_en": ("Định nghĩa bằng tiếng Anh", "Definition"),
    "def.r71_ref": ("Chỉ tiêu tương ứng của Nghị quyết 71/NQ-CP", "The matching indicator of Resolution 71/NQ-CP"),
    "def.year": ("Năm mốc của mục tiêu (trống nếu hằng năm)", "The target's milestone year (empty if recurring)"),
    "def.recurring": ("Mục tiêu/nhiệm vụ lặp lại hằng năm", "A yearly target or task"),
    "def.comparator": ("≥, >, bằng, ≤, <, trong khoảng, phấn đấu", "≥, >, equal to, ≤, <, between, strive for"),
    "def.value": (
        "Giá trị: mục tiêu, giá trị báo cáo, hoặc chỉ số (bảng xếp hạng)",
        "Value: a target, a reported value, or the index (rankings)"),
    "def.value_max": ("Cận trên của mục tiêu dạng khoảng", "Upper end of a range target"),
    "def.source_level": (
        "Kế hoạch của xã, kế thừa từ tỉnh hoặc Trung ương",
        "The commune's own plan, or inherited from the province or national level"),
    "def.document": (
        "Văn bản nêu mục tiêu: kế hoạch của xã (tệp), kế hoạch của tỉnh hoặc văn bản Trung ương",
        "The document stating the target: the commune's plan (file), a province plan or a national document"),
    "def.url": (
        "Địa chỉ công khai nơi đăng văn bản (trống với kế hoạch của xã)",
        "Public address where the document is published (empty for a commune plan)"),
    "def.undercuts": (
        "Chỉ tiêu của tỉnh hoặc Trung ương cho cùng chỉ tiêu và mốc mà mục tiêu này thấp hơn",
        "The province or national target for the same indicator and milestone that this target is below"),
    "def.citation": (
        "Văn bản nêu mục tiêu (kế hoạch của xã theo tên, hoặc văn bản cấp trên), mục, dòng và lời văn",
        "The document stating the target (the commune's plan by name, or the document above), section, row and wording"),
    "def.flag": (
        "nêu lại, mâu thuẫn, hằng năm, diễn giải, thấp hơn cấp trên",
        "restated, conflict, recurring, interpreted, below the higher layer"),
    "def.target_flag": (
        "nêu lại, mâu thuẫn, hằng năm, diễn giải, thấp hơn cấp trên",
        "restated, conflict, recurring, interpreted, below the higher layer"),
    "def.seed_file": ("Tệp văn bản kế hoạch (shared/seeds)", "The plan document's file (shared/seeds)"),
    "def.section": ("Mục của văn bản", "Section of the document"),
    "def.row_ref": ("Dòng hoặc số thứ tự trong văn bản", "Row or item number in the document"),
    "def.wording_vi": ("Lời văn nguyên gốc", "The original wording"),
    "def.note": ("Ghi chú khi trích xuất", "Note made when extracting"),
    "def.data_file": ("Tệp trong data/ chứa dòng này", "The file in data/ holding this row"),
    "def.data_row": ("Dòng trong tệp dữ liệu", "Row in the data file"),
    "def.is_effective": ("Dòng được dùng cho mục tiêu này", "The row used for this target"),
    "def.also_cited": (
        "Những chỗ khác nêu cùng mục tiêu hoặc mục tiêu mâu thuẫn",
        "Other places stating the same or a conflicting target"),
    "def.period": (
        "Kỳ báo cáo: quý (Q3/2026; 2026-Q3 trong CSV cho máy), tháng (2026-09) hoặc năm",
        "Reporting period: quarter (Q3/2026; 2026-Q3 in the CSV for machines), month (2026-09) or year"),
    "def.period_end": ("Ngày cuối của kỳ báo cáo", "Last day of the period"),
    "def.as_of_period": ("Quý đánh giá", "The quarter scored"),
    "def.is_demo": (
        "Có: giá trị minh họa sinh tự động, không phải báo cáo",
        "Yes: a generated demo value, not a report"),
    "def.source": ("demo, hoặc tên tệp báo cáo đã nhập", "demo, or the imported report's file name"),
    "def.baseline": ("Giá trị báo cáo đầu tiên", "First reported value"),
    "def.latest_value": (
        "Giá trị báo cáo gần nhất đến kỳ đánh giá",
        "The latest value reported up to the scored quarter"),
    "def.latest_date": ("Ngày cuối kỳ của giá trị mới nhất", "Period end of the latest value"),
    "def.next_milestone_year": ("Mốc mà tình trạng được tính theo", "The milestone the status is scored against"),
    "def.target_comparator": ("So sánh của mục tiêu (≥, bằng, ≤…)", "The target's comparator (≥, equal to, ≤…)"),
    "def.target_value": ("Giá trị mục tiêu của mốc kế tiếp", "Target value at the next milestone"),
    "def.target_value_max": ("Cận trên của mục tiêu dạng khoảng", "Upper end of a range target"),
    "def.required_path_value": (
        "Giá trị lộ trình cần đạt tại kỳ đánh giá",
        "Value the required path reaches at the scored quarter"),
    "def.attainment": ("Mức đạt so với mục tiêu, 0–100", "Attainment of the target, 0–100"),
    "def.status": (
        "Đạt, đúng lộ trình, có nguy cơ, chệch hướng, không có dữ liệu, không có mục tiêu",
        "Met, on track, at risk, off track, no data, no target"),
    "def.pace_per_year": ("Tốc độ thay đổi 4 quý gần nhất", "Pace of change over the last four quarters"),
    "def.projected_value": (
        "Giá trị dự báo tại mốc theo tốc độ hiện tại",
        "Projected value at the milestone at the current pace"),
    "def.pace_needed_per_year": ("Tốc độ cần mỗi năm để đạt mục tiêu", "Pace needed per year to meet the target"),
    "def.pace_trend": (
        "Xu hướng theo tốc độ gần đây so với tốc độ cần: ↑ đạt hoặc đúng lộ trình, ➚ ít nhất một nửa tốc độ cần, → chậm hơn, ↓ đi xa mục tiêu",
        "Trend from the recent pace against the pace needed: ↑ met or on track, ➚ at least half the pace needed, → slower, ↓ moving away"),
    "def.province_average_value": (
        "Bình quân giá trị mới nhất của các xã trong tỉnh",
        "Mean latest value of the province's communes"),
    "def.province_average_attainment": (
        "Bình quân mức đạt của các xã trong tỉnh",
        "Mean attainment of the province's communes"),
    "def.attainment_vs_province": (
        "Mức đạt trừ mức đạt bình quân tỉnh",
        "Attainment minus the province average attainment"),
    "def.milestone_year": ("Mốc của mục tiêu hiển thị", "Milestone of the target shown"),
    "def.milestone_comparator": (
        "So sánh của mục tiêu tại mốc đã chọn",
        "The comparator of the chosen milestone's target"),
    "def.milestone_value": ("Giá trị mục tiêu tại mốc đã chọn", "Target value at the chosen milestone"),
    "def.milestone_value_max": ("Cận trên của mục tiêu dạng khoảng", "Upper end of a range target"),
    "def.milestone_level": ("Xã, tỉnh hoặc Trung ương", "Commune, province or national"),
    "def.milestone_citation": (
        "Văn bản nêu mục tiêu tại mốc đã chọn",
        "The document stating the chosen milestone's target"),
    "def.milestone_pace_needed": (
        "Tốc độ cần mỗi năm để đạt mục tiêu mốc đã chọn",
        "Pace needed per year to meet the chosen milestone's target"),
    "def.index": (
        "Chỉ số tổng hợp 0–100 (bình quân có trọng số của điểm nhóm)",
        "Composite index 0–100 (weighted mean of the group scores)"),
    "def.indicators": ("Số chỉ tiêu được chấm điểm", "Indicators scored"),
    "def.missing_share": (
        "Tỷ lệ chỉ tiêu không có dữ liệu; trên 20% thì không tính chỉ số",
        "Share of indicators without data; over 20% means no index"),
    "def.rank_province": ("Hạng theo chỉ số trong tỉnh", "Rank by index within the province"),
    "def.rank_national": ("Hạng theo chỉ số toàn quốc", "Rank by index nationally"),
    "def.province_average": (
        "Bình quân của các xã trong tỉnh: chỉ số (bảng xếp hạng) hoặc giá trị chỉ tiêu (lộ trình)",
        "Mean over the province's communes: of the index (rankings) or of the indicator's value (trajectories)"),
    "def.gap_to_province_average": ("Giá trị trừ bình quân tỉnh", "Value minus the province average"),
    "def.score_<group>": ("Bình quân mức đạt của nhóm, 0–100", "Mean attainment of the group, 0–100"),
    "def.communes": ("Số xã", "Number of communes"),
    "def.status_label": ("Tình trạng bằng lời", "The status in words"),
    "def.task_id": ("Mã nhiệm vụ trong cơ sở dữ liệu", "The task's id in the database"),
    "def.seq": ("Số thứ tự trong phụ lục nhiệm vụ", "Item number in the task appendix"),
    "def.task": ("Nội dung nhiệm vụ", "The task"),
    "def.lead_agency": ("Cơ quan chủ trì", "Lead agency"),
    "def.partners": ("Cơ quan phối hợp", "Partner agencies"),
    "def.deliverable": ("Sản phẩm đầu ra", "The deliverable"),
    "def.deadline_text": ("Thời hạn như kế hoạch ghi", "The deadline as the plan writes it"),
    "def.deadline_date": ("Thời hạn quy ra ngày (trống nếu không xác định)", "The deadline as a date (empty if none)"),
    "def.percent_complete": ("Phần trăm hoàn thành", "Percent complete"),
    "def.evidence": ("Minh chứng đã nộp", "Evidence submitted"),
    "def.elapsed_share": (
        "Phần thời gian kế hoạch đã qua đến kỳ đánh giá",
        "Share of the schedule elapsed at the scored quarter"),
    "def.red_alert": (
        "Theo mục IV.2.3 kế hoạch xã Tân Lợi: quá hạn, tiến độ dưới 50% lộ trình thời gian, hoặc minh chứng bị trả lại",
        "Per section IV.2.3 of Tân Lợi's plan: overdue, progress below 50% of the elapsed schedule, or evidence returned"),
    "def.task_status": (
        "Hoàn thành có minh chứng, chờ hoàn thiện, đang thực hiện, chưa bắt đầu",
        "Done with evidence, awaiting evidence, in progress, not started"),
    "def.baseline_date": ("Ngày cuối kỳ của giá trị báo cáo đầu tiên", "Period end of the first reported value"),
    "def.previous_value": (
        "Giá trị (chỉ số hoặc chỉ tiêu) ở quý đánh giá trước",
        "The value (index or indicator) at the previous scored quarter"),
    "def.change_since_previous": ("Giá trị trừ giá trị quý trước", "Value minus the previous quarter's"),
    "def.rank_change": (
        "Số bậc tăng (dương) hoặc giảm (âm) so với quý trước",
        "Places gained (positive) or lost (negative) since the previous quarter"),
    "def.file": ("Tệp báo cáo được kiểm tra", "The report file checked"),
    "def.row": ("Dòng trong tệp (dòng tiêu đề là dòng 1)", "Row of the file (the header is row 1)"),
    "def.field": ("Cột có lỗi", "The column in error"),
    "def.message": ("Lỗi và cách sửa", "The error and how to fix it"),
    "def.batch_id": (
        "Số lô nhập (một lần nhập; hoàn tác cả lô)",
        "Import batch number (one import; rolled back as a whole)"),
    "def.imported_at": ("Thời điểm nhập lô", "When the batch was imported"),
    "def.file_names": ("Tệp của lô nhập", "The batch's files"),
    "def.sha256": ("Mã băm nội dung các tệp", "Hash of the files' content"),
    "def.rows_read": ("Số dòng dữ liệu đã đọc", "Data rows read"),
    "def.imported": ("Giá trị mới được nhập", "Values added"),
    "def.updated": ("Giá trị thay thế giá trị cũ", "Values replacing older ones"),
    "def.unchanged": ("Giá trị trùng giá trị đã có", "Values equal to those stored"),
    "def.values_live": ("Giá trị của lô chưa bị lô sau thay thế", "The batch's values not replaced by a later one"),
    "def.rolled_back_at": (
        "Thời điểm lô bị hoàn tác (trống nếu chưa)",
        "When the batch was rolled back (empty if not)"),
    "def.imported_by": (
        "Tài khoản đã nhập lô (cli:… là quản trị viên trên máy chủ)",
        "The account that imported the batch (cli:… is the administrator at the server)"),
    "def.rolled_back_by": (
        "Tài khoản đã hoàn tác lô (trống nếu chưa)",
        "The account that rolled the batch back (empty if not)"),
    "def.source_row": ("Dòng của tệp báo cáo đã nhập giá trị này", "The row of the report file the value came from"),
    "def.replaced_value": (
        "Giá trị trước đó mà giá trị này thay thế (báo cáo trước hoặc giá trị minh họa)",
        "The earlier value this one replaced (an earlier report or the demo value)"),
    "def.replaced_kind": (
        "report: báo cáo trước; demo: giá trị minh họa",
        "report: an earlier report; demo: the demo value"),
    "def.replaced_by": (
        "Lô nhập sau đã thay giá trị này (trống nếu còn hiệu lực)",
        "The later import batch that replaced this value (empty if live)"),
    "def.units": ("Số xã, phường, đặc khu", "Communes, wards and special zones"),
    "def.wards": ("Số phường", "Number of wards"),
    "def.special_zones": ("Số đặc khu", "Number of special zones"),
    "def.reason": ("Vì sao đơn vị chưa có vị trí trên bản đồ", "Why the unit has no position on the map"),
    "def.deadline_implied": (
        "Kế hoạch một năm không ghi thời hạn: đến hạn cuối năm kế hoạch",
        "A one-year plan states no deadline: due at the plan's year end"),
    "def.evidence_files": ("Số tệp minh chứng kèm báo cáo gần nhất", "Evidence files attached to the latest report"),
    "def.report_id": (
        "Số của báo cáo tiến độ gần nhất (trống: tình trạng minh họa)",
        "The latest progress report's number (empty: a demo status)"),
    "def.reported_at": ("Thời điểm ghi báo cáo tiến độ gần nhất", "When the latest progress report was written"),
    "def.reported_by": ("Tài khoản đã báo cáo: tiến độ nhiệm vụ, hoặc số liệu của quý",
                        "The account(s) that reported: a task's progress, or the quarter's values"),
    "def.reviewed_at": (
        "Thời điểm tỉnh chấp nhận hoặc trả lại báo cáo hoàn thành",
        "When the province accepted or returned the reported completion"),
    "def.reviewed_by": ("Tài khoản cán bộ thẩm định tỉnh", "The province reviewer's account"),
    "def.review_reason": (
        "Lý do tỉnh trả lại minh chứng (nhiệm vụ chuyển về “Chờ hoàn thiện”)",
        "Why the province returned the evidence (the task is back to “returned”)"),
    "def.alert_overdue": (
        "Đã quá thời hạn (ghi hoặc ngầm định) mà chưa hoàn thành",
        "Past its deadline (stated or implied) and not done"),
    "def.alert_behind": (
        "Tiến độ thấp hơn 50% phần lộ trình thời gian đã qua",
        "Progress below 50% of the elapsed share of its schedule"),
    "def.alert_returned": ("Tỉnh đánh giá minh chứng không hợp lệ", "The province found the evidence not valid"),
    "def.action": (
        "alert_overdue, alert_returned, alert_behind (cảnh báo đỏ), awaiting_review (chờ thẩm định), off_track (chỉ tiêu chệch hướng), not_reported (chưa báo cáo kỳ này), values_submitted (số liệu chờ phê duyệt)",
        "alert_overdue, alert_returned, alert_behind (red alerts), awaiting_review, off_track (indicator), not_reported (no values this period), values_submitted (awaiting approval)"),
    "def.subject": (
        "Nhiệm vụ (STT. nội dung), chỉ tiêu, hoặc quý",
        "The task (number. wording), the indicator, or the quarter"),
    "def.detail": (
        "Lý do trả lại hoặc thời hạn; giá trị / mục tiêu (mốc); tệp minh chứng; số giá trị chờ duyệt",
        "Reason returned or deadline; value / target (milestone); evidence files; values awaiting approval"),
    "def.quarter": (
        "Quý của số liệu báo cáo (Q3/2026; 2026-Q3 trong CSV cho máy)",
        "The quarter of the reported values (Q3/2026; 2026-Q3 in the CSV for machines)"),
    "def.values_reported": (
        "Số giá trị thực (đã nhập) của xã trong quý",
        "Real (imported) values of the commune in the quarter"),
    "def.state": ("submitted (chờ duyệt), approved (đã phê duyệt), locked (đã khóa)", "submitted, approved or locked"),
    "def.changed_at": ("Thời điểm trạng thái phê duyệt thay đổi lần cuối", "When the approval state last changed"),
    "def.changed_by": (
        "Tài khoản đã nhập, phê duyệt, khóa hoặc mở khóa",
        "The account that imported, approved, locked or unlocked"),
    "def.red_alerts": ("Số nhiệm vụ có cảnh báo đỏ", "Tasks with a red alert"),
    "def.tasks": ("Số nhiệm vụ trong kế hoạch của xã", "Tasks in the commune's plan"),
    "def.tasks_reported": (
        "Số nhiệm vụ có báo cáo tiến độ (còn lại hiển thị tình trạng minh họa)",
        "Tasks with a progress report (the others show demo statuses)"),
    "def.scope": (
        "commune: chỉ tiêu đo ở xã; national: chỉ tiêu mang tính quốc gia, không áp cho xã",
        "commune: measured in communes; national: national in nature, never applied to a commune"),
    "def.candidate_indicator": (
        "Mã chỉ tiêu mà con số sẽ thuộc về nếu kế hoạch nêu mốc năm",
        "The indicator code the number would belong to if the plan gave a milestone year"),
    "def.doc_file": (
        "Tệp văn bản (../shared/documents) có câu nêu mục tiêu: văn bản cấp trên hoặc của tỉnh",
        "The document file (../shared/documents) holding the target's wording: a higher or provincial document"),
    "def.doc_line": (
        "Số dòng trong tệp văn bản (../shared/documents) nơi câu văn bắt đầu",
        "Line number in the document file (../shared/documents) where the wording starts"),
    "def.seed_line": (
        "Số dòng trong tệp kế hoạch (../shared/seeds) nơi câu văn bắt đầu",
        "Line number in the plan file (../shared/seeds) where the wording starts"),
    "def.reason_vi": (
        "Vì sao con số chưa được đưa vào chỉ tiêu",
        "Why the number was not made a target, in Vietnamese"),
    "def.reason_en": (
        "Vì sao con số chưa được đưa vào chỉ tiêu, bằng tiếng Anh",
        "Why the number was not made a target"),
    "def.points": (
        "Điểm công bố của Bộ chỉ số 766 (không phải tỷ lệ %)",
        "Index 766's published points (not a percentage)"),
    "def.rank": (
        "Hạng theo điểm trong các đơn vị cùng cấp của lần chụp (xã trong tỉnh; tỉnh trong 34 tỉnh); bằng điểm thì đồng hạng (1, 2, 2, 4), như trên Xếp hạng",
        "Rank by points among the snapshot's peers (a commune among its province's, a province among the 34); equal points share a rank (1, 2, 2, 4), as on Xếp hạng"),
    "def.peers": ("Số đơn vị cùng cấp được xếp hạng", "How many units are ranked together"),
    "def.tied": (
        "Số đơn vị có cùng điểm và cùng hạng, kể cả đơn vị này (từ 2 trở lên: đồng hạng)",
        "Units with the same points and rank, this one included (2 or more: tied)"),
    "def.portal_position": (
        "Số thứ tự dòng (ROW_STT) của đơn vị trong danh sách Cổng DVC quốc gia theo tổng điểm, giữ như công bố; Cổng xếp các đơn vị bằng điểm theo thứ tự riêng và danh sách xã, phường của Cổng gồm cả sở, ban, ngành của tỉnh, nên có thể khác hạng; chỉ có ở dòng tổng điểm",
        "The unit's row number (ROW_STT) in the national portal's list by total, as published; the portal orders equal totals its own way and its list of a province's communes includes the province's departments, so it can differ from the rank; on total rows only"),
    "def.period_kind": (
        "year: năm đến ngày chụp; month: tháng đến ngày chụp",
        "year: the year to the snapshot's day; month: the month to the day"),
    "def.snapshot_at": (
        "Thời điểm số liệu được đọc từ Cổng (giờ Việt Nam); số liệu lũy kế đến ngày này",
        "When the values were read from the portal (Vietnam's time); cumulative to that day"),
    "def.is_latest": ("Có: bản chụp mới nhất của kỳ này", "Yes: the latest snapshot of this period"),
    "def.publisher": ("Cơ quan công bố số liệu", "Who publishes the values"),
    "def.source_file": ("Tệp đã nạp và danh sách (trang) trong tệp", "The file loaded and the list (sheet) in it"),
    "def.portal_code": (
        "Mã cơ quan của Cổng DVC quốc gia (MA_COQUAN), không phải mã hành chính",
        "The national portal's unit code (MA_COQUAN), not the administrative code"),
    "def.unit_name": ("Tên tỉnh hoặc xã, phường chính thức", "The official province or commune name"),
    "def.short_vi": (
        "Tên chỉ tiêu nơi chật chỗ (cột của bảng tình trạng), tối đa 28 ký tự; là tên đầy đủ khi tên đó đủ ngắn",
        "The indicator's name where room is narrow (the status grid's columns), at most 28 characters; the full name when that is short enough"),
    "def.short_en": ("Tên ngắn bằng tiếng Anh, tối đa 28 ký tự", "The short name in English, at most 28 characters"),
    "def.maximum": (
        "Số liệu công bố: điểm tối đa theo văn bản; trống nếu văn bản chưa có trong tài liệu hiện có",
        "Published values: the most points the document gives; empty where its text is not at hand"),
    "def.due_date": (
        "Hạn nộp số liệu của quý: ngày cuối của tháng sau quý (seed 003, mục IV.2.1: báo cáo hàng tháng, quý)",
        "When the quarter's values are due: the last day of the month after the quarter (seed 003, IV.2.1: monthly and quarterly reports)"),
    "def.values_expected": (
        "Số chỉ tiêu xã có mục tiêu (của kế hoạch xã, hoặc kế thừa của tỉnh, quốc gia)",
        "Indicators the commune has a target for (its plan's, or inherited from the province or the nation)"),
    "def.reported_share": (
        "Số chỉ tiêu đã báo cáo trong quý / số chỉ tiêu phải báo cáo",
        "Expected indicators reported in the quarter / indicators expected"),
    "def.timeliness": (
        "on_time: giá trị đầu tiên nhập trước hạn; late: sau hạn; missing: chưa báo cáo, đã quá hạn; not_due: chưa báo cáo, chưa đến hạn",
        "on_time: the first value imported by the deadline; late: after it; missing: none, past the deadline; not_due: none, not due yet"),
    "def.first_reported_at": (
        "Thời điểm nhập giá trị đầu tiên của quý (giờ Việt Nam)",
        "When the quarter's first value was imported (Vietnam time)"),
    "def.last_reported_at": (
        "Thời điểm nhập giá trị gần nhất của quý (giờ Việt Nam)",
        "When the quarter's latest value was imported (Vietnam time)"),
    "def.latitude": (
        "Vĩ độ của điểm đại diện cho xã (WGS 84; gói vietnamadminunits 1.0.4)",
        "Latitude of the commune's representative point (WGS 84; the vietnamadminunits 1.0.4 package)"),
    "def.longitude": (
        "Kinh độ của điểm đại diện cho xã (WGS 84; gói vietnamadminunits 1.0.4)",
        "Longitude of the commune's representative point (WGS 84; the vietnamadminunits 1.0.4 package)"),
    "def.why": ("Vì sao bản ghi không còn khớp: xã, chỉ tiêu hoặc nhiệm vụ không còn (CSV cho máy: commune_gone, "
                "indicator_gone, task_gone)",
                "Why the record no longer matches: its commune, indicator or task is gone (the machine CSV: "
                "commune_gone, indicator_gone, task_gone)"),
}


def t(key: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    vi, en = STRINGS[key]
    text = en if lang == "en" else vi
    return text.format(**fields) if fields else text


_READER: contextvars.ContextVar[str] = contextvars.ContextVar("reader_language", default=DEFAULT_LANG)


def use(lang: str) -> contextvars.Token[str]:
    """The reader's language for messages worded without one (str() of a Msg or a Problem): a page's chosen
    language, set on each run of the app's script. Returns the token that undoes it (reading() does)."""
    return _READER.set(lang if lang in LANGS else DEFAULT_LANG)


@contextlib.contextmanager
def reading(lang: str) -> Iterator[None]:
    """use(lang) for the block only: a command's --lang lasts as long as the command."""
    token = use(lang)
    try:
        yield
    finally:
        _READER.reset(token)


def reader() -> str:
    return _READER.get()


@dataclass(frozen=True)
class Num:
    """A number in a message, written the reader's way (1.000 in Vietnamese, 1,000 in English)."""

    value: float
    decimals: int = 0

    def text(self, lang: str | None = None) -> str:
        return fmt_number(self.value, lang or reader(), self.decimals)


@dataclass(frozen=True)
class Msg:
    """A message for a reader: a catalogue key and its arguments (text, numbers, Num or other messages), worded
    in the reader's language only where it reaches them."""

    key: str
    args: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str | None = None) -> str:
        lang = lang or reader()
        return t(self.key, lang, **{k: v.text(lang) if isinstance(v, Msg | Num) else v for k, v in self.args})

    def __str__(self) -> str:
        return self.text()

    def data(self) -> list:
        """As JSON can carry it (the file checker's child process answers with it)."""
        return [self.key, [[k, {"msg": v.data()} if isinstance(v, Msg) else {"num": [v.value, v.decimals]}
                            if isinstance(v, Num) else v if isinstance(v, str | int | float | None) else str(v)]
                           for k, v in self.args]]

    @classmethod
    def of(cls, data: object) -> Msg | str:
        """Back from data(); text stays text."""
        if not isinstance(data, list | tuple):
            return str(data)
        key, args = data
        return cls(key, tuple((k, cls.of(v["msg"]) if isinstance(v, dict) and "msg" in v else Num(*v["num"])
                              if isinstance(v, dict) and "num" in v else v) for k, v in args))


def msg(key: str, **args: object) -> Msg:
    return Msg(key, tuple(args.items()))


class Problem(ValueError):
    """An error that carries its message as a key and arguments: str() words it in the reader's language."""

    def __init__(self, key: str | Msg, **args: object) -> None:
        super().__init__(key if isinstance(key, Msg) else msg(key, **args))

    @property
    def msg(self) -> Msg:
        return self.args[0]


def text_of(message: object, lang: str | None = None) -> str:
    """A message, an exception carrying one, or plain text, in the reader's language."""
    if isinstance(message, BaseException) and message.args and isinstance(message.args[0], Msg):
        message = message.args[0]
    return message.text(lang) if isinstance(message, Msg) else str(message)


VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def now_in_vietnam() -> datetime:
    return datetime.now(VIETNAM)


def local_time(iso: str | None) -> str:
    """An ISO timestamp as Vietnam's wall-clock time, '23/11/2026 18:30' ('–' if missing)."""
    if not iso:
        return "–"
    return datetime.fromisoformat(iso).astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")


@functools.cache
def number_symbols(lang: str) -> tuple[str, str]:
    """(decimal mark, group separator) of the language's CLDR locale, from Babel: ',' and '.' in vi_VN."""
    locale = LOCALES.get(lang, LOCALES[DEFAULT_LANG])
    return get_decimal_symbol(locale), get_group_symbol(locale)


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, LOCALES[DEFAULT_LANG]))


def separators(lang: str) -> tuple[str, str]:
    """The language's decimal and grouping symbols by Babel's CLDR data: (',', '.') in Vietnamese, ('.', ',') in
    English; for tables, whose cells must follow the chosen language and not the browser's locale."""
    locale = _locale(lang)
    return get_decimal_symbol(locale), get_group_symbol(locale)


@functools.cache
def _pattern(decimals: int):
    """CLDR's decimal pattern with grouping and up to `decimals` optional decimals ('#,##0.#')."""
    return parse_pattern("#,##0" + ("." + "#" * decimals if decimals > 0 else ""))


def fmt_number(value: float | int | None, lang: str = DEFAULT_LANG, decimals: int = 1) -> str:
    """1234.5 -> '1.234,5' in Vietnamese, '1,234.5' in English, at most `decimals` decimals (trailing
    zeros dropped); None/NaN -> '–'. Formatted by Babel with the language's CLDR locale; rounded first,
    so that a value that rounds to zero is '0', never '-0'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return format_decimal(round(value, decimals) + 0.0, format=_pattern(decimals), locale=_locale(lang))


def fmt_date(day: date) -> str:
    """A day as the dashboard writes dates in both languages: 01/12/2026."""
    return day.strftime("%d/%m/%Y")


def fmt_period(period: str | None) -> str:
    """A reporting period as people read it, in both languages: '2026-Q3' -> 'Q3/2026' (as the charts'
    time axes write quarters, Q%q/%Y). Months and years stay as written; None or '' -> '–'. Codes in
    addresses, file names and machine columns stay '2026-Q3'."""
    if not period:
        return "–"
    year, sep, quarter = period.partition("-Q")
    return f"Q{quarter}/{year}" if sep and year.isdigit() and quarter.isdigit() else period


def fmt_month(year: int, month: int, lang: str = DEFAULT_LANG) -> str:
    """A month as the plans write it in Vietnamese, 'Tháng 7/2025'; in English CLDR's short form (Babel),
    'Jul 2025'."""
    if lang != "en":
        return f"Tháng {month}/{year}"
    return format_date(date(year, month, 1), "MMM y", locale=LOCALES["en"])
