package nl.kassier.ledger.api.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.OrganisationType;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Role;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a verified bearer JWT into the acting {@link LedgerUser}: claim {@code role}, {@code region} or
 * {@code regions}, {@code organisation}, and the subject as username. Spring has checked the signature, and the expiry
 * where there is one; this refuses, as unauthenticated, a token that has no expiry, is not meant for this service (its
 * {@code aud} does not name the configured audience), names an unknown role or region, gives a coördinator other than
 * exactly one region, gives a partner no region or no organisation, or has a subject an event could not record.
 */
public final class JwtLedgerUserConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String audience;

    /** @param audience the {@code aud} every token must name: this service's identifier at the identity provider */
    public JwtLedgerUserConverter(String audience) {
        if (audience == null || audience.isBlank()) {
            throw new IllegalStateException(
                    "the production profile needs the audience its tokens are issued for: set LEDGER_JWT_AUDIENCE");
        }
        this.audience = audience;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        if (jwt.getExpiresAt() == null) {
            throw new BadCredentialsException("the token has no expiry");
        }
        List<String> audiences = jwt.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            throw new BadCredentialsException("the token is not issued for this service");
        }
        try {
            return new LedgerAuthentication(user(jwt, jwt.getSubject()), jwt);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException(
                    "the token's subject or organisation cannot be recorded: " + e.getMessage());
        }
    }

    /**
     * The user that signed-in claims describe, a bearer token's or an OpenID Connect ID token's alike: {@code role},
     * {@code region} / {@code regions}, {@code organisation}, {@code organisationType}; the username is {@code subject},
     * else {@code preferred_username}. Claims that describe no user of this service are refused as bad credentials.
     *
     * @throws IllegalArgumentException when the name or organisation is one an event could not record
     */
    static LedgerUser user(ClaimAccessor claims, String subject) {
        Role role;
        try {
            role = Role.valueOf(String.valueOf(claims.getClaimAsString("role")));
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("the token carries no known role");
        }
        Set<RegionCode> regions = regions(claims);
        String organisation = claims.getClaimAsString("organisation");
        if (role == Role.COORDINATOR && regions.size() != 1) {
            throw new BadCredentialsException("a coördinator's token names exactly one region");
        }
        if (role == Role.PARTNER && (regions.isEmpty() || organisation == null || organisation.isBlank())) {
            throw new BadCredentialsException("a partner's token names its regions and its organisation");
        }
        OrganisationType organisationType = organisationType(claims);
        String username = Objects.requireNonNullElse(subject, claims.getClaimAsString("preferred_username"));
        if (username == null || username.isBlank()) {
            throw new BadCredentialsException("the token names no subject");
        }
        return new LedgerUser(username, role, regions, organisation, organisationType);
    }

    private static Set<RegionCode> regions(ClaimAccessor jwt) {
        List<String> declared = new ArrayList<>();
        String single = jwt.getClaimAsString("region");
        if (single != null) {
            declared.add(single);
        }
        List<String> many = jwt.getClaimAsStringList("regions");
        if (many != null) {
            declared.addAll(many);
        }
        Set<RegionCode> regions = new LinkedHashSet<>();
        for (String code : declared) {
            regions.add(Regions.find(code)
                    .orElseThrow(() -> new BadCredentialsException("the token names an unknown region"))
                    .code());
        }
        return regions;
    }

    /** An authenticated bearer token whose principal is the {@link LedgerUser}. */
    static final class LedgerAuthentication extends AbstractAuthenticationToken {

        private static final long serialVersionUID = 1L;
        private final transient LedgerUser user;
        private final transient Jwt jwt;

        LedgerAuthentication(LedgerUser user, Jwt jwt) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + user.role())));
            this.user = user;
            this.jwt = jwt;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return jwt;
        }

        @Override
        public Object getPrincipal() {
            return user;
        }

        @Override
        public String getName() {
            return user.username();
        }
    }

    /** The optional claim {@code organisationType}: one of the known kinds, or the token is refused. */
    private static OrganisationType organisationType(ClaimAccessor jwt) {
        String claim = jwt.getClaimAsString("organisationType");
        if (claim == null) {
            return null;
        }
        try {
            return OrganisationType.valueOf(claim);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException(
                    "the token's organisationType is none of " + List.of(OrganisationType.values()));
        }
    }
}
