-- How many imported values each commune has per period end (kpi.approvals groups them by quarter); :commune
-- one commune, or NULL for all.
SELECT commune_code, period_end, count(*) AS values_reported
FROM real_value
WHERE CAST(:commune AS TEXT) IS NULL OR commune_code = :commune
GROUP BY commune_code, period_end;
