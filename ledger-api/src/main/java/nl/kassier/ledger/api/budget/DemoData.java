package nl.kassier.ledger.api.budget;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import nl.kassier.ledger.api.config.LedgerProperties;
import nl.kassier.ledger.api.consistency.Commands;
import nl.kassier.ledger.api.web.IdempotencyKeys;
import nl.kassier.ledger.core.budget.ApproveReservation;
import nl.kassier.ledger.core.budget.BudgetId;
import nl.kassier.ledger.core.budget.Candidate;
import nl.kassier.ledger.core.budget.CloseBudget;
import nl.kassier.ledger.core.budget.CommitReservation;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.RegisterPayment;
import nl.kassier.ledger.core.budget.RejectReservation;
import nl.kassier.ledger.core.budget.ReleaseReservation;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReserveBudget;
import nl.kassier.ledger.core.budget.SettleBudget;
import nl.kassier.ledger.core.budget.TargetGroup;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.regeling.AllocationSetting;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.CapLine;
import nl.kassier.ledger.core.regeling.CapSetting;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.regeling.PublishAmendment;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.region.Region;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Description;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Reference;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.infra.eventstore.AdvisoryLock;
import nl.kassier.ledger.projections.amendment.AmendmentQueries;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * With {@code LEDGER_DEMO=true}, records once an illustrative allocation (its title says its amounts are made up)
 * and a few months of believable activity in three regions over all budget types, through the same commands as real
 * use. Never recorded unless asked for. The activity is the same on every machine: a fixed random seed.
 */
@Component
@Order(1)
public class DemoData implements ApplicationRunner {

    public static final String AMENDMENT_ID = "demo-illustratieve-verdeling";
    static final String TITLE = "ILLUSTRATIEF - geen echte verdeling: de regionale bedragen en de plafonds van 2024"
            + " zijn verzonnen om de service te kunnen proberen (gelijke delen van de landelijke plafonds; 2024 als"
            + " 2023)";

    static final String ACTOR = "system:demo";

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    private static final int RESERVATIONS = 60;
    private static final long SEED = 20211123L;

    private final LedgerProperties properties;
    private final Commands commands;
    private final AmendmentQueries amendments;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Environment environment;

    public DemoData(
            LedgerProperties properties,
            Commands commands,
            AmendmentQueries amendments,
            JdbcTemplate jdbc,
            Clock clock,
            Environment environment) {
        this.properties = properties;
        this.commands = commands;
        this.amendments = amendments;
        this.jdbc = jdbc;
        this.clock = clock;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo()) {
            return;
        }
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            // Illustrative amounts never enter a production ledger, whatever LEDGER_DEMO says.
            LOG.warn("demo data: refused under the production profile");
            return;
        }
        new AdvisoryLock(jdbc, AdvisoryLock.SEED).holding(() -> {
            if (amendments.find(AMENDMENT_ID).isPresent()) {
                LOG.info("demo data: already recorded");
                return null;
            }
            commands.sendAndSettle(PublishAmendment.of(allocation(), ACTOR), Regeling.ID);
            int recorded = activity();
            endOfTheYears();
            LOG.info(
                    "demo data: illustrative allocation and {} reservations recorded; 2021 settled, 2022 closed",
                    recorded);
            return null;
        });
    }

    /**
     * Equal shares of each national cap in force today, for every region and year with caps; and, since the seeds give
     * no caps for 2024 (the scheme's last year), made-up 2024 caps equal to 2023's, so that every year can be tried.
     */
    private Amendment allocation() {
        RegelingHistory law = amendments.law();
        LocalDate today = LocalDate.now(clock);
        List<AllocationSetting> allocations = new ArrayList<>();
        List<CapSetting> caps2024 = new ArrayList<>();
        List<Region> regions = Regions.all();
        for (int year = 2021; year <= 2024; year++) {
            List<CapLine> caps = law.caps(Math.min(year, 2023), today);
            for (CapLine cap : caps) {
                if (year == 2024) {
                    caps2024.add(new CapSetting(2024, cap.budgets(), cap.amount()));
                }
                Money share = Money.ofCents(cap.amount().cents() / regions.size());
                for (Region region : regions) {
                    allocations.add(new AllocationSetting(region.code(), year, cap.budgets(), share));
                }
            }
        }
        return new Amendment(
                AMENDMENT_ID,
                TITLE,
                "(demo)",
                LocalDate.of(2021, 3, 26),
                LocalDate.of(2021, 3, 26),
                null,
                caps2024,
                allocations,
                List.of(),
                null);
    }

    private record Partner(Actor coordinator, Actor partner) {}

    private int activity() {
        Random random = new Random(SEED);
        List<Partner> regions = List.of(
                new Partner(coordinator("rijnmond"), new Actor("fnv-rijnmond", "PARTNER", "FNV")),
                new Partner(coordinator("drechtsteden"), new Actor("fnv-rijnmond", "PARTNER", "FNV")),
                new Partner(
                        coordinator("groot-amsterdam"),
                        new Actor("gemeente-amsterdam", "PARTNER", "Gemeente Amsterdam")));
        Actor kassier = new Actor("kassier", "KASSIER", null);
        MenuItem[] interventions = {
            MenuItem.SCHOLING,
            MenuItem.MATCHING,
            MenuItem.SOLLICITATIEVAARDIGHEDEN,
            MenuItem.ARBEIDSMARKTORIENTATIE_LOOPBAANBEGELEIDING,
            MenuItem.MBO_CERTIFICAAT,
            MenuItem.MBO_DIPLOMA,
            MenuItem.PRAKTIJKVERKLARING,
            MenuItem.JOBCOACHING,
            MenuItem.WERKFITPLEK,
            MenuItem.PERSONELE_INZET
        };
        int recorded = 0;
        for (int n = 0; n < RESERVATIONS; n++) {
            Partner region = regions.get(n % regions.size());
            MenuItem item = interventions[random.nextInt(interventions.length)];
            // The scheme's years: 2021 from its start in late March, 2022 to 2024 all year.
            int year = 2021 + n % 4;
            LocalDate date = year == 2021
                    ? LocalDate.of(2021, 4 + random.nextInt(8), 1 + random.nextInt(28))
                    : LocalDate.of(year, 1 + random.nextInt(11), 1 + random.nextInt(28));
            boolean byPartner = item != MenuItem.PERSONELE_INZET && random.nextInt(4) != 0;
            Actor actor = byPartner ? region.partner() : region.coordinator();
            Money amount = Money.ofCents((250 + random.nextInt(1500)) * 100L);
            Candidate candidate = item.budget() == BudgetType.UITVOERINGSKOSTEN
                    ? null
                    : new Candidate(
                            new CandidateRef("demo-" + Integer.toHexString(random.nextInt(0x10000))),
                            TargetGroup.values()[random.nextInt(TargetGroup.values().length)],
                            LocalDate.of(2021, 1 + random.nextInt(12), 1 + random.nextInt(28)),
                            item.budget() == BudgetType.WERKFITBEHOUD);
            RegionCode code = new RegionCode(region.coordinator().username().substring("coord-".length()));
            UUID uuid = IdempotencyKeys.identifier(Optional.of("demo-" + n), actor.username(), "reservation");
            ReservationId id = ReservationId.of(new BudgetId(code, year), uuid);
            if (!attempt(
                    new ReserveBudget(
                            id,
                            item.budget(),
                            item,
                            amount,
                            candidate,
                            date,
                            new Description("demo"),
                            !byPartner,
                            actor),
                    id)) {
                continue;
            }
            recorded++;
            int fate = random.nextInt(10);
            if (byPartner && fate == 0) {
                attempt(
                        RejectReservation.of(
                                id,
                                new Reason("past niet in het plan van aanpak"),
                                date.plusDays(7),
                                region.coordinator()),
                        id);
                continue;
            }
            if (byPartner && fate == 1) {
                continue; // still awaiting the coördinator's consent
            }
            if (byPartner) {
                attempt(ApproveReservation.of(id, date.plusDays(7), region.coordinator()), id);
            }
            if (fate == 2) {
                continue; // approved, not yet committed
            }
            Money commitment = Money.ofCents(amount.cents() * (85 + random.nextInt(16)) / 100);
            attempt(CommitReservation.of(id, commitment, new Reference("opdracht-" + n), date.plusDays(14), actor), id);
            if (fate == 3) {
                attempt(ReleaseReservation.of(id, new Reason("traject niet gestart"), date.plusDays(30), actor), id);
                continue;
            }
            if (fate == 5) {
                continue; // committed, no invoice yet
            }
            Money first = Money.ofCents(commitment.cents() / 2);
            attempt(
                    RegisterPayment.of(
                            id,
                            new PaymentId("DEMO-" + n + "-1"),
                            first,
                            date.plusMonths(1),
                            new Reference("factuur-" + n + "-1"),
                            null,
                            kassier),
                    id);
            if (fate == 4 || fate == 6) {
                continue; // partly paid
            }
            attempt(
                    RegisterPayment.of(
                            id,
                            new PaymentId("DEMO-" + n + "-2"),
                            commitment.minus(first),
                            // Some of 2023's commitments are paid into 2025, after the regeling lapsed.
                            year == 2023 ? date.plusMonths(14) : date.plusMonths(2),
                            new Reference("factuur-" + n + "-2"),
                            null,
                            kassier),
                    id);
        }
        return recorded;
    }

    /**
     * The end of the scheme as the users live it: the kassier closed 2021 and 2022 in every region in March 2025 (what
     * was still requested or reserved is freed), and SZW settled 2021 in June (what was committed and unpaid is freed
     * too). 2023 and 2024 stay open: their commitments are still being paid.
     */
    private void endOfTheYears() {
        Actor kassier = new Actor("kassier", "KASSIER", null);
        Actor szw = new Actor("szw", "SZW", "SZW");
        for (Region region : Regions.all()) {
            for (int year = 2021; year <= 2022; year++) {
                BudgetId budget = new BudgetId(region.code(), year);
                attempt(
                        CloseBudget.of(
                                budget, LocalDate.of(2025, 3, 31), new Reason("begrotingsjaar afgesloten"), kassier),
                        budget);
            }
            BudgetId budget2021 = new BudgetId(region.code(), 2021);
            attempt(
                    SettleBudget.of(budget2021, LocalDate.of(2025, 6, 30), new Reason("vastgesteld door SZW"), szw),
                    budget2021);
        }
    }

    private static Actor coordinator(String region) {
        return new Actor("coord-" + region, "COORDINATOR", null);
    }

    /** Sends one demo step; a refusal (a cap reached, a menu maximum) is part of believable activity. */
    private boolean attempt(Object command, ReservationId reservation) {
        return attempt(command, reservation.budget());
    }

    private boolean attempt(Object command, BudgetId budget) {
        try {
            commands.send(command, budget.value());
            return true;
        } catch (LedgerRejection rejection) {
            if (rejection.code() == LedgerErrorCode.INTERNAL_ERROR) {
                throw rejection;
            }
            LOG.debug("demo step refused: {}", rejection.getMessage());
            return false;
        } catch (AggregateNotFoundException noBudget) {
            LOG.debug("demo step skipped: no budget {}", budget);
            return false;
        }
    }
}
