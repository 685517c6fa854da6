package nl.kassier.ledger.api.security;

import java.time.Clock;
import java.util.List;
import nl.kassier.ledger.api.config.LedgerProperties;
import nl.kassier.ledger.api.problem.ProblemWriter;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;
import nl.kassier.ledger.core.shared.Role;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may call the service. The default profile authenticates with HTTP Basic against the users file; the
 * {@code production} profile accepts only OAuth2 bearer JWTs carrying the same role, region and organisation claims.
 * Either way the principal is a {@link LedgerUser}; what a role may do is checked by {@link Access} in the endpoints.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The methods the service answers on some resource. */
    private static final List<String> SERVED_METHODS = List.of("GET", "HEAD", "POST", "OPTIONS");

    private static final String[] OPEN_PATHS = {
        "/actuator/health",
        "/actuator/health/**",
        "/api/v1/openapi.json",
        "/error",
        // Swagger UI: its page, its bundled scripts and its configuration, all of it public like the document.
        "/api/v1/docs",
        "/api/v1/swagger-ui/**",
        "/api/v1/openapi.json/swagger-config"
    };

    /** A 401 problem that names the scheme the caller must use: {@code Basic} by default, {@code Bearer} in production. */
    static AuthenticationEntryPoint problemEntryPoint(ProblemWriter problems, String challenge) {
        return (request, response, failure) -> {
            if (failure instanceof SignInThrottledException throttled) {
                response.setHeader(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
                problems.write(request, response, LedgerErrorCode.TOO_MANY_REQUESTS, throttled.getMessage());
                return;
            }
            response.setHeader("WWW-Authenticate", challenge);
            problems.write(request, response, LedgerErrorCode.UNAUTHENTICATED, "valid credentials are required");
        };
    }

    /**
     * No observations of Spring Security's own. The property {@code management.observations.enable.spring.security}
     * only makes them no-ops: every filter of every request is still wrapped to start and stop one (a few per cent of a
     * request's CPU in the load benchmark's profile). This setting leaves the filter chain unwrapped. Requests stay
     * timed as {@code http.server.requests}.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's firewall refuses a request before anything else sees it: a method it does not know (TRACE,
     * PROPFIND), or a URL it distrusts (an encoded slash, a semicolon). Its own answer is a bare 400; this one is a
     * problem like every other, 405 with {@code Allow} for a method.
     */
    @Bean
    RequestRejectedHandler problemRequestRejected(ProblemWriter problems) {
        return (request, response, rejected) -> {
            if (!SERVED_METHODS.contains(request.getMethod())) {
                response.setHeader(HttpHeaders.ALLOW, String.join(", ", SERVED_METHODS));
                problems.write(
                        request,
                        response,
                        LedgerErrorCode.METHOD_NOT_ALLOWED,
                        "method " + request.getMethod() + " is not allowed here");
            } else {
                problems.write(
                        request,
                        response,
                        LedgerErrorCode.VALIDATION_FAILED,
                        "the request was refused before it was read",
                        List.of(new FieldError(
                                "request", "its URL or a header holds what the ledger does not accept")));
            }
        };
    }

    @Bean
    AccessDeniedHandler problemAccessDenied(ProblemWriter problems) {
        return (request, response, failure) ->
                problems.write(request, response, LedgerErrorCode.FORBIDDEN, "your role does not allow this");
    }

    private static HttpSecurity common(
            HttpSecurity http, AuthenticationEntryPoint entryPoint, AccessDeniedHandler accessDenied) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .headers(h -> h.cacheControl(Customizer.withDefaults()))
                .authorizeHttpRequests(a -> a.requestMatchers(OPEN_PATHS)
                        .permitAll()
                        // Roles are checked here, before a body is read, so a user outside its role gets 403
                        // whatever it sends; regions and ownership are checked by Access and the aggregates.
                        .requestMatchers(HttpMethod.POST, "/api/v1/amendments")
                        .hasRole(Role.SZW.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/regions/*/reservations")
                        .hasAnyRole(Role.PARTNER.name(), Role.COORDINATOR.name())
                        .requestMatchers(
                                HttpMethod.POST, "/api/v1/reservations/*/approve", "/api/v1/reservations/*/reject")
                        .hasRole(Role.COORDINATOR.name())
                        .requestMatchers(
                                HttpMethod.POST, "/api/v1/reservations/*/commit", "/api/v1/reservations/*/release")
                        .hasAnyRole(Role.PARTNER.name(), Role.COORDINATOR.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/reservations/*/payments")
                        .hasRole(Role.KASSIER.name())
                        .requestMatchers(
                                HttpMethod.POST, "/api/v1/regions/*/budgets/*/closing", "/api/v1/budgets/*/closing")
                        .hasRole(Role.KASSIER.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/regions/*/budgets/*/settlement")
                        .hasRole(Role.SZW.name())
                        // Every region's figures: for the national roles only (contract 1.1).
                        .requestMatchers("/actuator/prometheus")
                        .hasAnyRole(Role.KASSIER.name(), Role.AUDITOR.name(), Role.SZW.name())
                        .requestMatchers("/api/v1/audit/checkpoints")
                        .hasAnyRole(Role.KASSIER.name(), Role.AUDITOR.name(), Role.SZW.name())
                        .requestMatchers("/api/v1/audit/events")
                        .hasAnyRole(Role.AUDITOR.name(), Role.KASSIER.name())
                        .requestMatchers("/api/v1/audit/**")
                        .hasRole(Role.AUDITOR.name())
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
    }

    @Configuration(proxyBeanMethods = false)
    @Profile("!production")
    static class BasicAuthentication {

        @Bean
        UsersFileAuthenticationProvider usersFileAuthenticationProvider(LedgerProperties properties) {
            return new UsersFileAuthenticationProvider(
                    UsersFile.load(properties.usersFile()),
                    PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                    new SignInThrottle());
        }

        @Bean
        SecurityFilterChain basicSecurity(
                HttpSecurity http,
                UsersFileAuthenticationProvider provider,
                ProblemWriter problems,
                AccessDeniedHandler problemAccessDenied)
                throws Exception {
            AuthenticationEntryPoint problemEntryPoint = problemEntryPoint(problems, "Basic realm=\"kassier\"");
            // This provider alone: as a bean it would also sit in Spring's global authentication manager, which the
            // chain's own manager asks after a failure, so that every wrong password was checked twice.
            return common(http, problemEntryPoint, problemAccessDenied)
                    .authenticationManager(new ProviderManager(provider))
                    .httpBasic(b -> b.authenticationEntryPoint(problemEntryPoint))
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile("production")
    static class BearerAuthentication {

        /** The JWT decoder Spring Boot configures, remembering the tokens it verified until they expire. */
        @Bean
        static BeanPostProcessor rememberVerifiedTokens() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens)
                            ? new VerifiedTokens(decoder, Clock.systemUTC())
                            : bean;
                }
            };
        }

        @Bean
        SecurityFilterChain bearerSecurity(
                HttpSecurity http,
                ProblemWriter problems,
                AccessDeniedHandler problemAccessDenied,
                LedgerProperties properties)
                throws Exception {
            AuthenticationEntryPoint problemEntryPoint = problemEntryPoint(problems, "Bearer realm=\"kassier\"");
            JwtLedgerUserConverter users =
                    new JwtLedgerUserConverter(properties.jwt().audience());
            return common(http, problemEntryPoint, problemAccessDenied)
                    .oauth2ResourceServer(o ->
                            o.jwt(j -> j.jwtAuthenticationConverter(users)).authenticationEntryPoint(problemEntryPoint))
                    .build();
        }
    }
}
