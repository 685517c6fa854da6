package nl.kassier.ledger.infra.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The signed checkpoints of the hash chain in {@code chain_checkpoint}, in position order. */
public final class ChainCheckpoints {

    private static final String COLUMNS = "position, hash, signed_at, key_id, signature";

    private final JdbcTemplate jdbc;

    public ChainCheckpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code checkpoint}; another node's checkpoint of the same position is left as it is. */
    public void record(ChainCheckpoint checkpoint) {
        jdbc.update(
                "INSERT INTO chain_checkpoint (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING",
                checkpoint.position(),
                checkpoint.hash(),
                Timestamp.from(checkpoint.signedAt()),
                checkpoint.keyId(),
                checkpoint.signature());
    }

    /** Every checkpoint up to and including {@code position}. */
    public List<ChainCheckpoint> upTo(long position) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM chain_checkpoint WHERE position <= ? ORDER BY position",
                ChainCheckpoints::read,
                position);
    }

    public List<ChainCheckpoint> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM chain_checkpoint ORDER BY position", ChainCheckpoints::read);
    }

    public Optional<ChainCheckpoint> latest() {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM chain_checkpoint ORDER BY position DESC LIMIT 1",
                        ChainCheckpoints::read)
                .stream()
                .findFirst();
    }

    private static ChainCheckpoint read(ResultSet rs, int row) throws SQLException {
        return new ChainCheckpoint(
                rs.getLong("position"),
                rs.getString("hash"),
                rs.getTimestamp("signed_at").toInstant(),
                rs.getString("key_id"),
                rs.getString("signature"));
    }
}
