-- Mark import batch $batch as rolled back.
UPDATE import_batch SET rolled_back_at = $at WHERE batch_id = $batch;
