"""The scoring method and the data sources in plain language (shown on the Methodology page).

Numbers quoted here come from the code (kpi/scoring/__init__.py, kpi/demo.py), so the text cannot drift
from what is computed.
"""

from __future__ import annotations

from kpi.demo import MISSING_SHARE
from kpi.scoring import MAX_MISSING_SHARE, RED_ALERT_SHARE


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


METHOD_VI = f"""
### Nguồn dữ liệu
- **Đơn vị hành chính**: 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu sau sắp xếp năm 2025, mã chính thức
  (gói `vietnam-provinces`).
- **Chỉ tiêu và mục tiêu**: trích từ kế hoạch thực hiện Nghị quyết 57-NQ/TW của từng xã; mỗi mục tiêu ghi rõ
  tệp, mục, dòng và nguyên văn trong kế hoạch. Với mỗi chỉ tiêu và mỗi mốc, xã chưa có mục tiêu riêng thì
  **kế thừa** mục tiêu của tỉnh (kế hoạch của tỉnh), nếu không có thì của Trung ương (Phụ lục I Nghị quyết
  03/NQ-CP, chương trình hành động thực hiện Nghị quyết 57-NQ/TW); nguồn kế thừa và văn bản được ghi rõ. Chỉ tiêu
  mang tính quốc gia (tỷ trọng GDP, xếp hạng quốc tế) không áp cho xã. Mục tiêu của xã thấp hơn cấp trên cho cùng
  mốc vẫn áp dụng nhưng được đánh dấu trên trang Chất lượng dữ liệu.
- **Mục tiêu nêu lại, mâu thuẫn, hằng năm**: mục tiêu nêu hai lần chỉ tính một lần (trích cả hai nơi); hai giá trị
  khác nhau cho cùng chỉ tiêu, cùng năm thì giữ cả hai, đánh dấu mâu thuẫn và **áp dụng giá trị cao hơn về yêu cầu**
  (cao hơn với chỉ tiêu càng cao càng tốt, thấp hơn với chỉ tiêu càng thấp càng tốt); mục tiêu "hằng năm" áp dụng cho mọi năm.
- **Giá trị báo cáo**: khi các xã chưa công bố số liệu, hệ thống dùng **dữ liệu minh họa** sinh tất định
  (khoảng {_pct(MISSING_SHARE)} kỳ báo cáo bị thiếu). Số liệu thật nhập qua tệp CSV/XLSX được ưu tiên hơn dữ liệu minh họa.

### Phương pháp chấm điểm
1. **Lộ trình bắt buộc**: với mỗi xã và chỉ tiêu, đường gấp khúc nối giá trị đầu kỳ (kỳ báo cáo đầu tiên) với
   từng mốc mục tiêu (tính tại ngày 31/12 của năm mốc), không đi xuống dưới mức đã yêu cầu trước đó (mục tiêu đã
   qua thấp hơn giá trị đầu kỳ thì lộ trình giữ mức đầu kỳ). Trên trang Lộ trình, đường này vẽ đến kỳ báo cáo mới nhất;
   giá trị của nó tại kỳ đó là mức mà tình trạng *Đúng lộ trình* so sánh. Từ kỳ mới nhất, phần còn phải đi **bắt đầu
   từ mức cao hơn** giữa giá trị mới nhất và mức của lộ trình tại kỳ đó (không bao giờ thấp hơn mức đã đạt, cũng
   không thấp hơn một mục tiêu đã qua; ngược lại với chỉ tiêu càng thấp càng tốt), rồi đi tới các mốc sau và không
   quay xuống dưới mức đã lên tới. Ví dụ: xã bắt đầu dưới 60%, mục tiêu 60% năm 2025, 80% năm 2030, đạt 75% ở Q3/2026: lộ trình tại
   Q3/2026 là 63%, xã đúng lộ trình, và phần còn lại đi từ 75% lên 80%, không từ 60%. **Tốc độ cần thiết** (mục 6)
   tính từ giá trị mới nhất, nên bằng độ dốc của phần còn lại khi xã đúng lộ trình, và dốc hơn khi xã chậm.
2. **Mức đạt** so với mốc kế tiếp, từ 0 đến 100: chỉ tiêu càng cao càng tốt = giá trị / mục tiêu (tối đa 100);
   càng thấp càng tốt = mục tiêu / giá trị; có/không = 0 hoặc 100; mục tiêu khoảng = 100 khi nằm trong khoảng.
3. **Tình trạng**: *Đạt* (giá trị mới nhất đã đạt mục tiêu mốc kế tiếp); *Đúng lộ trình* (bằng hoặc vượt lộ trình
   bắt buộc, hoặc tốc độ 4 quý gần nhất đủ để đạt mục tiêu đúng hạn); *Có nguy cơ* (tốc độ ít nhất bằng
   {_pct(RED_ALERT_SHARE)} tốc độ cần thiết); *Chệch hướng* (tốc độ dưới {_pct(RED_ALERT_SHARE)} tốc độ cần thiết, hoặc đang giảm);
   *Không có dữ liệu* (không có báo cáo trong 2 quý gần nhất). Màu: xanh lá, vàng, cam, đỏ, xám như bảng SDG;
   ngưỡng {_pct(RED_ALERT_SHARE)} theo quy tắc cảnh báo đỏ của các kế hoạch.
4. **Chỉ số tổng hợp** (0–100) của xã: trung bình các điểm nhóm, mỗi điểm nhóm là trung bình mức đạt các chỉ tiêu
   trong nhóm (các nhóm cùng trọng số, trừ khi quản trị viên đặt trọng số khác). Không tính chỉ số khi quá
   {_pct(MAX_MISSING_SHARE)} chỉ tiêu của xã không có dữ liệu (quy tắc của Chỉ số SDG).
5. **Xếp hạng** trong tỉnh và toàn quốc, đồng điểm thì đồng hạng. **Bình quân tỉnh** = trung bình các xã của tỉnh;
   chênh lệch của mỗi xã so với bình quân tỉnh tính cho chỉ số và từng chỉ tiêu.
6. **Dự báo** đến mốc kế tiếp theo tốc độ 4 quý gần nhất, và **tốc độ cần thiết** để đạt mục tiêu (điểm mỗi năm).
   So sánh ngặt ("trên 70%") được chấm như không ngặt, vì số liệu báo cáo làm tròn một chữ số thập phân.
7. **Mốc đã chọn** (Hồ sơ xã, bảng điểm PDF): tình trạng, mức đạt, dự báo và tốc độ cần thiết tính theo đúng các quy tắc
   trên, coi mục tiêu của mốc đã chọn là mốc kế tiếp (lộ trình đi thẳng từ mốc trước kỳ hiện tại tới mốc đó). Chỉ số
   tổng hợp và xếp hạng luôn tính theo mốc kế tiếp.
8. **Tình trạng chung của nhiều chỉ tiêu** (một nhóm của một xã trên Tổng quan và trong tệp xuất; tình trạng chung của
   xã trên Bản đồ và số "xã chệch hướng"): theo đa số. *Không có dữ liệu* khi quá nửa số chỉ tiêu không có dữ liệu;
   còn lại, trong các chỉ tiêu có dữ liệu: *đạt* khi quá nửa đã đạt, *đúng lộ trình* khi quá nửa đã đạt hoặc đúng lộ
   trình, *chệch hướng* khi quá nửa chệch hướng, *có nguy cơ* trong các trường hợp khác. Ví dụ: nhóm hai chỉ tiêu,
   một chệch hướng và một đúng lộ trình, là *có nguy cơ* (không phải chệch hướng); ba chỉ tiêu, hai chệch hướng và
   một đạt, là *chệch hướng*. Các tỷ lệ đầu trang Tổng quan là tỷ lệ các cặp xã × chỉ tiêu theo tình trạng, so với
   mốc kế tiếp của từng chỉ tiêu; "đạt hoặc đúng lộ trình" đứng đầu vì phần lớn mục tiêu là của năm 2030.
"""

METHOD_EN = f"""
### Data sources
- **Administrative units**: the 34 provinces and 3,321 communes, wards and special zones after the 2025
  reorganisation, with official codes (the `vietnam-provinces` package).
- **Indicators and targets**: extracted from each commune's plan implementing Resolution 57-NQ/TW; every target
  cites its file, section, row and original wording. Per indicator and milestone, a commune without a target of its
  own **inherits** its province's (the province's plan), else the national one (Appendix I of Resolution 03/NQ-CP,
  the Government's action programme for Resolution 57-NQ/TW); the source level and document are shown. Indicators
  national in nature (shares of GDP, international rankings) are not applied to communes. A commune target below
  the layer above for the same milestone still applies, and is flagged on Data quality.
- **Restated, conflicting and yearly targets**: a target stated twice counts once (both places cited); two different
  values for the same indicator and year are both kept, flagged as a conflict, and **the more demanding one applies**
  (the higher for higher-is-better indicators, the lower for lower-is-better ones); a "hằng năm" target applies every year.
- **Reported values**: until communes publish their figures, the dashboard shows deterministic **demo data**
  (about {_pct(MISSING_SHARE)} of reports missing). Real values imported from CSV/XLSX take precedence over demo values.

### Scoring method
1. **Required path**: for each commune and indicator, the piecewise-linear path from the baseline (the first
   reported value) through each milestone target, valued at 31 December of the milestone year, never back below a
   level already required (a passed target under the baseline keeps the baseline's level). Lộ trình draws it up
   to the latest report; its value there is what *on track* compares the latest value with. From the latest report
   on, the path still to go **starts from the better** of the latest value and the path's value then (never below
   what has been reached, nor below a target already passed; mirrored for lower-is-better indicators) and runs to
   the later milestones without coming back below a level it has reached. Example: a commune starting below 60%, with 60%
   by 2025 and 80% by 2030, at 75% in Q3/2026: the path there is 63%, the commune is on track, and the rest runs from 75% to 80%,
   not from 60%. The **pace still needed** (item 6) counts from the latest value, so it is the slope of the rest
   when the commune is on track, and steeper when it is behind.
2. **Attainment** towards the next milestone, 0 to 100: higher-is-better value / target (capped at 100);
   lower-is-better the inverse; yes/no 0 or 100; a range target is met inside the range.
3. **Status**: *met* (the latest value already meets the next milestone target); *on track* (at or above the required
   path, or the pace of the last four quarters reaches the target by the milestone); *at risk* (pace at least
   {_pct(RED_ALERT_SHARE)} of the required pace); *off track* (pace below {_pct(RED_ALERT_SHARE)}, or falling); *no data* (no report
   in the last two quarters). Colours green, yellow, orange, red and grey as in the SDG dashboards; the
   {_pct(RED_ALERT_SHARE)} threshold follows the plans' red-alert rule.
4. **Composite index** (0–100) per commune: the mean of the group scores, each the mean attainment of its
   indicators (the groups weigh the same unless the administrator sets other weights). No index when more than
   {_pct(MAX_MISSING_SHARE)} of the commune's indicators have no data (the SDG Index rule).
5. **Ranks** within the province and nationally; ties share a rank. **Province average** = mean over its communes;
   each commune's gap to it is given on the index and per indicator.
6. **Projection** to the next milestone from the recent pace, and the **pace still needed** (points per year).
   Strict comparators ("above 70%") are scored as non-strict, since reports are rounded to one decimal.
7. **A chosen milestone** (Hồ sơ xã, the PDF scorecard): status, attainment, projection and pace still needed follow
   the rules above with the chosen milestone's target taken as the next one (the path runs straight from the last
   milestone before the current year to it). The composite index and ranks are always against the next milestones.
8. **The status of several indicators together** (a commune's group on Tổng quan and in its export; a commune's
   overall status on the map and in "communes off track"): by majority. *No data* when more than half have no data;
   otherwise, of those with data: *met* when more than half are met, *on track* when more than half are met or on
   track, *off track* when more than half are off track, *at risk* in every other case. Example: a group of two
   indicators, one off track and one on track, is *at risk* (not off track); three indicators, two off track and one
   met, are *off track*. The shares heading Tổng quan are the commune × indicator pairs by status against each
   indicator's next milestone; "met or on track" comes first, since most targets are for 2030.
"""


def method(lang: str) -> str:
    return METHOD_EN if lang == "en" else METHOD_VI
