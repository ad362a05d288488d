-- The store of record's published values (kpi.services.published), registered as rec_published_<table>, replace the
-- snapshot's (kpi.store.fold). A snapshot is the latest of its publisher, period and level when none is newer.
DELETE FROM published_value;
DELETE FROM published_snapshot;
DELETE FROM published_unit;
INSERT INTO published_snapshot
SELECT snapshot_id, publisher, document, snapshot_at::TIMESTAMPTZ, period_kind, period, level, source_file, sheet, sha256,
       rows, loaded_at::TIMESTAMPTZ, loaded_by,
       row_number() OVER (PARTITION BY publisher, period_kind, period, level ORDER BY snapshot_at::TIMESTAMPTZ DESC) = 1
FROM rec_published_snapshot;
INSERT INTO published_value
SELECT v.snapshot_id, v.unit_code, coalesce(c.province_code, p.province_code), c.commune_code, v.indicator_code, v.value,
       v.portal_code, v.source_row, v.portal_rank
FROM rec_published_value v
LEFT JOIN commune c ON c.commune_code = v.unit_code
LEFT JOIN province p ON p.province_code = v.unit_code
WHERE (c.commune_code IS NOT NULL OR p.province_code IS NOT NULL)
  AND v.indicator_code IN (SELECT indicator_code FROM indicator);
INSERT INTO published_unit
SELECT publisher, portal_code, unit_code, portal_id, portal_name, matched_by, first_seen_at::TIMESTAMPTZ
FROM rec_published_unit;
