-- A charge is one row: the charges row is the charge's journal entry. Its postings are not stored but follow from the
-- row, always the same three legs (the user pays provider_cost + markup; provider cost and markup revenue receive
-- them), so they balance by construction; its reference is 'charge:' || request_id, unique because request_id is.
-- Charges draw their journal sequence from ledger_transactions' own sequence, so the journal keeps one order.
-- Before, each charge wrote five rows and fourteen index entries; the single charge writer spent its time there.

-- Existing charges move over only if their stored postings are exactly the legs the row implies; otherwise the
-- migration fails and changes nothing, rather than rewrite the books.
DO $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM charges c
        WHERE c.provider_cost < 0 OR c.markup < 0
           OR NOT EXISTS (SELECT 1 FROM ledger_transactions t
                          WHERE t.sequence = c.transaction_sequence AND t.kind = 1 AND t.reference = 'charge:' || c.request_id)
           OR (SELECT COUNT(*) FROM ledger_postings p WHERE p.transaction_sequence = c.transaction_sequence)
              <> 1 + (c.provider_cost > 0)::int + (c.markup > 0)::int
           OR NOT EXISTS (SELECT 1 FROM ledger_postings p WHERE p.transaction_sequence = c.transaction_sequence
                          AND p.account = 'user:' || c.account_id AND p.amount = -(c.provider_cost + c.markup))
           OR (c.provider_cost > 0 AND NOT EXISTS (SELECT 1 FROM ledger_postings p WHERE p.transaction_sequence = c.transaction_sequence
                          AND p.account = 'system:provider_cost' AND p.amount = c.provider_cost))
           OR (c.markup > 0 AND NOT EXISTS (SELECT 1 FROM ledger_postings p WHERE p.transaction_sequence = c.transaction_sequence
                          AND p.account = 'system:markup_revenue' AND p.amount = c.markup)))
       OR EXISTS (
        SELECT 1 FROM ledger_transactions t
        WHERE t.kind = 1 AND NOT EXISTS (SELECT 1 FROM charges c WHERE c.transaction_sequence = t.sequence))
    THEN
        RAISE EXCEPTION 'Migration 0005: some charges do not match their journal postings; the books need a look before they can be compacted.';
    END IF;
END
$$;

ALTER TABLE charges DROP CONSTRAINT charges_transaction_sequence_fkey;
ALTER TABLE charges RENAME COLUMN transaction_sequence TO sequence;
ALTER TABLE charges ALTER COLUMN sequence SET DEFAULT nextval('ledger_transactions_sequence_seq');
ALTER TABLE charges DROP CONSTRAINT charges_pkey;
ALTER TABLE charges ADD CONSTRAINT charges_pkey PRIMARY KEY (sequence);
ALTER TABLE charges ADD CONSTRAINT ux_charges_request_id UNIQUE (request_id);
ALTER TABLE charges ADD CONSTRAINT ck_charges_split CHECK (provider_cost >= 0 AND markup >= 0);

DELETE FROM ledger_postings p USING ledger_transactions t WHERE p.transaction_sequence = t.sequence AND t.kind = 1;
DELETE FROM ledger_transactions WHERE kind = 1;

-- An account's journal in order (usage by day and model keeps ix_charges_account_day).
CREATE INDEX ix_charges_account ON charges (account_id, sequence);
