-- Tasks with their (demo or reported) status and red alerts as of $as_of (a date).
-- Red alert: overdue and not done, or progress below half of the elapsed share of its schedule
-- (schedules run from $plan_start to the deadline). $province / $commune / $agency / $status: value or NULL.
SELECT c.province_code,
       t.commune_code,
       c.name AS commune_name,
       t.task_id,
       t.seq,
       t.section,
       t.task,
       t.lead_agency,
       t.partners,
       t.deliverable,
       t.deadline_text,
       t.deadline_date,
       t.recurring,
       s.status,
       s.percent_complete,
       s.evidence,
       s.is_demo,
       CASE
           WHEN t.deadline_date IS NULL OR t.recurring THEN NULL
           ELSE least(1.0, greatest(0.0, date_diff('day', $plan_start, $as_of)
                / greatest(1, date_diff('day', $plan_start, t.deadline_date))))
       END AS elapsed_share,
       CASE
           WHEN s.status IN ('done_verified', 'done_awaiting_evidence') THEN false
           WHEN t.deadline_date IS NOT NULL AND NOT t.recurring AND t.deadline_date < $as_of THEN true
           WHEN elapsed_share IS NOT NULL AND s.percent_complete < 50 * elapsed_share THEN true
           ELSE false
       END AS red_alert,
       t.seed_file,
       t.data_file,
       t.data_row
FROM task t
JOIN commune c USING (commune_code)
LEFT JOIN task_status s USING (task_id)
WHERE ($province IS NULL OR c.province_code = $province)
  AND ($commune IS NULL OR t.commune_code = $commune)
  AND ($agency IS NULL OR t.lead_agency = $agency)
  AND ($status IS NULL OR s.status = $status)
ORDER BY t.commune_code, t.task_id;
