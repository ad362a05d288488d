-- The part failed: undone alone, the transaction going on.
ROLLBACK TO SAVEPOINT one_import;
