package nl.kassier.ledger.core.shared;

import java.util.Objects;

/**
 * Who did it, as every event records: the user's name, role and organisation. A name, never a BSN; the role and
 * organisation as the identity provider or users file stated them at the time.
 */
public record Actor(String username, String role, String organisation) {

    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }

    public static Actor system(String process) {
        return new Actor("system:" + process, "SYSTEM", null);
    }
}
