-- The last task report the snapshot holds, placed on its task or listed to map again (record_unmatched):
-- reports recorded after it are not on the dashboard yet.
SELECT coalesce(max(report_id), 0) AS last_report
FROM (SELECT report_id FROM task_report
      UNION ALL
      SELECT TRY_CAST(record_id AS BIGINT) FROM record_unmatched WHERE kind = 'task_report');
