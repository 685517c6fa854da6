package nl.kassier.ledger.infra.payment;

import java.util.List;
import java.util.Optional;
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

    @Override
    public boolean claim(PaymentId paymentId, ReservationId reservationId, String idempotencyKeyDigest) {
        // A key claimed at the same moment by another node's payment breaks the key's unique index: the command is
        // then retried, and finds the key taken (holderOfKey).
        int inserted = jdbc.update(
                "INSERT INTO payment_id_claim (payment_id, reservation_id, idempotency_key) VALUES (?, ?, ?)"
                        + " ON CONFLICT (payment_id) DO NOTHING",
                paymentId.value(),
                reservationId.value(),
                idempotencyKeyDigest);
        if (inserted == 1) {
            return true;
        }
        List<String> holder = jdbc.queryForList(
                "SELECT reservation_id FROM payment_id_claim WHERE payment_id = ?", String.class, paymentId.value());
        return holder.size() == 1 && holder.get(0).equals(reservationId.value());
    }

    @Override
    public Optional<ReservationId> holderOfKey(String idempotencyKeyDigest) {
        return jdbc
                .queryForList(
                        "SELECT reservation_id FROM payment_id_claim WHERE idempotency_key = ?",
                        String.class,
                        idempotencyKeyDigest)
                .stream()
                .findFirst()
                .map(ReservationId::new);
    }
}
