-- The hash chain (docs/adr/0005). Every event row carries the SHA-256 of its canonical content and of the previous
-- row's hash, computed here, in the appending transaction, so that no event can be altered, removed or reordered
-- unnoticed. Appends take a transaction-scoped advisory lock first: with any number of service nodes, rows are
-- chained, numbered and committed one transaction at a time, so positions follow commit order and the chain has no
-- forks. recorded_at is the ledger's own clock, monotonic along the positions.

ALTER TABLE domain_event_entry
    ADD COLUMN recorded_at   TIMESTAMPTZ,
    ADD COLUMN previous_hash CHAR(64),
    ADD COLUMN hash          CHAR(64);

-- Positions come from this sequence under the chain lock, no longer from an identity default taken before it.
ALTER TABLE domain_event_entry ALTER COLUMN global_index DROP IDENTITY IF EXISTS;
CREATE SEQUENCE domain_event_position CACHE 1;
SELECT setval('domain_event_position', COALESCE((SELECT max(global_index) FROM domain_event_entry), 0) + 1, false);

-- The canonical form: each field length-prefixed (4 bytes, big-endian; -1 for null), numbers as 8 bytes big-endian,
-- recorded_at as microseconds since the epoch. nl.kassier.ledger.infra.audit.EventHashing computes the same bytes.
CREATE FUNCTION event_field(value bytea) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN int4send(-1) ELSE int4send(length(value)) || value END
$$;

CREATE FUNCTION event_text(value text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT event_field(convert_to(value, 'UTF8'))
$$;

CREATE FUNCTION event_hash(
    p_previous_hash text, p_position bigint, p_recorded_at timestamptz, p_event_identifier text,
    p_aggregate_identifier text, p_sequence_number bigint, p_type text, p_time_stamp text, p_payload_type text,
    p_payload_revision text, p_payload bytea, p_meta_data bytea) RETURNS char(64) LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(
        event_text(p_previous_hash)
        || int8send(p_position)
        || int8send((extract(epoch FROM p_recorded_at) * 1000000)::bigint)
        || event_text(p_event_identifier)
        || event_text(p_aggregate_identifier)
        || int8send(p_sequence_number)
        || event_text(p_type)
        || event_text(p_time_stamp)
        || event_text(p_payload_type)
        || event_text(p_payload_revision)
        || event_field(p_payload)
        || event_field(p_meta_data)), 'hex')
$$;

CREATE FUNCTION chain_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous char(64);
BEGIN
    -- One appending transaction at a time, held until it commits or rolls back.
    PERFORM pg_advisory_xact_lock(4849283746373820417);
    NEW.global_index := nextval('domain_event_position');
    NEW.recorded_at := date_trunc('microseconds', clock_timestamp());
    SELECT e.hash INTO previous FROM domain_event_entry e ORDER BY e.global_index DESC LIMIT 1;
    NEW.previous_hash := COALESCE(previous, repeat('0', 64));
    NEW.hash := event_hash(NEW.previous_hash, NEW.global_index, NEW.recorded_at, NEW.event_identifier,
        NEW.aggregate_identifier, NEW.sequence_number, NEW.type, NEW.time_stamp, NEW.payload_type,
        NEW.payload_revision, NEW.payload, NEW.meta_data);
    RETURN NEW;
END;
$$;

-- Events recorded before this migration are chained now, in their order, once.
ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_append_only;
UPDATE domain_event_entry SET recorded_at = date_trunc('microseconds', time_stamp::timestamptz);
DO $$
DECLARE
    event record;
    previous char(64) := repeat('0', 64);
    chained char(64);
BEGIN
    FOR event IN SELECT * FROM domain_event_entry ORDER BY global_index LOOP
        chained := event_hash(previous, event.global_index, event.recorded_at, event.event_identifier,
            event.aggregate_identifier, event.sequence_number, event.type, event.time_stamp, event.payload_type,
            event.payload_revision, event.payload, event.meta_data);
        UPDATE domain_event_entry SET previous_hash = previous, hash = chained
         WHERE global_index = event.global_index;
        previous := chained;
    END LOOP;
END;
$$;
ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_append_only;

ALTER TABLE domain_event_entry
    ALTER COLUMN recorded_at SET NOT NULL,
    ALTER COLUMN previous_hash SET NOT NULL,
    ALTER COLUMN hash SET NOT NULL;

CREATE TRIGGER domain_event_entry_chain
    BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION chain_event();
