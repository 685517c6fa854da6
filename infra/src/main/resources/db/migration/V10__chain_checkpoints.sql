-- Anchors of the hash chain (docs/adr/0008): at intervals the service signs the chain head (position and hash) with a
-- private key the database never holds, and records the signature here. Someone with write access to the database
-- could alter an event and compute the chain again from there, for the hash function is public; they cannot sign,
-- so the rewritten history no longer matches the checkpoints, online or in an export. Append-only like the events.
CREATE TABLE chain_checkpoint (
    position   BIGINT       PRIMARY KEY,
    hash       CHAR(64)     NOT NULL,
    signed_at  TIMESTAMPTZ  NOT NULL,
    key_id     VARCHAR(64)  NOT NULL,
    signature  VARCHAR(200) NOT NULL
);

CREATE TRIGGER chain_checkpoint_append_only
    BEFORE UPDATE OR DELETE ON chain_checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_event_rewrite();

CREATE TRIGGER chain_checkpoint_no_truncate
    BEFORE TRUNCATE ON chain_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_rewrite();
