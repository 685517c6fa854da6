package nl.kassier.ledger.infra.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The service's signed statement that the chain's event at {@code position} had the hash {@code hash}: an anchor
 * outside the database's reach. Anyone with write access to the database can alter an event and compute the chain
 * again from there (the hash function is public, and runs in the database itself); no one without the service's
 * private key can sign a checkpoint, so a rewritten or truncated history no longer matches the checkpoints signed
 * before it.
 *
 * @param keyId the first characters of the SHA-256 of the public key that verifies {@code signature}
 * @param signature Ed25519 over {@link #signedContent()}, base64
 */
public record ChainCheckpoint(long position, String hash, Instant signedAt, String keyId, String signature) {

    private static final String DOMAIN = "kassier-chain-checkpoint/1";

    /** What is signed: a fixed label, the position, the hash and the instant, one per line, in UTF-8. */
    public byte[] signedContent() {
        return signedContent(position, hash, signedAt);
    }

    static byte[] signedContent(long position, String hash, Instant signedAt) {
        return (DOMAIN + "\n" + position + "\n" + hash + "\n" + signedAt).getBytes(StandardCharsets.UTF_8);
    }
}
