-- Accounts, API keys (hashes only) and the request log (metadata only: never prompt or response text, never a key).
-- Times are Unix milliseconds (UTC).

CREATE TABLE accounts (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE api_keys (
    id              TEXT    NOT NULL PRIMARY KEY,
    account_id      TEXT    NOT NULL REFERENCES accounts (id),
    name            TEXT    NOT NULL,
    key_hash        BLOB    NOT NULL UNIQUE,
    last_four       TEXT    NOT NULL,
    role            INTEGER NOT NULL,
    allowed_models  TEXT    NULL,
    created_at      INTEGER NOT NULL,
    revoked_at      INTEGER NULL,
    -- Grows with every insert or revocation: the change feed that key caches on every node poll.
    version         INTEGER NOT NULL UNIQUE
);

CREATE INDEX ix_api_keys_account ON api_keys (account_id);

CREATE TABLE request_log (
    id                      TEXT    NOT NULL PRIMARY KEY,
    started_at              INTEGER NOT NULL,
    account_id              TEXT    NULL,
    key_id                  TEXT    NULL,
    operation               TEXT    NOT NULL,
    model                   TEXT    NULL,
    provider                TEXT    NULL,
    upstream_model          TEXT    NULL,
    status                  INTEGER NOT NULL,
    error_code              TEXT    NULL,
    stream                  INTEGER NOT NULL,
    prompt_tokens           INTEGER NULL,
    completion_tokens       INTEGER NULL,
    cached_tokens           INTEGER NULL,
    reasoning_tokens        INTEGER NULL,
    duration_us             INTEGER NOT NULL,
    upstream_first_byte_us  INTEGER NULL,
    request_bytes           INTEGER NOT NULL,
    response_bytes          INTEGER NOT NULL
);

CREATE INDEX ix_request_log_account_time ON request_log (account_id, started_at);
