-- After `records migrate` wrote rows with their own ids: each identity column's next id follows the highest
-- (PostgreSQL's sequences do not move when an id is given; SQLite's AUTOINCREMENT does by itself).
SELECT setval(pg_get_serial_sequence('audit_log', 'audit_id'), (SELECT coalesce(max(audit_id), 0) + 1 FROM audit_log), false),
       setval(pg_get_serial_sequence('import_batch', 'batch_id'), (SELECT coalesce(max(batch_id), 0) + 1 FROM import_batch), false),
       setval(pg_get_serial_sequence('task_report', 'report_id'), (SELECT coalesce(max(report_id), 0) + 1 FROM task_report), false),
       setval(pg_get_serial_sequence('change_log', 'change_id'), (SELECT coalesce(max(change_id), 0) + 1 FROM change_log), false),
       setval(pg_get_serial_sequence('value_review', 'review_id'), (SELECT coalesce(max(review_id), 0) + 1 FROM value_review), false),
       setval(pg_get_serial_sequence('published_snapshot', 'snapshot_id'),
              (SELECT coalesce(max(snapshot_id), 0) + 1 FROM published_snapshot), false)
AS settled;
