-- Inputs of the scoring method: group weights (data/groups.yaml).
SELECT group_code, weight FROM indicator_group ORDER BY sort_order;
