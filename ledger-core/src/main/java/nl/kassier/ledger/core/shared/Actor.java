package nl.kassier.ledger.core.shared;

import java.util.Objects;

/**
 * Who did it, as every event records: the user's name, role and organisation. A name, never a BSN; the role and
 * organisation as the identity provider or users file stated them at the time. Names and organisations are free text
 * of at most {@value #USERNAME_LENGTH_MAX} and {@value #ORGANISATION_LENGTH_MAX} characters ({@link Texts}).
 */
public record Actor(String username, String role, String organisation) {

    public static final int USERNAME_LENGTH_MAX = 128;
    public static final int ORGANISATION_LENGTH_MAX = 128;

    public Actor {
        Texts.requireExact(username, USERNAME_LENGTH_MAX);
        Objects.requireNonNull(role, "role");
        if (organisation != null) {
            Texts.requireExact(organisation, ORGANISATION_LENGTH_MAX);
        }
    }

    public static Actor system(String process) {
        return new Actor("system:" + process, "SYSTEM", null);
    }

    /** A stored actor whose name or organisation an earlier rule let in, made to fit this one. */
    public static Actor repaired(String username, String role, String organisation) {
        return new Actor(
                Texts.repair(username, USERNAME_LENGTH_MAX),
                role,
                organisation == null ? null : Texts.repair(organisation, ORGANISATION_LENGTH_MAX));
    }
}
