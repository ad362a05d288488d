-- What carry_over_workflow.sql would leave behind: task reports whose task is gone (its commune, or its
-- wording and number), and approvals of a commune that no longer exists. One row per record, described
-- for people (kpi.carry_over.WouldDrop): the build is refused rather than lose them.
SELECT 'report' AS kind, r.report_id AS ref, r.commune_code, coalesce(c.name, '') AS commune_name,
       coalesce(t.seq || ' ', '') || '«' || r.task_wording || '»' AS item,
       r.reported_by AS by_whom, r.reported_at AS at, r.source
FROM previous.task_report r
LEFT JOIN previous.task t ON t.task_id = r.task_id
LEFT JOIN previous.commune c ON c.commune_code = r.commune_code
WHERE r.report_id NOT IN (SELECT report_id FROM task_report)
UNION ALL
SELECT 'approval', NULL, a.commune_code, coalesce(c.name, ''), a.quarter || ': ' || a.state, a.changed_by, a.changed_at, NULL
FROM previous.value_approval a
LEFT JOIN previous.commune c ON c.commune_code = a.commune_code
WHERE NOT EXISTS (SELECT 1 FROM value_approval n WHERE n.commune_code = a.commune_code AND n.quarter = a.quarter)
ORDER BY kind DESC, commune_code, ref, item;
