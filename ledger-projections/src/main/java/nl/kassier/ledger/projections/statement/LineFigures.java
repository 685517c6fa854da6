package nl.kassier.ledger.projections.statement;

import java.util.List;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;

/** The figures of a statement's cap line, regional or national: what its renditions write. */
public interface LineFigures {

    List<BudgetType> budgets();

    Money cap();

    Money requested();

    Money reserved();

    Money committed();

    Money paid();

    Money released();

    Money available();

    boolean overspent();

    List<Statement.ByBudgetType> byBudgetType();

    List<Statement.PaidInYear> paidByYear();
}
