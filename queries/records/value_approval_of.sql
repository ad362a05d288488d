-- The approval state of a commune's values for a quarter (no row: never approved, or nothing reported).
SELECT state FROM value_approval WHERE commune_code = :commune AND quarter = :quarter;
