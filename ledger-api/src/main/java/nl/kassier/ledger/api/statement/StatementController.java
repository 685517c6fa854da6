package nl.kassier.ledger.api.statement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import nl.kassier.ledger.api.budget.ReservationController;
import nl.kassier.ledger.api.budget.ReservationRequests;
import nl.kassier.ledger.api.security.Access;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.web.Csv;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Role;
import nl.kassier.ledger.projections.statement.NationalStatement;
import nl.kassier.ledger.projections.statement.Statement;
import nl.kassier.ledger.projections.statement.StatementQueries;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The statements of a budget year on both clocks: {@code on} the legal date (default: the day of {@code asOf}, or
 * today), {@code asOf} the ledger's own (default: now). Drawn from the events recorded by then, never from a read
 * model, with the chain position and hash of the last event counted. JSON, and {@code .csv} and {@code .pdf} at the
 * same path.
 */
@RestController
@RequestMapping(path = "/api/v1")
public class StatementController {

    static final MediaType APPLICATION_PDF = MediaType.APPLICATION_PDF;

    private final StatementQueries statements;
    private final Clock clock;

    public StatementController(StatementQueries statements, Clock clock) {
        this.statements = statements;
        this.clock = clock;
    }

    @GetMapping(path = "/regions/{region}/statements/{year}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Statement regional(
            @PathVariable String region,
            @PathVariable Integer year,
            @RequestParam(required = false) LocalDate on,
            @RequestParam(required = false) Instant asOf,
            @AuthenticationPrincipal LedgerUser user) {
        RegionCode code = ReservationController.region(region);
        Access.requireRoleInRegion(user, code, Role.COORDINATOR, Role.KASSIER, Role.AUDITOR, Role.SZW);
        validateYear(year);
        Instant at = asOf != null ? asOf : clock.instant();
        return statements.regional(code, year, on != null ? on : LocalDate.ofInstant(at, LegalDates.ZONE), at);
    }

    @GetMapping(path = "/regions/{region}/statements/{year}.csv", produces = "text/csv")
    public ResponseEntity<String> regionalCsv(
            @PathVariable String region,
            @PathVariable Integer year,
            @RequestParam(required = false) LocalDate on,
            @RequestParam(required = false) Instant asOf,
            @AuthenticationPrincipal LedgerUser user) {
        Statement statement = regional(region, year, on, asOf, user);
        return file(Csv.TEXT_CSV, name(statement) + ".csv", StatementCsv.of(statement));
    }

    @GetMapping(path = "/regions/{region}/statements/{year}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public ResponseEntity<byte[]> regionalPdf(
            @PathVariable String region,
            @PathVariable Integer year,
            @RequestParam(required = false) LocalDate on,
            @RequestParam(required = false) Instant asOf,
            @AuthenticationPrincipal LedgerUser user) {
        Statement statement = regional(region, year, on, asOf, user);
        return file(APPLICATION_PDF, name(statement) + ".pdf", StatementPdf.of(statement));
    }

    @GetMapping(path = "/statements/{year}", produces = MediaType.APPLICATION_JSON_VALUE)
    public NationalStatement national(
            @PathVariable Integer year,
            @RequestParam(required = false) LocalDate on,
            @RequestParam(required = false) Instant asOf,
            @AuthenticationPrincipal LedgerUser user) {
        Access.requireRole(user, Role.KASSIER, Role.AUDITOR, Role.SZW);
        validateYear(year);
        Instant at = asOf != null ? asOf : clock.instant();
        return statements.national(year, on != null ? on : LocalDate.ofInstant(at, LegalDates.ZONE), at);
    }

    @GetMapping(path = "/statements/{year}.csv", produces = "text/csv")
    public ResponseEntity<String> nationalCsv(
            @PathVariable Integer year,
            @RequestParam(required = false) LocalDate on,
            @RequestParam(required = false) Instant asOf,
            @AuthenticationPrincipal LedgerUser user) {
        NationalStatement statement = national(year, on, asOf, user);
        return file(Csv.TEXT_CSV, "verantwoording_" + year + "_" + statement.on() + ".csv", StatementCsv.of(statement));
    }

    @GetMapping(path = "/statements/{year}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public ResponseEntity<byte[]> nationalPdf(
            @PathVariable Integer year,
            @RequestParam(required = false) LocalDate on,
            @RequestParam(required = false) Instant asOf,
            @AuthenticationPrincipal LedgerUser user) {
        NationalStatement statement = national(year, on, asOf, user);
        return file(
                APPLICATION_PDF, "verantwoording_" + year + "_" + statement.on() + ".pdf", StatementPdf.of(statement));
    }

    private static void validateYear(Integer year) {
        Validation v = new Validation();
        v.range("year", year, ReservationRequests.YEAR_MIN, ReservationRequests.YEAR_MAX);
        v.throwIfInvalid();
    }

    private static String name(Statement statement) {
        return "verantwoording_" + statement.region().value() + "_" + statement.year() + "_" + statement.on();
    }

    private static <T> ResponseEntity<T> file(MediaType type, String name, T body) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(body);
    }
}
