-- The people's tables of a snapshot, replaced by the store of record's rows (kpi.store.fold), registered as
-- rec_<table>. Records the snapshot's sources cannot place go to record_unmatched, never away: imported values
-- of a commune or indicator that is gone, task reports whose task is gone (a report follows its task by id
-- while the wording is the same, else by commune and wording, else by commune and number when exactly one
-- task has that number and its wording is new), approvals and account scopes of a commune that is gone. Each
-- says why by a code (commune_gone, indicator_gone, task_gone), worded where it is read (the catalogue's
-- unmatched.<why>: Chất lượng dữ liệu, `records unmatched`, the exports).
DELETE FROM task_report_evidence;
DELETE FROM task_report;
DELETE FROM evidence_file;
DELETE FROM user_commune;
DELETE FROM app_user;
DELETE FROM observation_history;
DELETE FROM import_batch;
DELETE FROM value_approval;
DELETE FROM audit_log;
DELETE FROM observation WHERE NOT is_demo;
DELETE FROM record_unmatched;

INSERT INTO audit_log (audit_id, written_at, actor, role, action, detail, files, sha256, batch_id)
SELECT audit_id, written_at::TIMESTAMPTZ, actor, role, action, detail, files, sha256, batch_id FROM rec_audit_log;

INSERT INTO app_user (email, role, province_code, added_at, added_by)
SELECT email, role, province_code, added_at::TIMESTAMPTZ, added_by FROM rec_app_user;
INSERT INTO user_commune (email, commune_code)
SELECT email, commune_code FROM rec_user_commune WHERE commune_code IN (SELECT commune_code FROM commune);
INSERT INTO record_unmatched
SELECT 'account', email, commune_code, email || ': xã ' || commune_code,
       'commune_gone'
FROM rec_user_commune WHERE commune_code NOT IN (SELECT commune_code FROM commune);

INSERT INTO import_batch (batch_id, file_names, sha256, imported_at, rows_read, imported, updated, unchanged,
                          rolled_back_at, imported_by, rolled_back_by)
SELECT batch_id, file_names, sha256, imported_at::TIMESTAMPTZ, rows_read, imported, updated, unchanged,
       rolled_back_at::TIMESTAMPTZ, imported_by, rolled_back_by
FROM rec_import_batch;
INSERT INTO observation_history (batch_id, commune_code, indicator_code, period, period_end, value, source,
                                 previous_batch_id, source_row, evidence, note)
SELECT batch_id, commune_code, indicator_code, period, period_end::DATE, value, source, previous_batch_id,
       source_row, evidence, note
FROM rec_observation_history;

INSERT INTO observation (commune_code, indicator_code, period, period_end, value, is_demo, source, batch_id,
                         source_row, evidence, note)
SELECT commune_code, indicator_code, period, period_end::DATE, value, false, source, batch_id, source_row, evidence, note
FROM rec_real_value
WHERE commune_code IN (SELECT commune_code FROM commune) AND indicator_code IN (SELECT indicator_code FROM indicator);
INSERT INTO record_unmatched
SELECT 'value', batch_id || '/' || commune_code || '/' || indicator_code || '/' || period, commune_code,
       'lô ' || batch_id || ' (' || source || ', dòng ' || coalesce(source_row::VARCHAR, '?') || '): ' || commune_code
       || ' ' || indicator_code || ' ' || period || ' = ' || value,
       CASE WHEN commune_code NOT IN (SELECT commune_code FROM commune)
            THEN 'commune_gone' ELSE 'indicator_gone' END
FROM rec_real_value
WHERE commune_code NOT IN (SELECT commune_code FROM commune) OR indicator_code NOT IN (SELECT indicator_code FROM indicator);

INSERT INTO value_approval (commune_code, quarter, state, changed_at, changed_by)
SELECT commune_code, quarter, state, changed_at::TIMESTAMPTZ, changed_by FROM rec_value_approval
WHERE commune_code IN (SELECT commune_code FROM commune);
INSERT INTO record_unmatched
SELECT 'approval', commune_code || '/' || quarter, commune_code, commune_code || ' ' || quarter || ': ' || state,
       'commune_gone'
FROM rec_value_approval WHERE commune_code NOT IN (SELECT commune_code FROM commune);

INSERT INTO evidence_file (sha256, media_type, size_bytes, stored_at, stored_by)
SELECT sha256, media_type, size_bytes, stored_at::TIMESTAMPTZ, stored_by FROM rec_evidence_file;

CREATE TEMP TABLE placed AS
SELECT r.report_id, t.task_id, t.task AS task_wording
FROM rec_task_report r
JOIN task t ON t.commune_code = r.commune_code
 AND (t.task = r.task_wording
      OR (t.seq = r.task_seq
          AND (SELECT count(*) FROM task u WHERE u.commune_code = r.commune_code AND u.seq = r.task_seq) = 1
          AND NOT EXISTS (SELECT 1 FROM task w WHERE w.commune_code = r.commune_code AND w.task = r.task_wording)))
QUALIFY row_number() OVER (PARTITION BY r.report_id
                           ORDER BY (t.task = r.task_wording AND t.task_id = r.task_id) DESC,
                                    (t.task = r.task_wording) DESC, t.task_id) = 1;
INSERT INTO task_report (report_id, task_id, commune_code, task_wording, status, percent_complete, note, reported_at,
                         reported_by, source, source_row, review, reviewed_at, reviewed_by, review_reason)
SELECT r.report_id, p.task_id, r.commune_code, p.task_wording, r.status, r.percent_complete, r.note,
       r.reported_at::TIMESTAMPTZ, r.reported_by, r.source, r.source_row, r.review, r.reviewed_at::TIMESTAMPTZ,
       r.reviewed_by, r.review_reason
FROM rec_task_report r JOIN placed p USING (report_id);
INSERT INTO record_unmatched
SELECT 'task_report', r.report_id::VARCHAR, r.commune_code,
       'báo cáo ' || r.report_id || ' của ' || r.reported_by || ' (' || r.reported_at || '): xã ' || r.commune_code
       || ', nhiệm vụ ' || coalesce(r.task_seq, '?') || ' «' || r.task_wording || '»',
       'task_gone'
FROM rec_task_report r WHERE r.report_id NOT IN (SELECT report_id FROM placed);
INSERT INTO task_report_evidence (report_id, sha256, file_name)
SELECT report_id, sha256, file_name FROM rec_task_report_evidence;
DROP TABLE placed;
