-- How many commune quarters the province has approved or locked (none: no "approved" scores to compute).
SELECT count(*) AS quarters FROM value_approval WHERE state IN ('approved', 'locked');
