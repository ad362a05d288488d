-- A commune's imported values as the store holds them now (kpi.value_review keeps a quarter's): what a reviewer
-- approves or returns, published or not.
SELECT indicator_code, period, period_end, value, batch_id, source_row, evidence, note
FROM real_value
WHERE commune_code = :commune
ORDER BY period_end, indicator_code;
