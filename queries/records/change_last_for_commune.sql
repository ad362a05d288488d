-- The last change that touched a commune's values or approvals (0: none): what an import read of the commune
-- is as of. An import settles against the store before its transaction and, inside it, writes only if this is
-- still the same for each of its communes (kpi.services.values.import_files).
SELECT coalesce(max(change_id), 0) FROM change_commune WHERE commune_code = :commune;
