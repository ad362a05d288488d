-- The snapshot already stored for this publisher, time, period and level (none, or one), with its content digest.
SELECT snapshot_id, content, source_file FROM published_snapshot
WHERE publisher = :publisher AND snapshot_at = :snapshot_at AND period_kind = :period_kind AND period = :period
  AND level = :level;
