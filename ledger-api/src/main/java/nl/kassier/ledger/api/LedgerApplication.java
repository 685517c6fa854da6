package nl.kassier.ledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The kassier ledger service. */
@SpringBootApplication(scanBasePackages = "nl.kassier.ledger")
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) {
        disableAxonUpdateChecker();
        SpringApplication.run(LedgerApplication.class, args);
    }

    /**
     * Axon's update checker calls an outside host at start. A government ledger makes no such call, and on a closed
     * network it stalls the start for minutes.
     */
    public static void disableAxonUpdateChecker() {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }
}
