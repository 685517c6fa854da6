package nl.kassier.ledger.api.security;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The dashboard's users in production, signed in with OpenID Connect: the identity provider's user, read by Spring's
 * own service (ID token verified, user info fetched), made a {@link LedgerUser} from the same claims a bearer token
 * carries ({@link JwtLedgerUserConverter#user}). Claims that describe no user of this service end the sign-in.
 */
public final class LedgerOidcUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OAuth2UserService<OidcUserRequest, OidcUser> provider;

    public LedgerOidcUsers() {
        this(new OidcUserService());
    }

    LedgerOidcUsers(OAuth2UserService<OidcUserRequest, OidcUser> provider) {
        this.provider = provider;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser signedIn = provider.loadUser(request);
        LedgerUser user;
        try {
            user = JwtLedgerUserConverter.user(signedIn, signedIn.getSubject());
        } catch (RuntimeException e) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error("invalid_user", "the identity provider names no user of this service", null), e);
        }
        return new SignedIn(user, signedIn);
    }

    /** An OpenID Connect user that is also a {@link LedgerUser}, with the user's role as its one authority. */
    public static final class SignedIn extends DefaultOidcUser {

        private static final long serialVersionUID = 1L;
        private final LedgerUser user;

        SignedIn(LedgerUser user, OidcUser signedIn) {
            super(
                    List.of(new SimpleGrantedAuthority("ROLE_" + user.role())),
                    signedIn.getIdToken(),
                    signedIn.getUserInfo());
            this.user = user;
        }

        public LedgerUser user() {
            return user;
        }

        @Override
        public String getName() {
            return user.username();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SignedIn that && super.equals(that) && user.equals(that.user);
        }

        @Override
        public int hashCode() {
            return super.hashCode() * 31 + user.hashCode();
        }
    }
}
