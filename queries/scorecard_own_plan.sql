-- Whether $commune has a plan of its own in the data: a target of its own plan at any milestone (a commune
-- whose plan sets 2026 targets only still has one when 2025's targets are inherited from above).
SELECT count(*) > 0 AS own_plan
FROM effective_target
WHERE commune_code = $commune AND source_level = 'commune';
