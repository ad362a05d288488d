-- Copy the monitoring workflow of the previous database, attached as `previous`, into a fresh build:
-- evidence files, task reports with their evidence and review, and the approval state of values. A task
-- report finds its task again by commune and wording (a rebuild may renumber tasks; the same task id is
-- preferred when the wording still matches). A report whose task's wording was corrected finds it by
-- commune and number (seq), when exactly one task has that number and its wording is new (no task of
-- the previous build had it, so it is not another task renumbered): the report then takes the corrected
-- wording (kpi.carry_over says so). Anything left behind is named by carry_over_workflow_left.sql and
-- the build refused.
INSERT INTO evidence_file BY NAME SELECT * FROM previous.evidence_file;
INSERT INTO task_report BY NAME
SELECT r.* REPLACE (t.task_id AS task_id)
FROM previous.task_report r
JOIN task t ON t.commune_code = r.commune_code AND t.task = r.task_wording
QUALIFY row_number() OVER (PARTITION BY r.report_id ORDER BY (t.task_id = r.task_id) DESC, t.task_id) = 1;
INSERT INTO task_report BY NAME
SELECT r.* REPLACE (t.task_id AS task_id, t.task AS task_wording)
FROM previous.task_report r
JOIN previous.task old ON old.task_id = r.task_id AND old.commune_code = r.commune_code
JOIN task t ON t.commune_code = r.commune_code AND t.seq = old.seq
WHERE r.report_id NOT IN (SELECT report_id FROM task_report)
  AND t.task NOT IN (SELECT p.task FROM previous.task p WHERE p.commune_code = t.commune_code)
QUALIFY count(*) OVER (PARTITION BY r.report_id) = 1;
INSERT INTO task_report_evidence BY NAME
SELECT e.* FROM previous.task_report_evidence e
WHERE e.report_id IN (SELECT report_id FROM task_report);
INSERT INTO value_approval BY NAME
SELECT a.* FROM previous.value_approval a
WHERE a.commune_code IN (SELECT commune_code FROM commune);
