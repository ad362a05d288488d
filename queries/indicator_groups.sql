-- The indicator groups in display order.
SELECT group_code, name_vi, name_en FROM indicator_group ORDER BY sort_order;
