-- Sign-in nonces are issued without storage (random, with their expiry, under an HMAC of the sign-in secret); one is
-- written here only when a sign-in uses it, so that it signs in once on any node. Rows go once the nonce has expired.
CREATE TABLE used_signin_nonces (
    nonce       text    NOT NULL PRIMARY KEY,
    expires_at  bigint  NOT NULL
);

CREATE INDEX ix_used_signin_nonces_expires ON used_signin_nonces (expires_at);
