package nl.kassier.ledger.core.regeling;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;
import nl.kassier.ledger.core.shared.Money;

/** The decision on publishing an amendment, as a pure function of the history so far and today's date. */
public final class AmendmentRules {

    private AmendmentRules() {}

    /**
     * Returns the event that publishes the amendment, or throws a {@link LedgerRejection}: {@code DUPLICATE} for an id
     * already recorded, {@code VALIDATION_FAILED} for an amendment that contradicts itself, {@code CAP_EXCEEDED} when
     * the allocations for a cap line add up to more than the national cap for it.
     */
    public static AmendmentPublished decide(RegelingHistory history, PublishAmendment command, LocalDate today) {
        Amendment amendment = command.amendment();
        if (history.contains(amendment.id())) {
            throw new LedgerRejection(
                    LedgerErrorCode.DUPLICATE, "amendment " + amendment.id() + " has already been published");
        }
        checkConsistency(amendment);
        checkAllocationsWithinCaps(history.with(amendment), amendment, today);
        return new AmendmentPublished(command.regelingId(), amendment, command.actor());
    }

    private static void checkConsistency(Amendment amendment) {
        List<FieldError> errors = new ArrayList<>();
        Map<Integer, Set<BudgetType>> capTypesByYear = new LinkedHashMap<>();
        for (int i = 0; i < amendment.caps().size(); i++) {
            CapSetting cap = amendment.caps().get(i);
            Set<BudgetType> seen = capTypesByYear.computeIfAbsent(cap.year(), y -> new HashSet<>());
            for (BudgetType type : cap.budgets()) {
                if (!seen.add(type)) {
                    errors.add(new FieldError(
                            "caps[" + i + "].budgets",
                            type + " already has a cap for " + cap.year() + " in this amendment"));
                }
            }
            if (cap.amount().isNegative()) {
                errors.add(new FieldError("caps[" + i + "].amount", "a cap is not negative"));
            }
        }
        Set<String> allocated = new HashSet<>();
        for (int i = 0; i < amendment.allocations().size(); i++) {
            AllocationSetting allocation = amendment.allocations().get(i);
            if (!Regions.exists(allocation.region())) {
                errors.add(new FieldError("allocations[" + i + "].region", "unknown region " + allocation.region()));
            }
            if (!allocated.add(allocation.region() + "|" + allocation.year() + "|" + allocation.budgets())) {
                errors.add(new FieldError(
                        "allocations[" + i + "].region",
                        allocation.region() + " is allocated twice for " + allocation.year() + " "
                                + allocation.budgets()));
            }
            if (allocation.amount().isNegative()) {
                errors.add(new FieldError("allocations[" + i + "].amount", "an allocation is not negative"));
            }
        }
        Set<MenuItem> items = new HashSet<>();
        for (int i = 0; i < amendment.menu().size(); i++) {
            MenuSetting setting = amendment.menu().get(i);
            if (setting.item().budget() != setting.budget()) {
                errors.add(new FieldError(
                        "menu[" + i + "].item", setting.item() + " is not an item of " + setting.budget()));
            }
            if (!items.add(setting.item())) {
                errors.add(new FieldError("menu[" + i + "].item", setting.item() + " appears twice"));
            }
        }
        if (amendment.schemeEndsOn() != null && amendment.schemeEndsOn().isBefore(amendment.effectiveFrom())) {
            errors.add(new FieldError("schemeEndsOn", "the scheme cannot end before the amendment takes effect"));
        }
        if (!errors.isEmpty()) {
            throw new LedgerRejection(LedgerErrorCode.VALIDATION_FAILED, "the amendment contradicts itself", errors);
        }
    }

    private static void checkAllocationsWithinCaps(RegelingHistory after, Amendment amendment, LocalDate today) {
        // The cap that counts is the one in force when the table applies: today, or later for a future amendment.
        LocalDate on = amendment.effectiveFrom().isAfter(today) ? amendment.effectiveFrom() : today;
        Map<String, Money> sums = new LinkedHashMap<>();
        Map<String, AllocationSetting> firstOfGroup = new LinkedHashMap<>();
        for (AllocationSetting allocation : amendment.allocations()) {
            String key = allocation.year() + " " + allocation.budgets();
            try {
                sums.merge(key, allocation.amount(), Money::plus);
            } catch (ArithmeticException e) {
                throw new LedgerRejection(
                        LedgerErrorCode.CAP_EXCEEDED,
                        "the allocations over " + allocation.budgets() + " are beyond any cap");
            }
            firstOfGroup.putIfAbsent(key, allocation);
        }
        for (Map.Entry<String, AllocationSetting> group : firstOfGroup.entrySet()) {
            AllocationSetting allocation = group.getValue();
            Money sum = sums.get(group.getKey());
            CapLine cap = after.caps(allocation.year(), on).stream()
                    .filter(line -> line.budgets().equals(allocation.budgets()))
                    .findFirst()
                    .orElseThrow(() -> new LedgerRejection(
                            LedgerErrorCode.CAP_EXCEEDED,
                            "no national cap over " + allocation.budgets() + " for " + allocation.year()
                                    + " is in force on " + on + ", so nothing can be allocated under it"));
            if (sum.isGreaterThan(cap.amount())) {
                throw new LedgerRejection(
                        LedgerErrorCode.CAP_EXCEEDED,
                        "the allocations over " + allocation.budgets() + " for " + allocation.year() + " add up to "
                                + sum.toPlainString() + ", more than the national cap of "
                                + cap.amount().toPlainString());
            }
        }
    }
}
