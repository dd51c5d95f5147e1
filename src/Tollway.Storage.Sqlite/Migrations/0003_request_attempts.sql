-- Failover: the request log lists each attempt of a request (endpoint and outcome, in order).
ALTER TABLE request_log ADD COLUMN attempts TEXT NULL;
