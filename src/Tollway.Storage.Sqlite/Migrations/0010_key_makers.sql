-- Who made a key: the key that made it through the account API, NULL for a key made by a wallet session, the admin
-- API or the CLI. A maker's spend caps, rates and concurrency count every key under it, and revoking it revokes them.
ALTER TABLE api_keys ADD COLUMN maker_key_id TEXT NULL REFERENCES api_keys (id);

-- The family of a key is read by walking down from it (spend caps, revocation).
CREATE INDEX ix_api_keys_maker ON api_keys (maker_key_id) WHERE maker_key_id IS NOT NULL;
