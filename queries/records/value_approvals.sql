-- Every approval state recorded (kpi.approvals joins them to the quarters that have values).
SELECT commune_code, quarter, state, changed_at, changed_by FROM value_approval;
