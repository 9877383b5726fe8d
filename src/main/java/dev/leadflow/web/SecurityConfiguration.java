package dev.leadflow.web;

import static dev.leadflow.access.Roles.ADMIN;
import static dev.leadflow.access.Roles.ANALYST;
import static dev.leadflow.access.Roles.CRM;
import static dev.leadflow.access.Roles.OPERATOR;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.access.AccessProperties;
import dev.leadflow.access.Logins;
import dev.leadflow.access.Roles;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HTTP Basic, and what each role may reach (docs/security.md has the table):
 * <ul>
 * <li>CRM integration: the CRM API (leads, meetings, events, timeline, flows, messages, subscriptions, the
 * event feed, experiments) and {@code POST /engine-rest/message}, nothing else of the engine;</li>
 * <li>operators: the ops API and interventions, reading the CRM API, the sandbox, {@code /engine-rest} as far
 * as their Camunda authorizations go (Cockpit and Tasklist have their own login);</li>
 * <li>analysts: {@code /engine-rest} as far as their authorizations go (deployments, history), reading the
 * CRM API;</li>
 * <li>admin: everything, metrics included.</li>
 * </ul>
 * Open: Meta's webhook (signature-checked), the sandbox's Graph API (bearer-checked like Meta's), Camunda's
 * webapps (their own login), the health probe and the static libraries under {@code /webjars}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String[] CRM_API = {"/api/leads/**", "/api/meetings/**", "/api/subscriptions/**",
            "/api/subscriptions", "/api/events", "/api/events/**", "/api/experiments", "/api/experiments/**"};
    private static final String[] INTERVENTIONS = {"/api/leads/*/pause", "/api/leads/*/resume",
            "/api/leads/*/flows/*/skip", "/api/leads/*/flows/*/send-now", "/api/leads/*/flows/*/cancel",
            "/api/messages/*/resend", "/api/channels/**", "/api/templates/**"};

    /**
     * Meta's webhook has no login (each delivery is signed, and the endpoint checks the signature), so it
     * gets a chain of its own without the login's machinery (session, anonymous user, logout, request cache,
     * the login throttle): it takes three or more requests per message, the busiest path of all.
     */
    @Bean
    @Order(1)
    SecurityFilterChain metaWebhook(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/webhooks/whatsapp")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .logout(logout -> logout.disable())
                .servletApi(servletApi -> servletApi.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json, LoginThrottle throttle) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Leadflow\"");
            problem(json, request, response, HttpStatus.UNAUTHORIZED, "Missing or wrong credentials (HTTP Basic)");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> problem(json, request, response,
                HttpStatus.FORBIDDEN, "This login may not do this; docs/security.md lists what each role may do");
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/webhooks/whatsapp/").permitAll()
                        .requestMatchers("/sandbox/graph/**").permitAll()
                        // the CRM sides of the sandbox: a webhook receiver, and HubSpot's and Pipedrive's APIs
                        // (token-checked like theirs)
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/sandbox/crm/receivers/*")
                        .permitAll()
                        .requestMatchers("/sandbox/hubspot/**", "/sandbox/pipedrive/**").permitAll()
                        // HubSpot's webhook carries HubSpot's signature (v3), checked by the adapter
                        .requestMatchers("/webhooks/hubspot").permitAll()
                        .requestMatchers("/camunda/**").permitAll()
                        // public chart library the ops dashboard in Cockpit loads; no data
                        .requestMatchers("/webjars/**").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/", "/error", "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.POST, INTERVENTIONS).hasAnyRole(roles(OPERATOR, ADMIN))
                        .requestMatchers("/api/ops/**", "/api/legacy/**").hasAnyRole(roles(OPERATOR, ADMIN))
                        // erasure on request reaches Leadflow from the CRM or from ops
                        .requestMatchers(HttpMethod.DELETE, "/api/leads/*").hasAnyRole(roles(CRM, OPERATOR, ADMIN))
                        // ending an experiment is the analysts' call
                        .requestMatchers(HttpMethod.POST, "/api/experiments/*/promote")
                        .hasAnyRole(roles(ANALYST, ADMIN))
                        .requestMatchers(HttpMethod.GET, CRM_API).hasAnyRole(roles(CRM, OPERATOR, ANALYST, ADMIN))
                        .requestMatchers(CRM_API).hasAnyRole(roles(CRM, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/engine-rest/message").hasAnyRole(roles(CRM, ADMIN))
                        // Pipedrive's webhook authenticates with HTTP Basic: the CRM integration's login
                        .requestMatchers(HttpMethod.POST, "/webhooks/pipedrive").hasAnyRole(roles(CRM, ADMIN))
                        .requestMatchers("/engine-rest/**").hasAnyRole(roles(OPERATOR, ANALYST, ADMIN))
                        .requestMatchers("/sandbox", "/sandbox/**").hasAnyRole(roles(OPERATOR, ADMIN))
                        .requestMatchers("/actuator/**").hasRole(ADMIN.name())
                        .requestMatchers("/api/**").hasRole(ADMIN.name())
                        .anyRequest().authenticated())
                .addFilterBefore(new LoginThrottleFilter(throttle, json), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    @Bean
    UserDetailsService basicLogins(Logins logins, PasswordEncoder encoder) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        logins.all().forEach(login -> users.createUser(User.withUsername(login.username())
                .password(LoginPasswords.stored(encoder, login.password()))
                .authorities(login.authorities().toArray(String[]::new))
                .build()));
        return users;
    }

    /**
     * No observations of Spring Security's own: they wrap each of its filters in a timer and a span, which
     * cost more CPU than most requests' own work under load (docs/performance.md). Each request stays
     * measured as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return LoginPasswords.encoder();
    }

    @Bean
    LoginThrottle loginThrottle(AccessProperties access, Clock clock) {
        return new LoginThrottle(access.loginThrottle(), clock);
    }

    private static String[] roles(Roles... roles) {
        return Arrays.stream(roles).map(Roles::name).toArray(String[]::new);
    }

    static void problem(ObjectMapper json, HttpServletRequest request, HttpServletResponse response,
                        HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        json.writeValue(response.getOutputStream(), problem);
    }
}
