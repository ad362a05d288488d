-- Remove an account (its communes first: user_communes_delete.sql); returns the address if there was one.
DELETE FROM app_user WHERE email = :email RETURNING email;
