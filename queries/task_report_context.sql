-- Every task with its commune, province, number and wording: what a task-progress report is checked
-- against, and the rows of the progress template.
SELECT t.task_id, t.commune_code, c.province_code, t.seq, t.task
FROM task t
JOIN commune c USING (commune_code)
ORDER BY t.commune_code, t.task_id;
