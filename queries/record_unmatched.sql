-- What the store of record holds that this snapshot's sources cannot place (kpi.store.fold): shown on Chất
-- lượng dữ liệu as "cần đối chiếu", mapped again with `python -m kpi records remap`.
SELECT kind, record_id, commune_code, what, why
FROM record_unmatched
ORDER BY kind, commune_code, record_id;
