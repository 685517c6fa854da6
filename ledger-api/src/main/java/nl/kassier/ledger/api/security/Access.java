package nl.kassier.ledger.api.security;

import java.util.Arrays;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Role;

/** The contract's role and region rules, checked at the edge before any command is sent. */
public final class Access {

    private Access() {}

    /** Refuses with {@code FORBIDDEN} unless the user has one of {@code roles}. */
    public static void requireRole(LedgerUser user, Role... roles) {
        if (Arrays.stream(roles).noneMatch(user::hasRole)) {
            throw new LedgerRejection(LedgerErrorCode.FORBIDDEN, "role " + user.role() + " may not do this");
        }
    }

    /**
     * Refuses unless the user has one of {@code roles} and, for the regional roles (coördinator, partner), acts for
     * {@code region}.
     */
    public static void requireRoleInRegion(LedgerUser user, RegionCode region, Role... roles) {
        requireRole(user, roles);
        requireRegion(user, region);
    }

    /** Reading a region's budgets and reservations: the national roles everywhere, the regional ones in their own. */
    public static void requireReader(LedgerUser user, RegionCode region) {
        requireRegion(user, region);
    }

    private static void requireRegion(LedgerUser user, RegionCode region) {
        boolean regional = user.hasRole(Role.COORDINATOR) || user.hasRole(Role.PARTNER);
        if (regional && !user.actsFor(region)) {
            throw new LedgerRejection(LedgerErrorCode.FORBIDDEN, user.username() + " does not act for " + region);
        }
    }

    /** The acting user as events record it. */
    public static Actor actor(LedgerUser user) {
        return new Actor(user.username(), user.role().name(), user.organisation());
    }
}
