-- Prepaid billing: a double-entry journal in nano-USD, cached balances, balance leases for nodes, charges, key spend,
-- key limits, and runtime prices and markups.

ALTER TABLE api_keys ADD COLUMN spend_limit INTEGER NULL;
ALTER TABLE api_keys ADD COLUMN daily_spend_limit INTEGER NULL;
ALTER TABLE api_keys ADD COLUMN monthly_spend_limit INTEGER NULL;
ALTER TABLE api_keys ADD COLUMN requests_per_minute INTEGER NULL;
ALTER TABLE api_keys ADD COLUMN tokens_per_minute INTEGER NULL;
ALTER TABLE api_keys ADD COLUMN max_concurrent_requests INTEGER NULL;
ALTER TABLE api_keys ADD COLUMN expires_at INTEGER NULL;

-- One row per movement of money; the reference is unique for ever, which is what makes every posting idempotent.
CREATE TABLE ledger_transactions (
    sequence    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    reference   TEXT    NOT NULL UNIQUE,
    kind        INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    memo        TEXT    NULL
);

-- The legs of each transaction; the legs of one transaction sum to zero, so all of them do.
CREATE TABLE ledger_postings (
    transaction_sequence  INTEGER NOT NULL REFERENCES ledger_transactions (sequence),
    account               TEXT    NOT NULL,
    amount                INTEGER NOT NULL
);

CREATE INDEX ix_ledger_postings_account ON ledger_postings (account, transaction_sequence);
CREATE INDEX ix_ledger_postings_transaction ON ledger_postings (transaction_sequence);

-- Balances derived from the postings, kept in the same transaction; a customer's can never go below zero.
CREATE TABLE ledger_balances (
    account  TEXT    NOT NULL PRIMARY KEY,
    balance  INTEGER NOT NULL,
    CHECK (balance >= 0 OR account NOT LIKE 'user:%')
);

-- Slices of a customer's balance reserved by a gateway node, which holds requests against them in memory.
CREATE TABLE balance_leases (
    account_id  TEXT    NOT NULL,
    node_id     TEXT    NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    expires_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, node_id)
);

CREATE INDEX ix_balance_leases_node ON balance_leases (node_id);

-- What each request cost and why (tokens, provider cost, markup); never its text.
CREATE TABLE charges (
    request_id            TEXT    NOT NULL PRIMARY KEY,
    transaction_sequence  INTEGER NOT NULL REFERENCES ledger_transactions (sequence),
    account_id            TEXT    NOT NULL,
    key_id                TEXT    NULL,
    model                 TEXT    NOT NULL,
    provider              TEXT    NOT NULL,
    upstream_model        TEXT    NOT NULL,
    prompt_tokens         INTEGER NOT NULL,
    completion_tokens     INTEGER NOT NULL,
    cached_tokens         INTEGER NOT NULL,
    cache_write_tokens    INTEGER NOT NULL,
    reasoning_tokens      INTEGER NOT NULL,
    provider_cost         INTEGER NOT NULL,
    markup                INTEGER NOT NULL,
    estimated             INTEGER NOT NULL,
    streamed              INTEGER NOT NULL,
    created_at            INTEGER NOT NULL,
    day                   TEXT    NOT NULL
);

CREATE INDEX ix_charges_account_day ON charges (account_id, day, model);

-- Spend per key and UTC day, for daily, monthly and total caps.
CREATE TABLE key_spend (
    key_id    TEXT    NOT NULL,
    day       TEXT    NOT NULL,
    amount    INTEGER NOT NULL,
    requests  INTEGER NOT NULL,
    PRIMARY KEY (key_id, day)
);

-- Prices set at run time, in nano-USD per million tokens (request_fee per request).
CREATE TABLE price_overrides (
    model          TEXT    NOT NULL,
    provider       TEXT    NOT NULL,
    input          INTEGER NOT NULL,
    output         INTEGER NOT NULL,
    cached_input   INTEGER NULL,
    cache_write    INTEGER NULL,
    reasoning      INTEGER NULL,
    request_fee    INTEGER NOT NULL,
    PRIMARY KEY (model, provider)
);

CREATE TABLE markups (
    scope              INTEGER NOT NULL,
    subject            TEXT    NOT NULL,
    parts_per_million  INTEGER NOT NULL CHECK (parts_per_million >= 0),
    PRIMARY KEY (scope, subject)
);

-- Versions that nodes poll to notice changes made elsewhere.
CREATE TABLE settings_versions (
    name     TEXT    NOT NULL PRIMARY KEY,
    version  INTEGER NOT NULL
);

INSERT INTO settings_versions (name, version) VALUES ('pricing', 0);
