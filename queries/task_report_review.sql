-- The province's decision on a reported completion: accepted, or returned with a reason.
UPDATE task_report
SET review = $review, reviewed_at = $at, reviewed_by = $by, review_reason = $reason
WHERE report_id = $report AND review = 'submitted';
