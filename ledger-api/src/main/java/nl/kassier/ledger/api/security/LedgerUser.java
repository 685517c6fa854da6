package nl.kassier.ledger.api.security;

import java.util.Objects;
import java.util.Set;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.OrganisationType;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Role;
import nl.kassier.ledger.core.shared.Texts;

/**
 * The acting user of a request, the same whether it came by HTTP Basic or by bearer token: its role, the regions it
 * acts for (a coördinator's one, a partner's several, none for the national roles) and its organisation.
 */
public record LedgerUser(
        String username, Role role, Set<RegionCode> regions, String organisation, OrganisationType organisationType) {

    /** A user whose organisation's kind is not known. */
    public LedgerUser(String username, Role role, Set<RegionCode> regions, String organisation) {
        this(username, role, regions, organisation, null);
    }

    /**
     * Refuses a name or organisation that an event could not record ({@link Actor}'s rules): a JWT whose subject is
     * too long is not a user.
     */
    public LedgerUser {
        Texts.requireExact(username, Actor.USERNAME_LENGTH_MAX);
        Objects.requireNonNull(role, "role");
        if (organisation != null) {
            Texts.requireExact(organisation, Actor.ORGANISATION_LENGTH_MAX);
        }
        regions = regions == null ? Set.of() : Set.copyOf(regions);
    }

    public boolean hasRole(Role candidate) {
        return role == candidate;
    }

    public boolean actsFor(RegionCode region) {
        return regions.contains(region);
    }
}
