-- Every reviewer's word on communes' quarters, newest first, with the quarter's state now (kpi.approvals.reviews
-- keeps the reader's scope).
SELECT r.review_id, r.commune_code, r.quarter, r.move, r.state, r.reason, r.reviewed_at, r.reviewed_by,
       coalesce(a.state, 'submitted') AS state_now
FROM value_review r
LEFT JOIN value_approval a ON a.commune_code = r.commune_code AND a.quarter = r.quarter
ORDER BY r.review_id DESC;
