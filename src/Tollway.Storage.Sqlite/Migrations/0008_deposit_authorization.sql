-- A deposit that is an EIP-3009 transfer (an x402 payment, whichever path saw it first) keeps the authorization's
-- nonce (0x + 64 hex digits): it is credited under the x402 reference the gateway uses, so the two paths credit once.
ALTER TABLE deposits ADD COLUMN authorization_nonce TEXT NULL;
