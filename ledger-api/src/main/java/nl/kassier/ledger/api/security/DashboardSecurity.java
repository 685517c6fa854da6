package nl.kassier.ledger.api.security;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may see the dashboard: people in a browser, signed in for a session. The default profile signs in with a form
 * against the users file, production with OpenID Connect (Spring Security's OAuth2 client, registered from the
 * environment as {@code spring.security.oauth2.client.registration.*}). Every form that changes something carries a
 * CSRF token; the pages allow no script, style or frame from elsewhere. This chain serves the pages only: the REST API
 * under {@code /api/v1} keeps its own stateless chain ({@link SecurityConfiguration}), which never reads the session.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardSecurity {

    /** The sign-in page, in Dutch like the dashboard. */
    public static final String SIGN_IN = "/inloggen";

    public static final String SIGN_OUT = "/uitloggen";

    /** Every path the dashboard serves. */
    private static final String[] PAGES = {
        "/", "/dashboard/**", SIGN_IN, SIGN_OUT, "/webjars/**", "/oauth2/authorization/*", "/login/oauth2/code/*"
    };

    /** Its style sheet, script and Chart.js: the same for everyone, also on the sign-in page. */
    private static final String[] ASSETS = {"/dashboard/assets/**", "/webjars/**"};

    /** Scripts, styles, images and forms from this service only; no frames, no plugins. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static HttpSecurity pages(HttpSecurity http) throws Exception {
        // The CSRF token in a cookie of its own (HttpOnly; the forms carry it from the page), and no saved request:
        // a visitor who is not signed in costs the service no session, however often the sign-in page is asked for.
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return http.securityMatcher(PAGES)
                .csrf(c -> c.csrfTokenRepository(csrfTokens))
                .requestCache(r -> r.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
                .authorizeHttpRequests(a -> a.requestMatchers(ASSETS)
                        .permitAll()
                        .requestMatchers(SIGN_IN)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                // Not signed in (any more): to the sign-in page, which says so when the session had expired. A form
                // sent with a stale token: back to where the user can send it again, told that nothing was recorded.
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, failure) -> {
                            boolean expired =
                                    request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
                            response.sendRedirect(request.getContextPath() + SIGN_IN + (expired ? "?verlopen" : ""));
                        })
                        .accessDeniedHandler((request, response, denied) -> {
                            // The CSRF filter runs before the request knows its user: ask the security context.
                            Authentication current =
                                    SecurityContextHolder.getContext().getAuthentication();
                            boolean signedIn = current != null && !(current instanceof AnonymousAuthenticationToken);
                            if (denied instanceof CsrfException) {
                                response.sendRedirect(
                                        request.getContextPath() + (signedIn ? "/?verlopen" : SIGN_IN + "?verlopen"));
                            } else {
                                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                                response.setContentType(MediaType.TEXT_PLAIN_VALUE);
                                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                                response.getWriter().write("Uw rol staat dit niet toe.\n");
                            }
                        }))
                .logout(l -> l.logoutUrl(SIGN_OUT).logoutSuccessUrl(SIGN_IN + "?uitgelogd"));
    }

    /** The default profile: a sign-in form, the users file behind it, as for HTTP Basic on the API. */
    @Bean
    @Order(1)
    @Profile("!production")
    SecurityFilterChain dashboardWithForm(HttpSecurity http, UsersFileAuthenticationProvider users) throws Exception {
        return pages(http)
                .authenticationManager(new ProviderManager(users))
                .formLogin(
                        f -> f.loginPage(SIGN_IN).defaultSuccessUrl("/", true).failureUrl(SIGN_IN + "?fout"))
                .build();
    }

    /**
     * Production: OpenID Connect with the identity provider the environment registers, the user made from the ID
     * token's claims ({@link LedgerOidcUsers}). Without a registration no one can sign in, and the dashboard says so.
     */
    @Bean
    @Order(1)
    @Profile("production")
    SecurityFilterChain dashboardWithOpenIdConnect(
            HttpSecurity http, ObjectProvider<ClientRegistrationRepository> registrations) throws Exception {
        ClientRegistrationRepository registered = registrations.getIfAvailable();
        if (registered == null) {
            return http.securityMatcher(PAGES)
                    .authorizeHttpRequests(a -> a.anyRequest().denyAll())
                    .exceptionHandling(e -> e.authenticationEntryPoint((request, response, failure) -> {
                        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
                        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                        response.getWriter()
                                .write("Het dashboard is niet ingesteld: geen OpenID Connect-aanmelding geregistreerd"
                                        + " (spring.security.oauth2.client.registration.*).\n");
                    }))
                    .build();
        }
        return pages(http)
                .oauth2Login(o -> o.clientRegistrationRepository(registered)
                        .loginPage(SIGN_IN)
                        .defaultSuccessUrl("/", true)
                        .failureUrl(SIGN_IN + "?fout")
                        .userInfoEndpoint(u -> u.oidcUserService(new LedgerOidcUsers())))
                .build();
    }
}
