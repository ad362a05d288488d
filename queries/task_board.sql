-- Tasks with their status, evidence and red alerts as of $as_of (a date). A task's status is its latest
-- report made by then (task_report) if its commune reported, else the demo status (is_demo). A reported completion is
-- "done_awaiting_review" until the province accepts it ("done_verified") or returns it
-- ("done_awaiting_evidence": Chờ hoàn thiện, not counted as done).
-- Red alerts, seed 003 section IV.2.3: overdue (past its deadline, stated or implied, and not done);
-- behind schedule (progress below 50% of the elapsed share of its schedule, which runs from $plan_start, or a
-- one-year plan's year start, to the deadline); evidence returned by the review. $province / $commune / $agency / $status: value or NULL.
WITH latest AS (
    SELECT r.*, row_number() OVER (PARTITION BY r.task_id ORDER BY r.report_id DESC) AS n
    FROM task_report r
    WHERE r.reported_at < $as_of + INTERVAL 1 DAY  -- what had been reported by then
),
files AS (
    SELECT report_id, string_agg(file_name, '; ' ORDER BY file_name) AS names, count(*) AS evidence_files
    FROM task_report_evidence
    GROUP BY report_id
),
board AS (
    SELECT c.province_code, t.commune_code, c.name AS commune_name, t.task_id, t.seq, t.section, t.task,
           t.lead_agency, t.partners, t.deliverable, t.deadline_text, t.deadline_date,
           t.deadline_kind = 'implied' AS deadline_implied, t.recurring,
           CASE WHEN r.report_id IS NULL THEN s.status
                WHEN r.status <> 'done' THEN r.status
                WHEN r.review = 'accepted' THEN 'done_verified'
                WHEN r.review = 'returned' THEN 'done_awaiting_evidence'
                ELSE 'done_awaiting_review' END AS status,
           coalesce(r.percent_complete, s.percent_complete) AS percent_complete,
           CASE WHEN r.report_id IS NULL THEN s.evidence ELSE coalesce(f.names, '') END AS evidence,
           coalesce(f.evidence_files, 0) AS evidence_files,
           r.report_id IS NULL AS is_demo,
           r.report_id, r.note, r.reported_at, r.reported_by, r.reviewed_at, r.reviewed_by, r.review_reason,
           CASE WHEN t.deadline_date IS NULL OR t.recurring THEN NULL
                ELSE least(1.0, greatest(0.0, date_diff('day', coalesce(t.schedule_start, $plan_start), $as_of)
                     / greatest(1, date_diff('day', coalesce(t.schedule_start, $plan_start), t.deadline_date)))) END
               AS elapsed_share,
           t.seed_file, t.data_file, t.data_row
    FROM task t
    JOIN commune c USING (commune_code)
    LEFT JOIN task_status s USING (task_id)
    LEFT JOIN latest r ON r.task_id = t.task_id AND r.n = 1
    LEFT JOIN files f ON f.report_id = r.report_id
    WHERE ($province IS NULL OR c.province_code = $province)
      AND ($commune IS NULL OR t.commune_code = $commune)
),
alerts AS (
    SELECT *,
           status NOT IN ('done_verified', 'done_awaiting_review') AND NOT recurring
               AND deadline_date IS NOT NULL AND deadline_date < $as_of AS alert_overdue,
           status IN ('not_started', 'in_progress') AND elapsed_share IS NOT NULL
               AND percent_complete < 50 * elapsed_share AS alert_behind,
           status = 'done_awaiting_evidence' AS alert_returned
    FROM board
)
SELECT *, alert_overdue OR alert_behind OR alert_returned AS red_alert
FROM alerts
WHERE ($agency IS NULL OR lead_agency = $agency)
  AND ($status IS NULL OR status = $status)
ORDER BY red_alert DESC, commune_code, task_id;
