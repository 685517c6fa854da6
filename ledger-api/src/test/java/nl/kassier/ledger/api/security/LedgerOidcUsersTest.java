package nl.kassier.ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** A dashboard user signed in with OpenID Connect is made from the ID token's claims as a bearer token's user is. */
class LedgerOidcUsersTest {

    private static OidcUser signedIn(Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(claims);
        all.put("sub", "coordinator-7");
        OidcIdToken token =
                new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300), all);
        return new DefaultOidcUser(List.of(), token);
    }

    @Test
    void theRoleRegionAndSubjectOfTheIdTokenMakeTheUser() {
        LedgerOidcUsers users =
                new LedgerOidcUsers(request -> signedIn(Map.of("role", "COORDINATOR", "region", "rijnmond")));

        OidcUser user = users.loadUser(null);

        assertThat(user).isInstanceOf(LedgerOidcUsers.SignedIn.class);
        LedgerUser ledgerUser = ((LedgerOidcUsers.SignedIn) user).user();
        assertThat(ledgerUser.username()).isEqualTo("coordinator-7");
        assertThat(ledgerUser.role()).isEqualTo(Role.COORDINATOR);
        assertThat(ledgerUser.regions()).containsExactly(new RegionCode("rijnmond"));
        assertThat(user.getName()).isEqualTo("coordinator-7");
        assertThat(user.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_COORDINATOR");
    }

    @Test
    void claimsThatDescribeNoUserEndTheSignIn() {
        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of(),
                Map.of("role", "MINISTER"),
                Map.of("role", "COORDINATOR"),
                Map.of("role", "COORDINATOR", "region", "atlantis"),
                Map.of("role", "PARTNER", "regions", List.of("rijnmond")))) {
            LedgerOidcUsers users = new LedgerOidcUsers(request -> signedIn(claims));
            assertThatThrownBy(() -> users.loadUser(null))
                    .as(claims.toString())
                    .isInstanceOf(OAuth2AuthenticationException.class);
        }
    }
}
