package nl.kassier.ledger.core.privacy;

import java.util.Objects;

/**
 * A reservation's {@link PersonalData} as its event holds it: AES-GCM ciphertext ({@code ciphertext}, base64 of nonce
 * and sealed bytes) under the key {@code keyId}, which lives outside the event store and which erasure destroys. The
 * hash chain covers the ciphertext, so verifying the ledger never needs a key.
 *
 * <p>An event recorded before personal data was sealed is read with its data {@code clear} and no key ({@link
 * #legacy}): nothing is ever rewritten, so such an event keeps what it held.
 */
public record SealedPersonalData(String keyId, String ciphertext, PersonalData clear) {

    public SealedPersonalData {
        if (clear == null) {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(ciphertext, "ciphertext");
        } else if (keyId != null || ciphertext != null) {
            throw new IllegalArgumentException("either sealed under a key or recorded in the clear, never both");
        }
    }

    public static SealedPersonalData sealed(String keyId, String ciphertext) {
        return new SealedPersonalData(keyId, ciphertext, null);
    }

    /** The data of an event recorded before sealing, as it was recorded. */
    public static SealedPersonalData legacy(PersonalData clear) {
        return new SealedPersonalData(null, null, Objects.requireNonNull(clear, "clear"));
    }

    public boolean isLegacy() {
        return clear != null;
    }
}
