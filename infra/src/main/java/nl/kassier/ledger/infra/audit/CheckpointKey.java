package nl.kassier.ledger.infra.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The key that signs checkpoints of the hash chain: an Ed25519 key pair from the JDK, its private half in a file that
 * the database never sees ({@code ledger.checkpoint.key-file}). Every node of one ledger uses the same file. The
 * public half verifies checkpoints, online and in an export; its {@link #keyId()} is what an auditor compares with the
 * one the kassier publishes.
 */
public final class CheckpointKey {

    private static final String ALGORITHM = "Ed25519";
    private static final int KEY_ID_CHARACTERS = 16;
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final int SEED_LENGTH = 32;
    /** The PKCS#8 form of an Ed25519 key without its public key: 16 bytes of structure and the seed. */
    private static final int PKCS8_SEED_ONLY_LENGTH = 16 + SEED_LENGTH;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * The key in {@code file} (PKCS#8, PEM), created there with a new key pair if the file does not exist yet. Two
     * nodes creating it at once end up with the same key: the file is written aside and moved into place only if it
     * is still absent.
     */
    public static CheckpointKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return load(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the checkpoint key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
        String pem = BEGIN + "\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n" + END + "\n";
        Path aside = Files.createTempFile(directory, file.getFileName().toString(), ".new");
        try {
            Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX permissions keeps the directory's own.
        }
        Files.writeString(aside, pem, StandardCharsets.US_ASCII);
        try {
            // A hard link fails if the name exists: the first node to create the key wins, the others read it.
            Files.createLink(file, aside);
        } catch (FileAlreadyExistsException another) {
            // Created at the same moment by another node: its key is the ledger's.
        } catch (UnsupportedOperationException | IOException noLinks) {
            if (!Files.exists(file)) {
                Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
        }
        Files.deleteIfExists(aside);
    }

    static CheckpointKey load(String pem) {
        String base64 = pem.replace(BEGIN, "").replace(END, "").replaceAll("\\s", "");
        try {
            KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = keys.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new CheckpointKey(privateKey, publicKeyOf(privateKey));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the checkpoint key file does not hold an Ed25519 private key", e);
        }
    }

    /**
     * The public half of an Ed25519 private key. A PKCS#8 key as the JDK and OpenSSL write it carries only the 32-byte
     * seed, and the JDK has no call that derives the public key from it; its key pair generator does, when the seed is
     * what it draws. The result is checked by a signature before it is trusted.
     */
    private static PublicKey publicKeyOf(PrivateKey privateKey) throws GeneralSecurityException {
        byte[] encoded = privateKey.getEncoded();
        if (encoded.length != PKCS8_SEED_ONLY_LENGTH) {
            throw new GeneralSecurityException("an Ed25519 key in PKCS#8 of " + PKCS8_SEED_ONLY_LENGTH + " bytes");
        }
        byte[] seed = Arrays.copyOfRange(encoded, encoded.length - SEED_LENGTH, encoded.length);
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
        PublicKey derived = generator.generateKeyPair().getPublic();
        byte[] probe = "kassier-checkpoint-key-probe".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(ALGORITHM);
        signer.initSign(privateKey);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(ALGORITHM);
        verifier.initVerify(derived);
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("the public key derived from the seed does not verify its signature");
        }
        return derived;
    }

    /** A "random" source that returns one seed: how the JDK derives the public key of a known Ed25519 seed. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }

    /** Signs that the event at {@code position} has {@code hash}, at {@code signedAt} (kept to the millisecond). */
    public ChainCheckpoint sign(long position, String hash, Instant when) {
        Instant signedAt = when.truncatedTo(ChronoUnit.MILLIS);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(ChainCheckpoint.signedContent(position, hash, signedAt));
            return new ChainCheckpoint(
                    position, hash, signedAt, keyId(), Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a checkpoint", e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as X.509 (SubjectPublicKeyInfo), base64: what an export carries and an auditor may pin. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public String keyId() {
        return keyId(publicKey);
    }

    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest).substring(0, KEY_ID_CHARACTERS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A public key as {@link #publicKeyBase64()} writes it. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** Whether {@code checkpoint} is signed by {@code key}. */
    public static boolean isSignedBy(ChainCheckpoint checkpoint, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(checkpoint.signedContent());
            return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
