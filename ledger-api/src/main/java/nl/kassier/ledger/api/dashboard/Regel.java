package nl.kassier.ledger.api.dashboard;

import java.util.List;
import nl.kassier.ledger.api.budget.ReservationResponses;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.projections.statement.NationalStatement;

/**
 * One cap line as the dashboard shows it: its figures written out from the API's own answer, and the bar drawn from
 * them. {@code allocated} and {@code released} only for the national line.
 */
record Regel(
        String name,
        String key,
        String cap,
        String allocated,
        String requested,
        String reserved,
        String committed,
        String paid,
        String released,
        String available,
        String utilisation,
        boolean overspent,
        List<Weergave.Segment> bar,
        double capMark,
        String summary) {

    static Regel of(ReservationResponses.Line line) {
        return of(
                line.budgets(),
                line.cap(),
                null,
                line.requested(),
                line.reserved(),
                line.committed(),
                line.paid(),
                null,
                line.available(),
                line.overspent());
    }

    static Regel of(NationalStatement.Line line) {
        return of(
                line.budgets(),
                line.cap(),
                line.allocated(),
                line.requested(),
                line.reserved(),
                line.committed(),
                line.paid(),
                line.released(),
                line.available(),
                line.overspent());
    }

    private static Regel of(
            List<nl.kassier.ledger.core.shared.BudgetType> budgets,
            Money cap,
            Money allocated,
            Money requested,
            Money reserved,
            Money committed,
            Money paid,
            Money released,
            Money available,
            boolean overspent) {
        Money used = Weergave.used(paid, committed, reserved, requested);
        Money unallocated = allocated == null ? Money.ZERO : Money.ofCents(cap.cents() - allocated.cents());
        String name = Weergave.line(budgets);
        String summary = name + ": plafond " + Weergave.euro(cap) + ", betaald " + Weergave.euro(paid) + ", verplicht "
                + Weergave.euro(committed) + ", gereserveerd " + Weergave.euro(reserved) + ", aangevraagd "
                + Weergave.euro(requested) + ", beschikbaar " + Weergave.euro(available)
                + (allocated == null ? "" : " van de toekenningen, niet toegekend " + Weergave.euro(unallocated))
                + (overspent ? ". Overschreden." : ".");
        return new Regel(
                name,
                Weergave.lineKey(budgets),
                Weergave.euro(cap),
                allocated == null ? null : Weergave.euro(allocated),
                Weergave.euro(requested),
                Weergave.euro(reserved),
                Weergave.euro(committed),
                Weergave.euro(paid),
                released == null ? null : Weergave.euro(released),
                Weergave.euro(available),
                Weergave.percentage(used, cap),
                overspent,
                Weergave.bar(cap, paid, committed, reserved, requested, available, unallocated),
                Weergave.capMark(cap, paid, committed, reserved, requested),
                summary);
    }
}
