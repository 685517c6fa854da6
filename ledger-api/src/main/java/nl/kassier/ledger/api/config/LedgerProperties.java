package nl.kassier.ledger.api.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service's own settings, bound from {@code ledger.*} (environment {@code LEDGER_*}).
 *
 * @param dataDir where the embedded PostgreSQL keeps its data ({@code LEDGER_DATA_DIR}, default {@code ./data})
 * @param db an external PostgreSQL server; when its url is blank the embedded one is started
 * @param demo whether to record the illustrative demo allocation and activity ({@code LEDGER_DEMO})
 * @param usersFile the YAML users file for HTTP Basic ({@code LEDGER_USERS_FILE}); blank for the shipped demo users
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(Path dataDir, Db db, boolean demo, String usersFile) {

    public LedgerProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        db = db == null ? new Db(null, null, null) : db;
    }

    public record Db(String url, String user, String password) {

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }
}
