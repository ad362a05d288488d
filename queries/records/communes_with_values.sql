-- Every commune whose imported values or approvals bear on its scores.
SELECT commune_code FROM real_value UNION SELECT commune_code FROM value_approval;
