-- Accounts, API keys (hashes only) and the request log (metadata only: never prompt or response text, never a key).
-- The same tables as the SQLite schema; times are Unix milliseconds (UTC) in both, so both store the same numbers.

CREATE TABLE accounts (
    id          text    NOT NULL PRIMARY KEY,
    name        text    NOT NULL,
    created_at  bigint  NOT NULL
);

CREATE TABLE api_keys (
    id              text     NOT NULL PRIMARY KEY,
    account_id      text     NOT NULL REFERENCES accounts (id),
    name            text     NOT NULL,
    key_hash        bytea    NOT NULL UNIQUE,
    last_four       text     NOT NULL,
    role            integer  NOT NULL,
    -- NULL allows every model; an empty array allows none.
    allowed_models  text[]   NULL,
    created_at      bigint   NOT NULL,
    revoked_at      bigint   NULL,
    -- Grows with every insert or change: the change feed that key caches on every node poll. Writers take an advisory
    -- lock before computing the next one, so versions also become visible in order.
    version         bigint   NOT NULL UNIQUE
);

CREATE INDEX ix_api_keys_account ON api_keys (account_id);

CREATE TABLE request_log (
    id                      text     NOT NULL PRIMARY KEY,
    started_at              bigint   NOT NULL,
    account_id              text     NULL,
    key_id                  text     NULL,
    operation               text     NOT NULL,
    model                   text     NULL,
    provider                text     NULL,
    upstream_model          text     NULL,
    status                  integer  NOT NULL,
    error_code              text     NULL,
    stream                  boolean  NOT NULL,
    prompt_tokens           integer  NULL,
    completion_tokens       integer  NULL,
    cached_tokens           integer  NULL,
    reasoning_tokens        integer  NULL,
    duration_us             bigint   NOT NULL,
    upstream_first_byte_us  bigint   NULL,
    request_bytes           bigint   NOT NULL,
    response_bytes          bigint   NOT NULL
);

CREATE INDEX ix_request_log_account_time ON request_log (account_id, started_at);
