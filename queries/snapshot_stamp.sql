-- What published this snapshot and when (the writer sets it just before publishing).
INSERT OR REPLACE INTO build_info VALUES ('published_at', $published_at), ('published_by', $published_by);
