-- The province of one commune ($commune) in this snapshot; no row: a commune it does not have. A province
-- reviewer's scope is decided by it (kpi.services.tasks.review, the evidence route kpi.web).
SELECT province_code FROM commune WHERE commune_code = $commune;
