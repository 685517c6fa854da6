package nl.kassier.ledger.infra.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.privacy.PersonalData;
import nl.kassier.ledger.core.privacy.PersonalDataVault;
import nl.kassier.ledger.core.privacy.SealedPersonalData;
import nl.kassier.ledger.infra.json.LedgerObjectMappers;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Personal data sealed with AES-256-GCM from the JDK under a key per candidate in {@code personal_data_key}, and the
 * candidates named by HMAC-SHA-256 under the ledger's secret in {@code ledger_secret}.
 *
 * <p>A key is made in the transaction that records the first reservation for its candidate, so a refused or rolled
 * back request leaves none behind; two nodes making one at once meet on the unique index of live keys and both use
 * the one that committed. Each sealing takes a fresh random nonce; the key's id is the additional authenticated data,
 * so ciphertext moved to another key's name does not open. Erasure ({@link #destroy}) sets the key to null: from then
 * on nothing opens what it sealed, on any node, because every opening reads the key from the table.
 */
public final class JdbcPersonalDataVault implements PersonalDataVault {

    static final String SECRET_NAME = "candidate-digest";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int CANDIDATE_ID_HEX = CandidateId.LENGTH;

    private final JdbcTemplate jdbc;
    private final byte[] secret;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = LedgerObjectMappers.forStorage();

    /**
     * Reads the ledger's secret, making it on the first start. Call outside any transaction: the secret must be
     * committed before anything is digested with it.
     */
    public JdbcPersonalDataVault(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        jdbc.update(
                "INSERT INTO ledger_secret (name, secret) VALUES (?, ?) ON CONFLICT DO NOTHING", SECRET_NAME, fresh);
        this.secret = jdbc.queryForObject("SELECT secret FROM ledger_secret WHERE name = ?", byte[].class, SECRET_NAME);
    }

    @Override
    public CandidateId candidateOf(CandidateRef ref) {
        return new CandidateId(mac("candidate|" + ref.value()).substring(0, CANDIDATE_ID_HEX));
    }

    @Override
    public String fingerprint(String digest) {
        return mac("fingerprint|" + digest);
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public SealedPersonalData seal(CandidateId candidate, PersonalData data) {
        Key key = candidate == null ? newKey(null) : liveKey(candidate);
        byte[] plain;
        try {
            plain = json.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key.bytes, key.id, nonce, plain);
        byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length)
                .put(nonce)
                .put(sealed)
                .array();
        return SealedPersonalData.sealed(key.id.toString(), Base64.getEncoder().encodeToString(stored));
    }

    private record Key(UUID id, byte[] bytes) {}

    private Key liveKey(CandidateId candidate) {
        for (int attempt = 0; attempt < 3; attempt++) {
            List<Key> live = jdbc.query(
                    "SELECT key_id, key FROM personal_data_key WHERE candidate = ? AND destroyed_at IS NULL",
                    (rs, n) -> new Key(rs.getObject("key_id", UUID.class), rs.getBytes("key")),
                    candidate.value());
            if (!live.isEmpty()) {
                return live.get(0);
            }
            Optional<Key> made = insertKey(candidate.value());
            if (made.isPresent()) {
                return made.get();
            }
            // Another transaction made the candidate's key at the same moment and committed it: read that one.
        }
        throw new IllegalStateException("no live key could be made or found for a candidate");
    }

    private Key newKey(String candidate) {
        return insertKey(candidate).orElseThrow();
    }

    private Optional<Key> insertKey(String candidate) {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        UUID id = UUID.randomUUID();
        int made = jdbc.update(
                "INSERT INTO personal_data_key (key_id, candidate, key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                id,
                candidate,
                bytes);
        return made == 1 ? Optional.of(new Key(id, bytes)) : Optional.empty();
    }

    @Override
    public CandidateRef standIn(String stored) {
        return CandidateRef.standIn(mac("legacy|" + stored));
    }

    @Override
    public Optional<PersonalData> open(CandidateId candidate, SealedPersonalData sealed) {
        if (sealed.isLegacy()) {
            return candidate != null && wasErased(candidate) ? Optional.empty() : Optional.of(sealed.clear());
        }
        List<byte[]> key = jdbc.query(
                "SELECT key FROM personal_data_key WHERE key_id = ?",
                (rs, n) -> rs.getBytes("key"),
                UUID.fromString(sealed.keyId()));
        return key.isEmpty() ? Optional.empty() : open(sealed, key.get(0));
    }

    /**
     * What {@code sealed} holds, opened with {@code key} as a query read it beside the row (null once destroyed):
     * empty when the key is gone.
     */
    public Optional<PersonalData> open(SealedPersonalData sealed, byte[] key) {
        if (sealed.isLegacy()) {
            return Optional.of(sealed.clear());
        }
        if (key == null) {
            return Optional.empty();
        }
        byte[] stored = Base64.getDecoder().decode(sealed.ciphertext());
        byte[] nonce = java.util.Arrays.copyOfRange(stored, 0, NONCE_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(stored, NONCE_BYTES, stored.length);
        byte[] plain = cipher(Cipher.DECRYPT_MODE, key, UUID.fromString(sealed.keyId()), nonce, body);
        try {
            return Optional.of(json.readValue(plain, PersonalData.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] cipher(int mode, byte[] key, UUID keyId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.toString().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed personal data did not open: altered, or under another key", e);
        }
    }

    /** Whether the ledger ever held a key for {@code candidate}, live or destroyed. */
    public boolean knows(CandidateId candidate) {
        Boolean known = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM personal_data_key WHERE candidate = ?)",
                Boolean.class,
                candidate.value());
        return Boolean.TRUE.equals(known);
    }

    /**
     * Destroys every live key of {@code candidate}, in the caller's transaction, and returns how many. When it has none
     * (a candidate known only from events recorded before sealing), a destroyed key is laid down as the mark that the
     * candidate is erased, so that read models rebuilt later still leave the pseudonym out. The reservation read model
     * holds a pseudonym in the clear only from such events; it is cleared here, in the same transaction.
     */
    @Override
    public int destroy(CandidateId candidate) {
        int destroyed = jdbc.update(
                "UPDATE personal_data_key SET key = NULL, destroyed_at = now() WHERE candidate = ? AND destroyed_at IS NULL",
                candidate.value());
        if (destroyed == 0 && !knows(candidate)) {
            jdbc.update(
                    "INSERT INTO personal_data_key (key_id, candidate, key, destroyed_at) VALUES (?, ?, NULL, now())",
                    UUID.randomUUID(),
                    candidate.value());
        }
        jdbc.update(
                "UPDATE reservation_view SET candidate_ref = NULL, candidate_erased = true WHERE candidate = ?",
                candidate.value());
        return destroyed;
    }

    /**
     * Whether {@code candidate} was ever erased: what a read model asks of an event recorded in the clear, which came
     * before every erasure.
     */
    public boolean wasErased(CandidateId candidate) {
        Boolean erased = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM personal_data_key WHERE candidate = ? AND destroyed_at IS NOT NULL)",
                Boolean.class,
                candidate.value());
        return Boolean.TRUE.equals(erased);
    }
}
