package nl.kassier.ledger.api.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.RegionCode;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a verified bearer JWT into the acting {@link LedgerUser}: claim {@code role}, {@code region} or
 * {@code regions}, {@code organisation}, and the subject as username. A token with an unknown role or region is
 * refused as unauthenticated.
 */
public final class JwtLedgerUserConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Role role;
        try {
            role = Role.valueOf(String.valueOf(jwt.getClaimAsString("role")));
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("the token carries no known role");
        }
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
        String username = jwt.getSubject() != null ? jwt.getSubject() : jwt.getClaimAsString("preferred_username");
        if (username == null || username.isBlank()) {
            throw new BadCredentialsException("the token names no subject");
        }
        LedgerUser user = new LedgerUser(username, role, regions, jwt.getClaimAsString("organisation"));
        return new LedgerAuthentication(user, jwt);
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
}
