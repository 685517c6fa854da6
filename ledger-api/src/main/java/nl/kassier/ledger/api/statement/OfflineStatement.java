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
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.region.Region;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.infra.audit.ChainExport;
import nl.kassier.ledger.infra.audit.ChainPoint;
import nl.kassier.ledger.infra.audit.ChainVerifier;
import nl.kassier.ledger.infra.audit.ChainedEvent;
import nl.kassier.ledger.infra.audit.RecordedEvents;
import nl.kassier.ledger.infra.json.LedgerJsonModule;
import nl.kassier.ledger.projections.statement.Statement;
import nl.kassier.ledger.projections.statement.StatementComputation;

/**
 * {@code java -jar kassier-ledger.jar statement export.jsonl --region R --year Y [--on DATE]}: a region's statement
 * recomputed on the auditor's own machine from an export alone, without the service or its database. The export's
 * chain is verified first (as {@code verify} does, with the key the export names); then its events are read and folded
 * as the service reads and folds them ({@link StatementComputation}), and the statement is printed as the endpoint
 * answers it, without {@code asOf}. Exits 0 with the statement, 1 when the export is not valid, 2 when the arguments
 * or the file cannot be read.
 */
public final class OfflineStatement {

    static final String USAGE =
            "usage: java -jar kassier-ledger.jar statement export.jsonl --region REGION --year YEAR [--on YYYY-MM-DD]";

    private OfflineStatement() {}

    public static int run(Clock clock, PrintStream out, PrintStream err, String... args) throws IOException {
        if (args.length < 2) {
            err.println(USAGE);
            return 2;
        }
        Path export = Path.of(args[1]);
        String region = null;
        String year = null;
        String on = null;
        for (int i = 2; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                err.println(USAGE);
                return 2;
            }
            switch (args[i]) {
                case "--region" -> region = args[i + 1];
                case "--year" -> year = args[i + 1];
                case "--on" -> on = args[i + 1];
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
        }
        Optional<Region> found = region == null ? Optional.empty() : Regions.find(region);
        if (found.isEmpty() || year == null || !year.matches("20[0-9]{2}|2100")) {
            err.println(found.isEmpty() ? "no region " + region + "; " + USAGE : "no year " + year + "; " + USAGE);
            return 2;
        }
        LocalDate legalDate;
        try {
            legalDate = on == null ? LocalDate.now(clock.withZone(LegalDates.ZONE)) : LocalDate.parse(on);
            LegalDates.requireInRange(legalDate, "on");
        } catch (DateTimeParseException | IllegalArgumentException e) {
            err.println("not a date between 2000-01-01 and 2100-12-31: " + on);
            return 2;
        }
        if (!Files.isReadable(export)) {
            err.println("cannot read " + export);
            return 2;
        }
        ChainVerifier.Result verified = ChainExport.verify(export, null);
        if (!verified.valid()) {
            err.println("the export's chain is not valid, so no statement is drawn from it: " + verified.reason()
                    + (verified.firstInvalidPosition() == null
                            ? ""
                            : " (position " + verified.firstInvalidPosition() + ")"));
            return 1;
        }
        BudgetId budget = new BudgetId(found.get().code(), Integer.parseInt(year));
        List<ChainedEvent> events = ChainExport.events(
                export, id -> Regeling.ID.equals(id) || budget.value().equals(id));
        List<ChainedEvent> regeling = events.stream()
                .filter(e -> Regeling.ID.equals(e.aggregateIdentifier()))
                .toList();
        List<ChainedEvent> budgetEvents = events.stream()
                .filter(e -> budget.value().equals(e.aggregateIdentifier()))
                .toList();
        Statement statement = StatementComputation.regional(
                budget.region(),
                budget.year(),
                legalDate,
                null,
                StatementComputation.Law.of(RecordedEvents.messages(regeling), last(regeling)),
                RecordedEvents.messages(budgetEvents),
                last(budgetEvents));
        out.println(json().writerWithDefaultPrettyPrinter().writeValueAsString(statement));
        return 0;
    }

    private static ChainPoint last(List<ChainedEvent> events) {
        return events.isEmpty() ? null : ChainPoint.of(events.get(events.size() - 1));
    }

    /** The JSON of the service's answers: amounts as decimal strings, dates as ISO text, absent fields left out. */
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
