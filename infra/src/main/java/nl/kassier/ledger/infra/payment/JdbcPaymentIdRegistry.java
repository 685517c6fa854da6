package nl.kassier.ledger.infra.payment;

import java.util.List;
import java.util.Map;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.PaymentIdRegistry;
import nl.kassier.ledger.core.budget.ReservationId;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Claims payment ids in {@code payment_id_claim}, on the connection of the command's transaction: the claim commits
 * with the payment's event and rolls back with it. A second node claiming the same id waits on the row lock and then
 * sees it taken.
 */
public final class JdbcPaymentIdRegistry implements PaymentIdRegistry {

    private final JdbcTemplate jdbc;

    public JdbcPaymentIdRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One insert in the common case. A conflict on either unique key (the id, or the idempotency key) inserts nothing,
     * also when another node's transaction claimed it at the same moment (the insert waits for it), and the rows that
     * conflicted then tell which.
     */
    @Override
    public Claim claim(PaymentId paymentId, ReservationId reservationId, String idempotencyKeyDigest) {
        int inserted = jdbc.update(
                "INSERT INTO payment_id_claim (payment_id, reservation_id, idempotency_key) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                paymentId.value(),
                reservationId.value(),
                idempotencyKeyDigest);
        if (inserted == 1) {
            return Claim.CLAIMED;
        }
        List<Map<String, Object>> holders = jdbc.queryForList(
                "SELECT payment_id, reservation_id, idempotency_key FROM payment_id_claim"
                        + " WHERE payment_id = ? OR idempotency_key = ?",
                paymentId.value(),
                idempotencyKeyDigest);
        if (idempotencyKeyDigest != null
                && holders.stream().anyMatch(h -> idempotencyKeyDigest.equals(h.get("idempotency_key")))) {
            return Claim.KEY_TAKEN;
        }
        boolean ours = holders.stream()
                .anyMatch(h -> paymentId.value().equals(h.get("payment_id"))
                        && reservationId.value().equals(h.get("reservation_id")));
        return ours ? Claim.CLAIMED : Claim.ID_TAKEN;
    }
}
