package nl.kassier.ledger.api.security;

import java.util.Objects;
import java.util.Set;
import nl.kassier.ledger.core.shared.RegionCode;

/**
 * The acting user of a request, the same whether it came by HTTP Basic or by bearer token: its role, the regions it
 * acts for (a coördinator's one, a partner's several, none for the national roles) and its organisation.
 */
public record LedgerUser(String username, Role role, Set<RegionCode> regions, String organisation) {

    public LedgerUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        regions = regions == null ? Set.of() : Set.copyOf(regions);
    }

    public boolean hasRole(Role candidate) {
        return role == candidate;
    }

    public boolean actsFor(RegionCode region) {
        return regions.contains(region);
    }
}
