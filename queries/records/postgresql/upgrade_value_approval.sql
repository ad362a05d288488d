-- A store made before a reviewer could return values: value_approval's state check given 'returned' (kpi.records.store
-- runs schema.sql again first, which creates value_review; once per process when value_review is missing, under the
-- schema lock).
ALTER TABLE value_approval DROP CONSTRAINT IF EXISTS value_approval_state_check;
ALTER TABLE value_approval ADD CONSTRAINT value_approval_state_check
    CHECK (state IN ('submitted', 'returned', 'approved', 'locked'));
