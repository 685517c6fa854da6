package nl.kassier.ledger.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nl.kassier.ledger.api.consistency.ProjectionBarrier;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.infra.eventstore.EventLog;
import nl.kassier.ledger.projections.budget.BudgetQueries;
import nl.kassier.ledger.projections.budget.BudgetView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ledger's state as gauges: how far each read model lags behind the stream, the hash chain's head, and each
 * region's budget lines (utilisation and what is available). The stream gauges are read at each scrape; the budget
 * lines are refreshed from the read model every {@code ledger.metrics.budget-refresh} (30 s by default), since a
 * scrape should not compute 35 regions' budgets. Gauges are figures for operators: the ledger's own amounts stay exact
 * in cents, only their picture here is a floating-point number.
 */
@Component
public class LedgerGauges implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerGauges.class);

    private final EventLog events;
    private final BudgetQueries budgets;
    private final Clock clock;
    private final MultiGauge utilisation;
    private final MultiGauge available;
    private final ScheduledExecutorService refresher;

    public LedgerGauges(
            JdbcTemplate jdbc,
            ProjectionBarrier barrier,
            BudgetQueries budgets,
            Clock clock,
            MeterRegistry registry,
            @Value("${ledger.metrics.budget-refresh:PT30S}") Duration budgetRefresh) {
        this.events = new EventLog(jdbc);
        this.budgets = budgets;
        this.clock = clock;
        Gauge.builder("ledger.chain.head.position", this, LedgerGauges::head)
                .description("Position of the last event in the hash chain")
                .register(registry);
        for (String processor : barrier.processors()) {
            Gauge.builder("ledger.projection.lag", this, gauges -> gauges.lag(barrier, processor))
                    .description("Events recorded that the processor has not read yet")
                    .baseUnit("events")
                    .tag("processor", processor)
                    .register(registry);
        }
        this.utilisation = MultiGauge.builder("ledger.budget.utilisation")
                .description("Share of a region's allocation under a cap line that is requested, reserved,"
                        + " committed or paid (above 1: overspent)")
                .register(registry);
        this.available = MultiGauge.builder("ledger.budget.available")
                .description("What is still available under a region's cap line")
                .baseUnit("euros")
                .register(registry);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "budget-gauges");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshBudgets, 0, budgetRefresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    private double head() {
        try {
            return events.headPosition().orElse(0);
        } catch (RuntimeException databaseAway) {
            return Double.NaN;
        }
    }

    private double lag(ProjectionBarrier barrier, String processor) {
        try {
            double head = head();
            return barrier.position(processor, (long) head).stream()
                    .mapToDouble(position -> Math.max(0, head - position))
                    .findFirst()
                    .orElse(head);
        } catch (RuntimeException databaseAway) {
            return Double.NaN;
        }
    }

    void refreshBudgets() {
        try {
            List<MultiGauge.Row<?>> utilisationRows = new ArrayList<>();
            List<MultiGauge.Row<?>> availableRows = new ArrayList<>();
            for (BudgetView budget : budgets.budgetsInUse(LocalDate.now(clock), clock.instant())) {
                for (BudgetView.Line line : budget.lines()) {
                    Tags tags = Tags.of(
                            "region", budget.region().value(),
                            "year", Integer.toString(budget.year()),
                            "line",
                                    line.budgets().stream()
                                            .map(BudgetType::name)
                                            .collect(Collectors.joining("+")));
                    long drawn = line.requested().cents()
                            + line.reserved().cents()
                            + line.committed().cents()
                            + line.paid().cents();
                    if (line.cap().cents() > 0) {
                        utilisationRows.add(MultiGauge.Row.of(
                                tags, (double) drawn / line.cap().cents()));
                    }
                    availableRows.add(MultiGauge.Row.of(tags, line.available().cents() / 100.0));
                }
            }
            utilisation.register(utilisationRows, true);
            available.register(availableRows, true);
        } catch (RuntimeException failure) {
            LOG.warn("budget gauges not refreshed: {}", failure.toString());
        }
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
