package nl.kassier.ledger.api.statement;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.kassier.ledger.api.budget.ReservationRequests;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.region.Region;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.infra.audit.ChainExport;
import nl.kassier.ledger.infra.audit.ChainPoint;
import nl.kassier.ledger.infra.audit.ChainVerifier;
import nl.kassier.ledger.infra.audit.ChainedEvent;
import nl.kassier.ledger.infra.audit.CheckpointKey;
import nl.kassier.ledger.infra.audit.RecordedEvents;
import nl.kassier.ledger.infra.json.LedgerJsonModule;
import nl.kassier.ledger.projections.statement.Statement;
import nl.kassier.ledger.projections.statement.StatementComputation;

/**
 * {@code java -jar kassier-ledger.jar statement export.jsonl --region R --year Y [--on DATE]}: a region's statement
 * recomputed on the auditor's own machine from an export alone, without the service or its database. The export's
 * chain is verified first (as {@code verify} does, with the key the export names); then its events are read and folded
 * as the service reads and folds them ({@link StatementComputation}), and the statement is printed as the endpoint
 * answers it, without {@code asOf}. With {@code --public-key} (the key the kassier publishes, or a file holding it)
 * the export must hold checkpoints signed by it. Exits 0 with the statement, 1 when the export is not valid, 2 when
 * the arguments, the key or the file cannot be read.
 */
public final class OfflineStatement {

    static final String USAGE = "usage: java -jar kassier-ledger.jar statement export.jsonl --region REGION --year YEAR"
            + " [--on YYYY-MM-DD] [--public-key KEY]";

    private static final Set<String> OPTIONS = Set.of("--region", "--year", "--on", "--public-key");

    private OfflineStatement() {}

    public static int run(Clock clock, PrintStream out, PrintStream err, String... args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 >= args.length || options.put(args[i], args[i + 1]) != null) {
                err.println(USAGE);
                return 2;
            }
        }
        if (args.length < 2 || !options.containsKey("--region") || !options.containsKey("--year")) {
            err.println(USAGE);
            return 2;
        }
        Path export = Path.of(args[1]);
        Optional<Region> region = Regions.find(options.get("--region"));
        if (region.isEmpty()) {
            err.println("no region " + options.get("--region") + "; " + USAGE);
            return 2;
        }
        String yearText = options.get("--year");
        int year = yearText.matches("[0-9]{4}") ? Integer.parseInt(yearText) : -1;
        if (year < ReservationRequests.YEAR_MIN || year > ReservationRequests.YEAR_MAX) {
            err.println("no year " + yearText + " (" + ReservationRequests.YEAR_MIN + " to "
                    + ReservationRequests.YEAR_MAX + "); " + USAGE);
            return 2;
        }
        LocalDate legalDate;
        String on = options.get("--on");
        try {
            legalDate = on == null ? LocalDate.now(clock.withZone(LegalDates.ZONE)) : LocalDate.parse(on);
            LegalDates.requireInRange(legalDate, "on");
        } catch (DateTimeParseException | IllegalArgumentException e) {
            err.println("not a date between 2000-01-01 and 2100-12-31: " + on);
            return 2;
        }
        PublicKey pinned = null;
        if (options.containsKey("--public-key")) {
            String key = options.get("--public-key");
            Path keyFile = Path.of(key);
            try {
                pinned = CheckpointKey.publicKey(Files.isReadable(keyFile) ? Files.readString(keyFile) : key);
            } catch (IllegalArgumentException e) {
                err.println("not an Ed25519 public key: " + key);
                return 2;
            }
        }
        if (!Files.isReadable(export)) {
            err.println("cannot read " + export);
            return 2;
        }
        BudgetId budget = new BudgetId(region.get().code(), year);
        // One pass: the events folded are exactly the ones the chain accepted.
        List<ChainedEvent> regeling = new ArrayList<>();
        List<ChainedEvent> budgetEvents = new ArrayList<>();
        ChainVerifier.Result verified = ChainExport.verify(export, pinned, event -> {
            if (Regeling.ID.equals(event.aggregateIdentifier())) {
                regeling.add(event);
            } else if (budget.value().equals(event.aggregateIdentifier())) {
                budgetEvents.add(event);
            }
        });
        if (!verified.valid()) {
            err.println("the export's chain is not valid, so no statement is drawn from it: " + verified.reason()
                    + (verified.firstInvalidPosition() == null
                            ? ""
                            : " (position " + verified.firstInvalidPosition() + ")"));
            return 1;
        }
        if (pinned == null && verified.keyId() != null) {
            err.println("checkpoints checked with the key the export names (" + verified.keyId()
                    + "); compare it with the key the kassier publishes, or pass --public-key");
        }
        Statement statement = StatementComputation.regional(
                budget.region(),
                budget.year(),
                legalDate,
                null,
                StatementComputation.Law.of(RecordedEvents.messages(regeling), last(regeling)),
                RecordedEvents.messages(budgetEvents),
                last(budgetEvents));
        out.println(json().writeValueAsString(statement));
        return 0;
    }

    private static ChainPoint last(List<ChainedEvent> events) {
        return events.isEmpty() ? null : ChainPoint.of(events.get(events.size() - 1));
    }

    /**
     * The JSON of the service's answers (application.yml: absent fields left out, dates as ISO text; amounts as decimal
     * strings by the ledger's module), written compact as the endpoint writes it.
     */
    static ObjectMapper json() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(LedgerJsonModule.forWire())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .defaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
    }
}
