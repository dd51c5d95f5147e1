-- x402: the EIP-3009 authorizations this gateway consumed. The primary key makes claiming atomic across requests and
-- nodes (one insert wins); the settled row keeps the transaction hash so a retry of a served payment gets it again.
-- Amounts are atomic token units as decimal text (they can exceed 64 bits); times are Unix milliseconds (UTC).

CREATE TABLE x402_authorizations (
    chain_id          bigint  NOT NULL,
    token             text    NOT NULL,
    payer             text    NOT NULL,
    nonce             text    NOT NULL,
    amount            text    NOT NULL,
    state             integer NOT NULL,
    request_id        text    NOT NULL,
    created_at        bigint  NOT NULL,
    transaction_hash  text    NULL,
    account_id        text    NULL,
    settled_at        bigint  NULL,
    PRIMARY KEY (chain_id, token, payer, nonce)
);
