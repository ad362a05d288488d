-- Copy the monitoring workflow of the previous database, attached as `previous`, into a fresh build:
-- evidence files, task reports with their evidence and review, and the approval state of values. A task
-- report finds its task again by commune and wording (a rebuild may renumber tasks; the same task id is
-- preferred when the wording still matches); a report whose task is gone is left behind (counted by the
-- caller), as is the approval of a commune that no longer exists.
INSERT INTO evidence_file BY NAME SELECT * FROM previous.evidence_file;
INSERT INTO task_report BY NAME
SELECT r.* REPLACE (t.task_id AS task_id)
FROM previous.task_report r
JOIN task t ON t.commune_code = r.commune_code AND t.task = r.task_wording
QUALIFY row_number() OVER (PARTITION BY r.report_id ORDER BY (t.task_id = r.task_id) DESC, t.task_id) = 1;
INSERT INTO task_report_evidence BY NAME
SELECT e.* FROM previous.task_report_evidence e
WHERE e.report_id IN (SELECT report_id FROM task_report);
INSERT INTO value_approval BY NAME
SELECT a.* FROM previous.value_approval a
WHERE a.commune_code IN (SELECT commune_code FROM commune);
