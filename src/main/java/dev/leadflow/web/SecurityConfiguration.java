package dev.leadflow.web;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP Basic on the CRM API, Camunda's REST API, the sandbox's own pages and the actuator. Open: Meta's
 * webhook (signature-checked), the sandbox's Graph API (bearer-checked like Meta's), Camunda's
 * webapps, which have their own login (the ops dashboard is a Cockpit page), and the static libraries
 * under {@code /webjars} they load.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate", "Basic realm=\"Leadflow\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                    "Missing or wrong credentials (HTTP Basic)");
            problem.setInstance(java.net.URI.create(request.getRequestURI()));
            writeJson(json, response, problem);
        };
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/webhooks/whatsapp", "/webhooks/whatsapp/").permitAll()
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
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    @Bean
    UserDetailsService apiUsers(ApiProperties api, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(User.withUsername(api.username())
                .password(encoder.encode(api.password()))
                .roles("API")
                .build());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new SaltedSha256PasswordEncoder();
    }

    private static void writeJson(ObjectMapper json, jakarta.servlet.http.HttpServletResponse response, Object body)
            throws IOException {
        json.writeValue(response.getOutputStream(), body);
    }
}
