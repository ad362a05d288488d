-- The province's decision on a reported completion: accepted, or returned with a reason. No row returned:
-- someone else reviewed it first.
UPDATE task_report
SET review = :review, reviewed_at = :at, reviewed_by = :by, review_reason = :reason
WHERE report_id = :report AND review = 'submitted'
RETURNING report_id;
