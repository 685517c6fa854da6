package nl.kassier.ledger.api.web;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;

/**
 * The {@code Idempotency-Key} header: 1 to 64 visible ASCII characters. A key is turned into the identifier of what
 * the request creates, scoped to the user, so that a retry names the same thing and the aggregate that owns it
 * recognises the retry, also after a crash: the event store is the only record of it.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern FORMAT = Pattern.compile("[!-~]{1,64}");

    private IdempotencyKeys() {}

    /** The key, checked; empty when the request has none. */
    public static Optional<String> validated(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (!FORMAT.matcher(header).matches()) {
            throw new LedgerRejection(
                    LedgerErrorCode.VALIDATION_FAILED,
                    "the request is not valid",
                    java.util.List.of(new FieldError(HEADER, "1 to 64 visible ASCII characters")));
        }
        return Optional.of(header);
    }

    /** The same identifier for the same user, scope and key; a fresh one without a key. */
    public static UUID identifier(Optional<String> key, String username, String scope) {
        return key.map(k ->
                        UUID.nameUUIDFromBytes((username + "\n" + scope + "\n" + k).getBytes(StandardCharsets.UTF_8)))
                .orElseGet(UUID::randomUUID);
    }
}
