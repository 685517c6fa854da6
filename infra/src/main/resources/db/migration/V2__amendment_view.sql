-- Read model: the versions of the regeling in the order the ledger recorded them. Append-only like the events it
-- is fed by, so filtering it on recorded_at answers "what did the ledger know at that instant".
CREATE TABLE amendment_view (
    amendment_id   VARCHAR(64)  PRIMARY KEY,
    event_position BIGINT       NOT NULL UNIQUE,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    effective_from DATE         NOT NULL,
    actor          VARCHAR(128) NOT NULL,
    document       JSONB        NOT NULL
);
