-- Mark import batch :batch as rolled back, by whom.
UPDATE import_batch SET rolled_back_at = :at, rolled_back_by = :by WHERE batch_id = :batch;
