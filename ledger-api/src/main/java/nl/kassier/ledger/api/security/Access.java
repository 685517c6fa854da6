package nl.kassier.ledger.api.security;

import java.util.Arrays;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;

/** The contract's role and region rules, checked at the edge before any command is sent. */
public final class Access {

    private Access() {}

    /** Refuses with {@code FORBIDDEN} unless the user has one of {@code roles}. */
    public static void requireRole(LedgerUser user, Role... roles) {
        if (Arrays.stream(roles).noneMatch(user::hasRole)) {
            throw new LedgerRejection(LedgerErrorCode.FORBIDDEN, "role " + user.role() + " may not do this");
        }
    }
}
