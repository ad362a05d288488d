-- The plans' tasks with their deadlines as written and as parsed. $commune: a code or NULL for all.
SELECT c.province_code,
       t.commune_code,
       c.name AS commune_name,
       t.seq,
       t.section,
       t.task,
       t.lead_agency,
       t.partners,
       t.deliverable,
       t.deadline_text,
       t.deadline_date,
       t.deadline_kind,
       t.recurring,
       t.seed_file,
       t.data_file,
       t.data_row
FROM task t
JOIN commune c USING (commune_code)
WHERE $commune IS NULL OR t.commune_code = $commune
ORDER BY t.commune_code, t.task_id;
