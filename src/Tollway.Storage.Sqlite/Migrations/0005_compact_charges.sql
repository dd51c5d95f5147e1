-- A charge is one row: the charges row is the charge's journal entry. Its postings are not stored but follow from the
-- row, always the same three legs (the user pays provider_cost + markup; provider cost and markup revenue receive
-- them), so they balance by construction; its reference is 'charge:' || request_id, unique because request_id is.
-- Charges take their journal sequence from the same counter as ledger_transactions, so the journal keeps one order.
-- Before, each charge wrote five rows and fourteen index entries; the single charge writer spent its time there.

-- Existing charges move over only if their stored postings are exactly the legs the row implies; otherwise the
-- migration fails (the CHECK below) and changes nothing, rather than rewrite the books.
CREATE TEMP TABLE migration_0005_check (charges_match_their_postings INTEGER NOT NULL CHECK (charges_match_their_postings = 1));
INSERT INTO migration_0005_check
SELECT NOT EXISTS (
    SELECT 1 FROM charges c
    WHERE c.provider_cost < 0 OR c.markup < 0
       OR NOT EXISTS (SELECT 1 FROM ledger_transactions t
                      WHERE t.sequence = c.transaction_sequence AND t.kind = 1 AND t.reference = 'charge:' || c.request_id)
       OR (SELECT COUNT(*) FROM ledger_postings p WHERE p.transaction_sequence = c.transaction_sequence)
          <> 1 + (c.provider_cost > 0) + (c.markup > 0)
       OR NOT EXISTS (SELECT 1 FROM ledger_postings p WHERE p.transaction_sequence = c.transaction_sequence
                      AND p.account = 'user:' || c.account_id AND p.amount = -(c.provider_cost + c.markup))
       OR (c.provider_cost > 0 AND NOT EXISTS (SELECT 1 FROM ledger_postings p WHERE p.transaction_sequence = c.transaction_sequence
                      AND p.account = 'system:provider_cost' AND p.amount = c.provider_cost))
       OR (c.markup > 0 AND NOT EXISTS (SELECT 1 FROM ledger_postings p WHERE p.transaction_sequence = c.transaction_sequence
                      AND p.account = 'system:markup_revenue' AND p.amount = c.markup)))
   AND NOT EXISTS (
    SELECT 1 FROM ledger_transactions t
    WHERE t.kind = 1 AND NOT EXISTS (SELECT 1 FROM charges c WHERE c.transaction_sequence = t.sequence));
DROP TABLE migration_0005_check;

CREATE TABLE charges_0005 (
    -- The journal sequence (the rowid: no index of its own).
    sequence              INTEGER NOT NULL PRIMARY KEY,
    request_id            TEXT    NOT NULL UNIQUE,
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
    provider_cost         INTEGER NOT NULL CHECK (provider_cost >= 0),
    markup                INTEGER NOT NULL CHECK (markup >= 0),
    estimated             INTEGER NOT NULL,
    streamed              INTEGER NOT NULL,
    created_at            INTEGER NOT NULL,
    day                   TEXT    NOT NULL
);

INSERT INTO charges_0005 (sequence, request_id, account_id, key_id, model, provider, upstream_model, prompt_tokens, completion_tokens,
    cached_tokens, cache_write_tokens, reasoning_tokens, provider_cost, markup, estimated, streamed, created_at, day)
SELECT transaction_sequence, request_id, account_id, key_id, model, provider, upstream_model, prompt_tokens, completion_tokens,
    cached_tokens, cache_write_tokens, reasoning_tokens, provider_cost, markup, estimated, streamed, created_at, day
FROM charges;

DROP TABLE charges;
ALTER TABLE charges_0005 RENAME TO charges;

DELETE FROM ledger_postings WHERE transaction_sequence IN (SELECT sequence FROM ledger_transactions WHERE kind = 1);
DELETE FROM ledger_transactions WHERE kind = 1;

-- Usage by day and model; and an account's journal in order (the rowid ends every index entry, so this is
-- (account_id, sequence)).
CREATE INDEX ix_charges_account_day ON charges (account_id, day, model);
CREATE INDEX ix_charges_account ON charges (account_id);
