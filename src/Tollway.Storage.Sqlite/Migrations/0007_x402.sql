-- x402: the EIP-3009 authorizations this gateway consumed. The primary key makes claiming atomic across requests and
-- nodes (one insert wins); the settled row keeps the transaction hash so a retry of a served payment gets it again.
-- Amounts are atomic token units as decimal text (they can exceed 64 bits); times are Unix milliseconds (UTC).

CREATE TABLE x402_authorizations (
    chain_id          INTEGER NOT NULL,
    token             TEXT    NOT NULL,
    payer             TEXT    NOT NULL,
    nonce             TEXT    NOT NULL,
    amount            TEXT    NOT NULL,
    state             INTEGER NOT NULL,
    request_id        TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    transaction_hash  TEXT    NULL,
    account_id        TEXT    NULL,
    settled_at        INTEGER NULL,
    PRIMARY KEY (chain_id, token, payer, nonce)
);
