package dev.leadflow.access;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Logins besides the CRM's and the admin's, the groups whose members work as operators, and how failed
 * HTTP Basic logins are slowed. docs/security.md explains each.
 *
 * @param users          more logins (LEADFLOW_SECURITY_USERS_0_USERNAME, ..._PASSWORD, ..._GROUPS=ops,sales)
 * @param operatorGroups the groups of the operators: Cockpit, Tasklist (a filter each), the interventions
 * @param loginThrottle  when failed logins make a user or a client address wait
 */
@ConfigurationProperties(prefix = "leadflow.security")
public record AccessProperties(List<User> users, List<String> operatorGroups, LoginThrottle loginThrottle) {

    public AccessProperties {
        users = users == null ? List.of() : List.copyOf(users);
        operatorGroups = operatorGroups == null || operatorGroups.isEmpty()
                ? List.of("ops", "sales", "sales-managers") : List.copyOf(operatorGroups);
        loginThrottle = loginThrottle == null ? new LoginThrottle(0, 0, null, null) : loginThrottle;
    }

    /** A login: its password in plain text or as a {@code {bcrypt}} hash; its groups by id. */
    public record User(String username, String password, List<String> groups, String firstName, String lastName,
                       String email) {

        public User {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        @Override
        public String toString() {
            return "User[username=" + username + ", groups=" + groups + ", password=***]";
        }
    }

    /**
     * @param maxFailuresPerUser    failed logins in a row of one user name before it must wait
     * @param maxFailuresPerAddress failed logins in a row from one client address before it must wait
     * @param lockout               the first wait; each further failure doubles it
     * @param maxLockout            the longest wait
     */
    public record LoginThrottle(int maxFailuresPerUser, int maxFailuresPerAddress, Duration lockout,
                                Duration maxLockout) {

        public LoginThrottle {
            maxFailuresPerUser = maxFailuresPerUser <= 0 ? 5 : maxFailuresPerUser;
            maxFailuresPerAddress = maxFailuresPerAddress <= 0 ? 20 : maxFailuresPerAddress;
            lockout = lockout == null ? Duration.ofSeconds(30) : lockout;
            maxLockout = maxLockout == null ? Duration.ofMinutes(15) : maxLockout;
        }
    }
}
