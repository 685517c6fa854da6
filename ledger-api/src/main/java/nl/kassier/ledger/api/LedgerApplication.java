package nl.kassier.ledger.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import nl.kassier.ledger.infra.audit.ChainExport;
import nl.kassier.ledger.infra.audit.ChainVerifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The kassier ledger service. */
@SpringBootApplication(scanBasePackages = "nl.kassier.ledger")
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && "verify".equals(args[0])) {
            System.exit(verifyExport(Path.of(args[1])));
        }
        disableAxonUpdateChecker();
        SpringApplication.run(LedgerApplication.class, args);
    }

    /**
     * {@code java -jar kassier-ledger.jar verify export.jsonl}: checks an export's hash chain on the auditor's own
     * machine, without the service or its database. Prints the result as JSON; exits 0 when valid, 1 when not.
     */
    static int verifyExport(Path export) throws IOException {
        if (!java.nio.file.Files.isReadable(export)) {
            System.err.println("cannot read " + export);
            return 2;
        }
        ChainVerifier.Result result = ChainExport.verify(export);
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
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
