package nl.kassier.ledger.api.privacy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.api.budget.ReservationController;
import nl.kassier.ledger.api.budget.ReservationRequests;
import nl.kassier.ledger.api.security.Access;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.web.Csv;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.region.Region;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Role;
import nl.kassier.ledger.projections.monitor.Monitor;
import nl.kassier.ledger.projections.monitor.MonitorQueries;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bimonthly monitor (stand en stromen): SZW, the kassier and the auditor for every region or one, a coördinator for
 * its own. A cell of 1–4 candidates shows {@code "count":"<5"} and no amount ({@link Monitor}).
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class MonitorController {

    /** What a suppressed cell shows instead of its count. */
    static final String SUPPRESSED = "<" + Monitor.DISCLOSURE_MIN;

    private final MonitorQueries monitors;

    public MonitorController(MonitorQueries monitors) {
        this.monitors = monitors;
    }

    /** A cell as the wire shows it: a count, or {@code "<5"} and no amount. */
    record Cell(String key, Object count, Money amount) {
        static Cell of(Monitor.Cell cell) {
            return cell.suppressed()
                    ? new Cell(cell.key(), SUPPRESSED, null)
                    : new Cell(cell.key(), cell.count(), cell.amount());
        }
    }

    record Flow(
            Monitor.Measure measure,
            Cell total,
            List<Cell> byMenuItem,
            List<Cell> byTargetGroup,
            List<Cell> byOrganisation) {
        static Flow of(Monitor.Flow flow) {
            return new Flow(
                    flow.measure(),
                    Cell.of(flow.total()),
                    cells(flow, Monitor.Dimension.MENU_ITEM),
                    cells(flow, Monitor.Dimension.TARGET_GROUP),
                    cells(flow, Monitor.Dimension.ORGANISATION));
        }

        private static List<Cell> cells(Monitor.Flow flow, Monitor.Dimension dimension) {
            return flow.cells().getOrDefault(dimension, List.of()).stream()
                    .map(Cell::of)
                    .toList();
        }
    }

    record RegionMonitor(RegionCode region, List<Flow> flows, List<Monitor.Utilisation> utilisation) {}

    record MonitorResponse(
            int year, int period, LocalDate from, LocalDate to, java.time.Instant asOf, List<RegionMonitor> regions) {}

    @GetMapping("/monitor")
    public MonitorResponse monitor(
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer period,
            @RequestParam(required = false) String region,
            @AuthenticationPrincipal LedgerUser user) {
        Monitor monitor = compute(year, period, region, user);
        List<RegionMonitor> regions = new ArrayList<>();
        for (Monitor.RegionFigures figures : monitor.regions()) {
            regions.add(new RegionMonitor(
                    figures.region(), figures.flows().stream().map(Flow::of).toList(), figures.utilisation()));
        }
        return new MonitorResponse(
                monitor.year(), monitor.period(), monitor.from(), monitor.to(), monitor.asOf(), regions);
    }

    /**
     * One line per cell: {@code region,measure,dimension,key,count,amount}, the total with dimension {@code TOTAL};
     * then one line per cap line with measure {@code UTILISATION}, its budget types as key ({@code A+B}), the amount
     * drawn, and its cap, what is left and the share drawn in the last three columns.
     */
    @GetMapping(path = "/monitor.csv", produces = "text/csv")
    public ResponseEntity<String> monitorCsv(
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer period,
            @RequestParam(required = false) String region,
            @AuthenticationPrincipal LedgerUser user) {
        Monitor monitor = compute(year, period, region, user);
        StringBuilder csv = new StringBuilder();
        Csv.line(csv, "region", "measure", "dimension", "key", "count", "amount", "cap", "available", "percentage");
        for (Monitor.RegionFigures figures : monitor.regions()) {
            String code = figures.region().value();
            for (Monitor.Flow flow : figures.flows()) {
                cell(csv, code, flow.measure().name(), "TOTAL", flow.total());
                for (Map.Entry<Monitor.Dimension, List<Monitor.Cell>> cells :
                        flow.cells().entrySet()) {
                    for (Monitor.Cell cell : cells.getValue()) {
                        cell(csv, code, flow.measure().name(), cells.getKey().name(), cell);
                    }
                }
            }
            for (Monitor.Utilisation line : figures.utilisation()) {
                Csv.line(
                        csv,
                        code,
                        "UTILISATION",
                        "CAP_LINE",
                        String.join(
                                "+",
                                line.budgets().stream().map(BudgetType::name).toList()),
                        null,
                        Csv.amount(line.used()),
                        Csv.amount(line.cap()),
                        Csv.amount(line.available()),
                        line.percentage());
            }
        }
        return ResponseEntity.ok()
                .contentType(Csv.TEXT_CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"monitor_" + monitor.year() + "_" + monitor.period() + ".csv\"")
                .body(csv.toString());
    }

    private static void cell(StringBuilder csv, String region, String measure, String dimension, Monitor.Cell cell) {
        Csv.line(
                csv,
                region,
                measure,
                dimension,
                cell.key(),
                cell.suppressed() ? SUPPRESSED : String.valueOf(cell.count()),
                cell.suppressed() ? null : Csv.amount(cell.amount()),
                null,
                null,
                null);
    }

    private Monitor compute(Integer year, Integer period, String region, LedgerUser user) {
        Access.requireRole(user, Role.SZW, Role.KASSIER, Role.AUDITOR, Role.COORDINATOR);
        Validation v = new Validation();
        if (v.required("year", year)) {
            v.range("year", year, ReservationRequests.YEAR_MIN, ReservationRequests.YEAR_MAX);
        }
        if (v.required("period", period)) {
            v.range("period", period, 1, 6);
        }
        v.throwIfInvalid();
        List<RegionCode> regions;
        if (region != null) {
            RegionCode code = ReservationController.region(region);
            Access.requireReader(user, code);
            regions = List.of(code);
        } else if (user.hasRole(Role.COORDINATOR)) {
            regions = user.regions().stream()
                    .sorted(java.util.Comparator.comparing(RegionCode::value))
                    .toList();
            if (regions.isEmpty()) {
                throw new LedgerRejection(LedgerErrorCode.FORBIDDEN, user.username() + " acts for no region");
            }
        } else {
            regions = Regions.all().stream().map(Region::code).toList();
        }
        return monitors.monitor(year, period, regions, ReservationRequests.YEAR_MIN);
    }
}
