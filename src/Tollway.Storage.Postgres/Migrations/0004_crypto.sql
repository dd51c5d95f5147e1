-- Crypto funding: the wallets that own accounts, and each chain's deposit watcher state (cursor, recent block hashes
-- for reorg detection, and every stablecoin transfer to the treasury it saw). The same tables as the SQLite schema.

-- A wallet owns one account for ever; the address is stored lower case (0x and 40 hex digits).
CREATE TABLE wallets (
    address     text    NOT NULL PRIMARY KEY,
    account_id  text    NOT NULL REFERENCES accounts (id),
    created_at  bigint  NOT NULL
);

CREATE INDEX ix_wallets_account ON wallets (account_id);

-- Where a chain's watcher resumes: the next block it has not scanned.
CREATE TABLE chain_cursors (
    chain_id    bigint  NOT NULL PRIMARY KEY,
    next_block  bigint  NOT NULL,
    updated_at  bigint  NOT NULL
);

-- The hashes of recently scanned blocks: a block whose hash or parent no longer matches the chain was reorganised away.
CREATE TABLE chain_blocks (
    chain_id     bigint  NOT NULL,
    number       bigint  NOT NULL,
    hash         text    NOT NULL,
    parent_hash  text    NOT NULL,
    PRIMARY KEY (chain_id, number)
);

-- Token transfers to the treasury, unique on (chain, transaction, log index): pending when seen, credited at depth
-- (or unclaimed until the sending wallet first signs in), removed when a reorg drops them. Amounts: the raw token
-- units as decimal text (uint256), the nano-USD credited, and the dust below one nano-USD, kept, never rounded.
CREATE TABLE deposits (
    chain_id      bigint  NOT NULL,
    tx_hash       text    NOT NULL,
    log_index     integer NOT NULL,
    block_number  bigint  NOT NULL,
    block_hash    text    NOT NULL,
    token         text    NOT NULL,
    sender        text    NOT NULL,
    raw_amount    text    NOT NULL,
    amount        bigint  NOT NULL,
    dust          text    NOT NULL,
    status        integer NOT NULL,
    account_id    text    NULL,
    seen_at       bigint  NOT NULL,
    confirmed_at  bigint  NULL,
    PRIMARY KEY (chain_id, tx_hash, log_index)
);

CREATE INDEX ix_deposits_sender ON deposits (sender, status);
CREATE INDEX ix_deposits_account ON deposits (account_id, seen_at);
CREATE INDEX ix_deposits_chain_status ON deposits (chain_id, status, block_number);
