"""UI wording in one place, Vietnamese first, and number formatting per language.

Pages look strings up by key: t("units.title", lang). Indicator names and units never live here:
they come from the catalogue (data/indicators.yaml).
"""

from __future__ import annotations

import functools
import math
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol, parse_pattern

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
LOCALES = {"vi": "vi_VN", "en": "en_US"}  # CLDR locales for numbers and month names (Babel)

STRINGS: dict[str, tuple[str, str]] = {
    "app.language": ("Ngôn ngữ / Language", "Ngôn ngữ / Language"),
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
    "col.group": ("Mã nhóm", "Group code"),
    "col.direction": ("Chiều tốt", "Better when"),
    "col.kind": ("Loại giá trị", "Value kind"),
    "col.lower_bound": ("Giá trị nhỏ nhất", "Lowest value"),
    "col.upper_bound": ("Giá trị lớn nhất", "Highest value"),
    "col.definition": ("Định nghĩa", "Definition"),
    "col.r71_ref": ("Tham chiếu NQ 71", "Resolution 71 reference"),
    # exports' headers (kpi/export/columns.yaml holds each column's kind and definition)
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
    "col.row_ref": ("Dòng", "Row"),
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
    "col.province_average_value": ("Bình quân tỉnh", "Province average"),
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
    "col.score_digital_infrastructure": ("Điểm Hạ tầng số", "Digital infrastructure score"),
    "col.score_digital_skills": ("Điểm Nhân lực số", "Digital skills score"),
    "col.score_digital_government": ("Điểm Chính quyền số", "Digital government score"),
    "col.score_digital_economy": ("Điểm Kinh tế số", "Digital economy score"),
    "col.score_digital_society": ("Điểm Xã hội số", "Digital society score"),
    "col.score_science_innovation": ("Điểm KH, CN và ĐMST", "S&T and innovation score"),
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
    "col.value_source": ("Nguồn số liệu", "Value source"),
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
    "flag.restated": ("Nêu lại", "Restated"),
    "flag.recurring": ("Hằng năm", "Recurring"),
    "flag.interpreted": ("Diễn giải", "Interpreted"),
    "flag.undercut": ("Thấp hơn cấp trên", "Below the higher layer"),
    "col.undercuts": ("Thấp hơn chỉ tiêu cấp trên", "Below the higher layer's target"),
    "col.document": ("Văn bản", "Document"),
    "col.url": ("Địa chỉ công bố", "Published at"),
    "col.effective": ("Áp dụng", "Effective"),
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
    "col.previous_period": ("Kỳ", "Period"),
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
    "col.change": ("Thay đổi so với quý trước", "Change since previous quarter"),
    "col.index": ("Chỉ số", "Index"),
    "col.gap": ("Chênh lệch với bình quân tỉnh", "Gap to province average"),
    "col.latest": ("Giá trị mới nhất", "Latest value"),
    "col.target": ("Mục tiêu", "Target"),
    "col.target_max": ("Mục tiêu (cận trên)", "Target (upper end)"),
    "col.comparator": ("So sánh", "Comparator"),
    "col.milestone": ("Mốc", "Milestone"),
    "col.target_source": ("Nguồn mục tiêu", "Target source"),
    "col.citation": ("Trích dẫn kế hoạch", "Plan citation"),
    "col.status": ("Tình trạng", "Status"),
    "col.pace_trend": ("Xu hướng theo tốc độ", "Trend from pace"),
    "col.pace_arrow": ("Tốc độ", "Pace"),
    "col.pace_arrow_help": ("Tốc độ gần đây so với tốc độ cần để đạt mốc: ↑ đã đạt hoặc đúng lộ trình, ➚ ít nhất một nửa tốc độ cần, → có tiến bộ nhưng chậm hơn, ↓ đi xa mục tiêu.",
                            "Recent pace against the pace needed for the milestone: ↑ met or on track, ➚ at least half the pace needed, → progress but slower, ↓ moving away from the target."),
    "col.attainment": ("Mức đạt (%)", "Attainment (%)"),
    "col.pace_needed": ("Tốc độ cần/năm", "Pace needed/year"),
    "col.task": ("Nhiệm vụ", "Task"),
    "col.deadline": ("Thời hạn", "Deadline"),
    "col.due_date": ("Hạn nộp", "Due date"),
    "col.percent": ("Tiến độ (%)", "Progress (%)"),
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
    "entry.check.bounds": ("giá trị {value} ngoài miền [{lower}, {upper}] {unit}", "value out of bounds [{lower}, {upper}]"),
    "entry.check.jump_history": (
        "giá trị {value} khác xa các kỳ trước của xã (gần nhất {last}): ghi lý do ở cột Ghi chú",
        "value {value} is far from the commune's earlier values (last {last}): give a reason in the note column",
    ),
    "entry.check.jump_province": (
        "giá trị {value} khác xa các xã trong tỉnh (trung vị {median}): ghi lý do ở cột Ghi chú",
        "value {value} is far from the province's communes (median {median}): give a reason in the note column",
    ),
    "entry.check.evidence": (
        "giá trị {value} đạt chỉ tiêu {target}: phải kèm tệp minh chứng ({rule})",
        "value {value} meets its target {target}: an evidence file is required ({rule})",
    ),
    "entry.check.evidence_missing": (
        "không có tệp minh chứng {names} kèm theo báo cáo",
        "evidence file(s) {names} not given with the report",
    ),
    "entry.rule.tan_loi": ("Kế hoạch xã Tân Lợi, mục IV.2.2 “Minh chứng bắt buộc”", "Tân Lợi's plan, IV.2.2 “mandatory evidence”"),
    "import.evidence_files": ("Tệp minh chứng của các giá trị đạt chỉ tiêu (tên ghi ở cột Minh chứng)",
                              "Evidence files of the values meeting their target (named in the Minh chứng column)"),
    "scope.write_outside": (
        "Bạn chỉ xem: {what} ngoài phạm vi ghi của bạn ({scope}).",
        "You are only viewing: {what} is outside your write scope ({scope}).",
    ),
}


def t(key: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    vi, en = STRINGS[key]
    text = en if lang == "en" else vi
    return text.format(**fields) if fields else text


def both(key: str, **fields: object) -> str:
    """A message in both languages, "vi / en": a row error an import returns before anyone's language is known
    (the command line prints it, a page shows it as it is)."""
    return f"{t(key, 'vi', **fields)} / {t(key, 'en', **fields)}"


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


def in_language(message: str, lang: str) -> str:
    """One language of a kpi message written "tiếng Việt / English" (refusals, row errors): a page shows the reader's
    half only, never both in one line; an English half without the Vietnamese half's leading "file:row:" gets it."""
    vi, sep, en = message.partition(" / ")
    if not sep:
        return message
    if lang != "en":
        return vi
    head, colon, _ = vi.rpartition(": ")
    lead = head.split(": ")[0] if colon else ""
    return f"{lead}: {en}" if lead and (":" in lead or "." in lead) and lead not in en else en


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
