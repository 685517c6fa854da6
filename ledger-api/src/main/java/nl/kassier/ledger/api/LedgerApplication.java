package nl.kassier.ledger.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import nl.kassier.ledger.api.statement.OfflineStatement;
import nl.kassier.ledger.infra.audit.ChainExport;
import nl.kassier.ledger.infra.audit.ChainVerifier;
import nl.kassier.ledger.infra.audit.CheckpointKey;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The kassier ledger service. */
@SpringBootApplication(scanBasePackages = "nl.kassier.ledger")
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && "verify".equals(args[0])) {
            System.exit(verifyExport(args));
        }
        if (args.length >= 1 && "statement".equals(args[0])) {
            System.exit(OfflineStatement.run(Clock.systemUTC(), System.out, System.err, args));
        }
        disableAxonUpdateChecker();
        try {
            SpringApplication.run(LedgerApplication.class, args);
        } catch (RuntimeException failure) {
            // The log above holds the whole story; the last line says what it comes down to.
            System.err.println("kassier-ledger did not start: " + rootCause(failure));
            System.exit(1);
        }
    }

    /** The innermost cause of {@code failure}, as one line. */
    static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().strip();
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end).strip();
        return line.isEmpty()
                ? root.getClass().getName()
                : line + " (" + root.getClass().getSimpleName() + ")";
    }

    /**
     * {@code java -jar kassier-ledger.jar verify export.jsonl [--public-key KEY]}: checks an export's hash chain and its
     * signed checkpoints on the auditor's own machine, without the service or its database. {@code KEY} is the
     * checkpoint key the kassier publishes ({@code GET /api/v1/audit/checkpoints}: the base64 text, or a file holding
     * it); without it, the export's own key is used, and the output says so. Prints the result as JSON; exits 0 when
     * valid, 1 when not, 2 when the file or the key cannot be read.
     */
    static int verifyExport(String... args) throws IOException {
        Path export = Path.of(args[1]);
        PublicKey pinned = null;
        if (args.length == 4 && "--public-key".equals(args[2])) {
            String key = args[3];
            Path keyFile = Path.of(key);
            try {
                pinned = CheckpointKey.publicKey(Files.isReadable(keyFile) ? Files.readString(keyFile) : key);
            } catch (IllegalArgumentException e) {
                System.err.println("not an Ed25519 public key: " + key);
                return 2;
            }
        } else if (args.length != 2) {
            System.err.println("usage: java -jar kassier-ledger.jar verify export.jsonl [--public-key KEY]");
            return 2;
        }
        if (!Files.isReadable(export)) {
            System.err.println("cannot read " + export);
            return 2;
        }
        ChainVerifier.Result result = ChainExport.verify(export, pinned);
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        if (pinned == null && result.keyId() != null) {
            System.err.println("checkpoints checked with the key the export names (" + result.keyId()
                    + "); compare it with the key the kassier publishes, or pass --public-key");
        }
        return result.valid() ? 0 : 1;
    }

    /**
     * Axon's update checker calls an outside host at start. A government ledger makes no such call, and on a closed
     * network it stalls the start for minutes.
     */
    public static void disableAxonUpdateChecker() {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }
}
