-- Who created and who last changed an invoice: the subject (sub claim) of the request's access token, an opaque id
-- (a user id, or a client id for client credentials), never a name or e-mail. NULL for rows written before this
-- migration and for changes made without a token.
ALTER TABLE invoice
    ADD COLUMN created_by text,
    ADD COLUMN updated_by text;
