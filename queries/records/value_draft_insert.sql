-- One value of :email's draft of commune :commune for :period.
INSERT INTO value_draft (email, commune_code, period, indicator_code, value, note, saved_at)
VALUES (:email, :commune, :period, :indicator, :value, :note, :at);
