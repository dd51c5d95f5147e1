-- Each lease gets an id, unique per node and account (the node counts them up): a charge names the lease it was paid
-- from, and shrinks it only while the node still holds that very lease, never a newer one that replaced it. Leases of
-- nodes started before this migration keep 0; their node ids are never used again.
ALTER TABLE balance_leases ADD COLUMN lease_id bigint NOT NULL DEFAULT 0;
