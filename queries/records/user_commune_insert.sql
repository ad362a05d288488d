-- Give a commune editor one commune.
INSERT INTO user_commune (email, commune_code) VALUES (:email, :commune);
