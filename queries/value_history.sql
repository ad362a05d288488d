-- Every reported (real) value of commune $commune's indicator $indicator, newest import first: the
-- value and period, who imported it, when, from which file and row, what it replaced (an earlier
-- report, or the demo value) and, if it is no longer live, the batch that replaced it. Values of a
-- rolled-back batch are gone from the data; the rollback itself is in the audit log.
WITH sets AS (
    SELECT period, period_end, value, batch_id, source_row, NULL::INTEGER AS replaced_by
    FROM observation
    WHERE commune_code = $commune AND indicator_code = $indicator AND NOT is_demo
    UNION ALL
    SELECT h.period, h.period_end, h.value, h.previous_batch_id, h.source_row, h.batch_id
    FROM observation_history h
    JOIN import_batch later ON later.batch_id = h.batch_id AND later.rolled_back_at IS NULL
    WHERE h.commune_code = $commune AND h.indicator_code = $indicator
)
SELECT s.period,
       s.value,
       b.imported_by,
       b.imported_at,
       b.file_names,
       s.source_row,
       s.batch_id,
       coalesce(h.value, d.value) AS replaced_value,
       CASE WHEN h.value IS NOT NULL THEN 'report' WHEN d.value IS NOT NULL THEN 'demo' END AS replaced_kind,
       s.replaced_by
FROM sets s
JOIN import_batch b ON b.batch_id = s.batch_id
LEFT JOIN observation_history h
       ON h.batch_id = s.batch_id AND h.commune_code = $commune AND h.indicator_code = $indicator AND h.period = s.period
LEFT JOIN observation d
       ON d.is_demo AND d.commune_code = $commune AND d.indicator_code = $indicator AND d.period_end = s.period_end
ORDER BY b.imported_at DESC, s.batch_id DESC, s.period_end DESC;
