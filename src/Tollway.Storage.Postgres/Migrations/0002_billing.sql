-- Prepaid billing: a double-entry journal in nano-USD, cached balances, balance leases for nodes, charges, key spend,
-- key limits, and runtime prices and markups. Amounts are bigint nano-USD; times bigint Unix milliseconds.

ALTER TABLE api_keys
    ADD COLUMN spend_limit              bigint   NULL,
    ADD COLUMN daily_spend_limit        bigint   NULL,
    ADD COLUMN monthly_spend_limit      bigint   NULL,
    ADD COLUMN requests_per_minute      integer  NULL,
    ADD COLUMN tokens_per_minute        integer  NULL,
    ADD COLUMN max_concurrent_requests  integer  NULL,
    ADD COLUMN expires_at               bigint   NULL;

-- One row per movement of money; the reference is unique for ever, which is what makes every posting idempotent.
CREATE TABLE ledger_transactions (
    sequence    bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference   text     NOT NULL CONSTRAINT ux_ledger_transactions_reference UNIQUE,
    kind        integer  NOT NULL,
    created_at  bigint   NOT NULL,
    memo        text     NULL
);

-- The legs of each transaction, numbered in the order they were given; the legs of one transaction sum to zero, so
-- all of them do.
CREATE TABLE ledger_postings (
    transaction_sequence  bigint   NOT NULL REFERENCES ledger_transactions (sequence),
    leg                   integer  NOT NULL,
    account               text     NOT NULL,
    amount                bigint   NOT NULL,
    PRIMARY KEY (transaction_sequence, leg)
);

CREATE INDEX ix_ledger_postings_account ON ledger_postings (account, transaction_sequence);

-- Balances derived from the postings, kept in the same transaction; a customer's can never go below zero. A
-- customer's row is also the lock that serialises every change to what that customer can spend.
CREATE TABLE ledger_balances (
    account  text    NOT NULL PRIMARY KEY,
    balance  bigint  NOT NULL,
    CHECK (balance >= 0 OR account NOT LIKE 'user:%')
);

-- Slices of a customer's balance reserved by a gateway node, which holds requests against them in memory.
CREATE TABLE balance_leases (
    account_id  text    NOT NULL,
    node_id     text    NOT NULL,
    amount      bigint  NOT NULL CHECK (amount >= 0),
    expires_at  bigint  NOT NULL,
    PRIMARY KEY (account_id, node_id)
);

CREATE INDEX ix_balance_leases_node ON balance_leases (node_id);

-- What each request cost and why (tokens, provider cost, markup); never its text.
CREATE TABLE charges (
    request_id            text     NOT NULL PRIMARY KEY,
    transaction_sequence  bigint   NOT NULL REFERENCES ledger_transactions (sequence),
    account_id            text     NOT NULL,
    key_id                text     NULL,
    model                 text     NOT NULL,
    provider              text     NOT NULL,
    upstream_model        text     NOT NULL,
    prompt_tokens         integer  NOT NULL,
    completion_tokens     integer  NOT NULL,
    cached_tokens         integer  NOT NULL,
    cache_write_tokens    integer  NOT NULL,
    reasoning_tokens      integer  NOT NULL,
    provider_cost         bigint   NOT NULL,
    markup                bigint   NOT NULL,
    estimated             boolean  NOT NULL,
    streamed              boolean  NOT NULL,
    created_at            bigint   NOT NULL,
    -- The UTC day of created_at, for usage by day.
    day                   date     NOT NULL
);

CREATE INDEX ix_charges_account_day ON charges (account_id, day, model);

-- Spend per key and UTC day, for daily, monthly and total caps.
CREATE TABLE key_spend (
    key_id    text    NOT NULL,
    day       date    NOT NULL,
    amount    bigint  NOT NULL,
    requests  bigint  NOT NULL,
    PRIMARY KEY (key_id, day)
);

-- Prices set at run time, in nano-USD per million tokens (request_fee per request).
CREATE TABLE price_overrides (
    model          text    NOT NULL,
    provider       text    NOT NULL,
    input          bigint  NOT NULL,
    output         bigint  NOT NULL,
    cached_input   bigint  NULL,
    cache_write    bigint  NULL,
    reasoning      bigint  NULL,
    request_fee    bigint  NOT NULL,
    PRIMARY KEY (model, provider)
);

CREATE TABLE markups (
    scope              integer  NOT NULL,
    subject            text     NOT NULL,
    parts_per_million  bigint   NOT NULL CHECK (parts_per_million >= 0),
    PRIMARY KEY (scope, subject)
);

-- Versions that nodes poll to notice changes made elsewhere.
CREATE TABLE settings_versions (
    name     text    NOT NULL PRIMARY KEY,
    version  bigint  NOT NULL
);

INSERT INTO settings_versions (name, version) VALUES ('pricing', 0);
