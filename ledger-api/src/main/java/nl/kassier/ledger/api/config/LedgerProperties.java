package nl.kassier.ledger.api.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service's own settings, bound from {@code ledger.*} (environment {@code LEDGER_*}).
 *
 * @param dataDir where the embedded PostgreSQL keeps its data ({@code LEDGER_DATA_DIR}, default {@code ./data})
 * @param db an external PostgreSQL server; when its url is blank the embedded one is started
 * @param demo whether to record the illustrative demo allocation and activity ({@code LEDGER_DEMO})
 * @param usersFile the YAML users file for HTTP Basic ({@code LEDGER_USERS_FILE}); blank for the shipped demo users
 * @param publicUrl the address clients reach the service at, as the OpenAPI document names it ({@code
 *     LEDGER_PUBLIC_URL}; default {@code /}, the address the document was fetched from), never taken from a request
 * @param checkpoint how the hash chain is anchored (docs/adr/0008)
 * @param jwt how the production profile checks bearer tokens
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(
        Path dataDir, Db db, boolean demo, String usersFile, String publicUrl, Checkpoint checkpoint, Jwt jwt) {

    public LedgerProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        db = db == null ? new Db(null, null, null) : db;
        publicUrl = publicUrl == null || publicUrl.isBlank() ? "/" : publicUrl;
        checkpoint = checkpoint == null ? new Checkpoint(null, null) : checkpoint;
        jwt = jwt == null ? new Jwt(null) : jwt;
    }

    /** @param audience the {@code aud} every token must name ({@code LEDGER_JWT_AUDIENCE}); required in production */
    public record Jwt(String audience) {}

    /**
     * @param keyFile the Ed25519 private key that signs the chain's checkpoints ({@code LEDGER_CHECKPOINT_KEY_FILE}),
     *     the same file on every node; created on the first start if absent; default {@code checkpoint-signing.key}
     *     in the data directory. Never in the database.
     * @param interval how often the chain's head is signed, if it has moved ({@code LEDGER_CHECKPOINT_INTERVAL},
     *     default a minute)
     */
    public record Checkpoint(String keyFile, Duration interval) {

        public Checkpoint {
            keyFile = keyFile == null || keyFile.isBlank() ? null : keyFile;
            interval = interval == null ? Duration.ofMinutes(1) : interval;
        }
    }

    public record Db(String url, String user, String password) {

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }
}
