-- The (commune, quarter) pairs that are locked: an import or a rollback touching them is refused.
SELECT commune_code, quarter FROM value_approval WHERE state = 'locked';
