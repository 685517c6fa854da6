package nl.kassier.ledger.api.reconciliation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.kassier.ledger.api.consistency.Commands;
import nl.kassier.ledger.api.problem.ApiExceptionHandler;
import nl.kassier.ledger.api.problem.Failures;
import nl.kassier.ledger.api.problem.Problems;
import nl.kassier.ledger.api.security.Access;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.PaymentReceipt;
import nl.kassier.ledger.core.budget.RegisterPayment;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reference;
import nl.kassier.ledger.core.shared.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The kassier's payment run: up to {@value #PAYMENTS_MAX} payments in one request, as a JSON array or as CSV, each
 * decided on its own and answered with a result of its own, in the order sent. They go through the same commands as
 * single payments, on the group-commit path, so a run of thousands takes a few batches. A run whose shape is wrong
 * (a field of the wrong type, one missing, an amount that is not positive, more than the maximum) is refused as a
 * whole and records nothing; what the ledger refuses for a payment (its amount exceeds the commitment, it is not
 * committed, its reservation does not exist) is that payment's result. Sent again by the same user, a run records
 * nothing twice: each payment already registered by a run is answered as the first time (idempotent by
 * {@code paymentId}; hence every payment names its date); one registered otherwise, or a second time in the same run,
 * is a {@code DUPLICATE}.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class PaymentRunController {

    public static final int PAYMENTS_MAX = 10_000;

    /** What makes a run's payment idempotent by its id: the key the domain checks a retried payment by. */
    private static final String RUN_KEY_PREFIX = "payment-run:";

    private static final String CSV_HEADER = "reservationId,paymentId,amount,date,invoiceRef";

    private final Commands commands;

    public PaymentRunController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "A payment run: up to 10,000 payments, each with its own result")
    @PostMapping(path = "/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Run run(@RequestBody List<Item> payments, @AuthenticationPrincipal LedgerUser user) {
        return register(payments, user);
    }

    @Operation(summary = "A payment run as CSV: reservationId,paymentId,amount,date,invoiceRef")
    @PostMapping(path = "/payments", consumes = "text/csv")
    public Run runCsv(@RequestBody String csv, @AuthenticationPrincipal LedgerUser user) {
        Access.requireRole(user, Role.KASSIER);
        return register(fromCsv(csv), user);
    }

    private Run register(List<Item> payments, LedgerUser user) {
        Access.requireRole(user, Role.KASSIER);
        Validation v = new Validation();
        if (payments == null || payments.isEmpty()) {
            v.fail("payments", "a run holds 1 to " + PAYMENTS_MAX + " payments");
        } else if (payments.size() > PAYMENTS_MAX) {
            v.fail("payments", "a run holds at most " + PAYMENTS_MAX + " payments, not " + payments.size());
        } else {
            for (int i = 0; i < payments.size(); i++) {
                payments.get(i).validate(v, "[" + i + "].");
            }
        }
        v.throwIfInvalid();
        Set<String> seen = new HashSet<>();
        List<Object> sent = new ArrayList<>();
        List<String> budgets = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        Result[] results = new Result[payments.size()];
        for (int i = 0; i < payments.size(); i++) {
            Item item = payments.get(i);
            if (!seen.add(item.paymentId().value())) {
                results[i] = Result.refused(
                        i,
                        item,
                        LedgerErrorCode.DUPLICATE,
                        "payment " + item.paymentId() + " appears earlier in this run");
                continue;
            }
            Optional<ReservationId> reservation = ReservationId.parse(item.reservationId())
                    .filter(id -> Regions.exists(id.budget().region()));
            if (reservation.isEmpty()) {
                results[i] =
                        Result.refused(i, item, LedgerErrorCode.NOT_FOUND, "no reservation " + item.reservationId());
                continue;
            }
            sent.add(RegisterPayment.of(
                    reservation.get(),
                    item.paymentId(),
                    item.amount(),
                    item.date(),
                    item.invoiceRef(),
                    RUN_KEY_PREFIX + item.paymentId().value(),
                    Access.actor(user)));
            budgets.add(reservation.get().budget().value());
            indexes.add(i);
        }
        List<Commands.Outcome<PaymentReceipt>> outcomes = commands.sendAll(sent, budgets);
        for (int k = 0; k < outcomes.size(); k++) {
            int i = indexes.get(k);
            Commands.Outcome<PaymentReceipt> outcome = outcomes.get(k);
            results[i] = outcome.failure() == null
                    ? Result.registered(i, outcome.result())
                    : failed(i, payments.get(i), outcome.failure());
        }
        return Run.of(List.of(results));
    }

    /** What a payment's failure answers: what it would have answered alone (ApiExceptionHandler). */
    private static Result failed(int index, Item item, Throwable failure) {
        Optional<LedgerRejection> rejection = Failures.rejection(failure);
        if (rejection.isPresent() && rejection.get().code() == LedgerErrorCode.IDEMPOTENCY_MISMATCH) {
            // The run's key is the payment id: the same id with other figures, or on another reservation.
            return Result.refused(
                    index,
                    item,
                    LedgerErrorCode.DUPLICATE,
                    "payment " + item.paymentId() + " is already registered, with other figures or on another"
                            + " reservation");
        }
        ProblemDetail problem = ApiExceptionHandler.problemFor(failure, "payment " + item.paymentId() + " of a run");
        return Result.refused(
                index,
                item,
                LedgerErrorCode.valueOf((String) problem.getProperties().get("code")),
                problem.getDetail());
    }

    /** A run in CSV: a header naming the columns, then one payment per line; only {@code invoiceRef} may be empty. */
    private static List<Item> fromCsv(String csv) {
        Validation v = new Validation();
        List<String> lines = csv == null ? List.of() : csv.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals(CSV_HEADER)) {
            v.fail("header", "the first line names the columns: " + CSV_HEADER);
            v.throwIfInvalid();
        }
        if (lines.size() - 1 > PAYMENTS_MAX) {
            v.fail("payments", "a run holds at most " + PAYMENTS_MAX + " payments, not " + (lines.size() - 1));
            v.throwIfInvalid();
        }
        List<Item> items = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            String field = "line " + (n + 1);
            String[] cells = line.split(",", -1);
            if (cells.length != 5) {
                v.fail(field, "5 cells separated by commas, not " + cells.length);
                continue;
            }
            Money amount = Money.isWireForm(cells[2]) ? Money.parse(cells[2]) : null;
            if (amount == null) {
                v.fail(field + ".amount", "a euro amount with two decimals, such as 1000.00");
            }
            LocalDate date = null;
            try {
                date = LocalDate.parse(cells[3]);
            } catch (java.time.format.DateTimeParseException e) {
                v.fail(field + ".date", "a date such as 2024-03-01");
            }
            Optional<String> badId = PaymentId.problem(cells[1]);
            if (badId.isPresent()) {
                v.fail(field + ".paymentId", badId.get());
            }
            Reference invoiceRef = null;
            if (!cells[4].isEmpty()) {
                try {
                    invoiceRef = new Reference(cells[4]);
                } catch (IllegalArgumentException e) {
                    v.fail(field + ".invoiceRef", e.getMessage());
                }
            }
            if (v.isValid()) {
                items.add(new Item(cells[0], new PaymentId(cells[1]), amount, date, invoiceRef));
            }
        }
        v.throwIfInvalid();
        return items;
    }

    /** A payment of the run, as sent. */
    public record Item(String reservationId, PaymentId paymentId, Money amount, LocalDate date, Reference invoiceRef) {

        /** Every field but the invoice reference is required: a run sent again must mean the same payments. */
        void validate(Validation v, String prefix) {
            v.required(prefix + "reservationId", reservationId);
            v.required(prefix + "paymentId", paymentId);
            if (v.required(prefix + "amount", amount)) {
                v.amount(prefix + "amount", amount, true);
            }
            if (v.required(prefix + "date", date) && !LegalDates.isInRange(date)) {
                v.fail(prefix + "date", LegalDates.rangeProblem());
            }
        }
    }

    /**
     * What became of one payment: {@code status} 201 when registered (again: the first answer), otherwise the status
     * and code a single payment would have had, with the reason.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            int index,
            String paymentId,
            String reservationId,
            int status,
            String code,
            String detail,
            Money amount,
            ReservationStatus reservationStatus) {

        static Result registered(int index, PaymentReceipt receipt) {
            return new Result(
                    index,
                    receipt.paymentId().value(),
                    receipt.reservationId().value(),
                    201,
                    null,
                    null,
                    receipt.amount(),
                    receipt.status());
        }

        static Result refused(int index, Item item, LedgerErrorCode code, String detail) {
            return new Result(
                    index,
                    item.paymentId().value(),
                    item.reservationId(),
                    Problems.status(code).value(),
                    code.name(),
                    detail,
                    null,
                    null);
        }
    }

    /** The run's results, one per payment in the order sent, and how many were registered and refused. */
    public record Run(int registered, int refused, List<Result> results) {

        static Run of(List<Result> results) {
            int registered =
                    (int) results.stream().filter(r -> r.status() == 201).count();
            return new Run(registered, results.size() - registered, results);
        }
    }
}
