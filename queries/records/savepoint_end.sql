-- The part ends (kept, or undone just before).
RELEASE SAVEPOINT one_import;
