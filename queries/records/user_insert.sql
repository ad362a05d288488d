-- Add an account (kpi.accounts.users.add removes an earlier one of the same address first).
INSERT INTO app_user (email, role, province_code, added_at, added_by) VALUES (:email, :role, :province, :at, :by);
