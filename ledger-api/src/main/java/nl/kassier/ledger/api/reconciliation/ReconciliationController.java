package nl.kassier.ledger.api.reconciliation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.kassier.ledger.api.consistency.Commands;
import nl.kassier.ledger.api.consistency.ProjectionBarrier;
import nl.kassier.ledger.api.security.Access;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.web.IdempotencyKeys;
import nl.kassier.ledger.api.web.Paging;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.reconciliation.BankStatement;
import nl.kassier.ledger.core.reconciliation.ImportReceipt;
import nl.kassier.ledger.core.reconciliation.ImportStatement;
import nl.kassier.ledger.core.reconciliation.LedgerPayment;
import nl.kassier.ledger.core.reconciliation.ReconciliationId;
import nl.kassier.ledger.core.reconciliation.ReconciliationOutcome;
import nl.kassier.ledger.core.reconciliation.StatementEntry;
import nl.kassier.ledger.core.reconciliation.StatementMatching;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.Role;
import nl.kassier.ledger.projections.reconciliation.ReconciliationQueries;
import nl.kassier.ledger.projections.reconciliation.ReconciliationReport;
import nl.kassier.ledger.projections.reconciliation.ReconciliationSummary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The kassier's bank statements: a camt.053 statement is read, matched against the registered payments as the read
 * models hold them, and recorded by its reconciliation; the answer comes once the report and the reservations'
 * histories show it. The first import answers 201; the same statement again answers 200 with the same report and
 * records nothing. The imported statements are listed newest first, each in short.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class ReconciliationController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Camt053Reader reader;
    private final ReconciliationQueries reconciliations;
    private final Commands commands;
    private final ProjectionBarrier barrier;

    public ReconciliationController(
            Camt053Reader reader, ReconciliationQueries reconciliations, Commands commands, ProjectionBarrier barrier) {
        this.reader = reader;
        this.reconciliations = reconciliations;
        this.commands = commands;
        this.barrier = barrier;
    }

    @PostMapping(
            path = "/reconciliations",
            consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    public ResponseEntity<ReconciliationReport> importStatement(
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @RequestBody(required = false) byte[] body,
            @AuthenticationPrincipal LedgerUser user) {
        Access.requireRole(user, Role.KASSIER);
        // A statement is its own idempotency key (account and statement id); a header, if sent, must still be valid.
        IdempotencyKeys.validated(idempotencyKey);
        if (body == null || body.length == 0) {
            throw StatementXml.refused("body", "required: a camt.053 bank statement");
        }
        BankStatement statement = reader.read(body);
        ReconciliationOutcome outcome = match(statement);
        String id = statement.reconciliationId().value();
        ImportReceipt receipt = commands.send(ImportStatement.of(statement, outcome, Access.actor(user)), id);
        awaitSettlements(outcome);
        ReconciliationReport report = reconciliations
                .find(id)
                .orElseThrow(() -> new LedgerRejection(
                        LedgerErrorCode.UNAVAILABLE,
                        "the statement is recorded but its report is not ready yet; GET it shortly"));
        URI location = URI.create("/api/v1/reconciliations/" + id);
        return receipt.recorded()
                ? ResponseEntity.created(location).body(report)
                : ResponseEntity.ok().location(location).body(report);
    }

    /** The imported statements, newest first, each in short. */
    @GetMapping("/reconciliations")
    public ReconciliationPage list(
            @RequestParam(defaultValue = "0") Integer page,
            @RequestParam(defaultValue = "" + Paging.PAGE_SIZE_DEFAULT) Integer size,
            @AuthenticationPrincipal LedgerUser user) {
        Access.requireRole(user, Role.KASSIER, Role.AUDITOR);
        Validation v = new Validation();
        Paging.validate(v, page, size);
        v.throwIfInvalid();
        ReconciliationQueries.Page found = reconciliations.list(page, size);
        return new ReconciliationPage(found.items(), found.number(), found.size(), found.total());
    }

    /** A page of imported statements, in the shape of every list. */
    public record ReconciliationPage(List<ReconciliationSummary> items, int page, int size, long total) {}

    @GetMapping("/reconciliations/{id}")
    public ReconciliationReport get(@PathVariable String id, @AuthenticationPrincipal LedgerUser user) {
        return report(id, user);
    }

    @GetMapping(path = "/reconciliations/{id}.csv", produces = "text/csv")
    public ResponseEntity<String> csv(@PathVariable String id, @AuthenticationPrincipal LedgerUser user) {
        ReconciliationReport report = report(id, user);
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + report.id() + ".csv\"")
                .body(ReconciliationCsv.of(report));
    }

    private ReconciliationReport report(String id, LedgerUser user) {
        Access.requireRole(user, Role.KASSIER, Role.AUDITOR);
        return ReconciliationId.parse(id)
                .flatMap(r -> reconciliations.find(r.value()))
                .orElseThrow(() -> new LedgerRejection(LedgerErrorCode.NOT_FOUND, "no reconciliation " + id));
    }

    /**
     * The matching, fed from the read models: the payments the debit entries name, the payments old enough to be
     * missed that no statement has shown, and the earlier statements' entries of the named payments.
     */
    private ReconciliationOutcome match(BankStatement statement) {
        Set<String> named = new TreeSet<>();
        for (StatementEntry entry : statement.entries()) {
            if (entry.isBookedDebit() && entry.hasEndToEndId()) {
                named.add(entry.endToEndId());
            }
        }
        Map<String, LedgerPayment> payments = new LinkedHashMap<>();
        reconciliations.payments(named).forEach(p -> payments.put(p.paymentId(), p));
        LocalDate cutoff = StatementMatching.settlementCutoff(statement.creationDate());
        reconciliations.paymentsWithoutBankEntryBefore(cutoff).forEach(p -> payments.putIfAbsent(p.paymentId(), p));
        return StatementMatching.match(
                statement, payments.values(), reconciliations.earlierEntries(new ArrayList<>(named)));
    }

    /** Waits until the reservations' histories show the settlements and discrepancies this import recorded. */
    private void awaitSettlements(ReconciliationOutcome outcome) {
        Set<String> budgets = new TreeSet<>();
        outcome.matched().forEach(m -> budgets.add(budgetOf(m.reservationId())));
        outcome.amountDifferences().forEach(d -> budgets.add(budgetOf(d.reservationId())));
        List<String> touched = new ArrayList<>(budgets);
        touched.forEach(barrier::awaitAggregate);
    }

    private static String budgetOf(ReservationId reservation) {
        return reservation.budget().value();
    }
}
