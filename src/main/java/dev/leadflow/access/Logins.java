package dev.leadflow.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

/**
 * Every configured login with its groups: the CRM's (group {@value Roles#CRM_GROUP}), the admin's (Camunda's
 * {@code camunda-admin}) and {@code leadflow.security.users}. On the embedded default the CRM's login and the
 * admin are the same user, {@code demo}, who then holds both. A start with an unknown group, a second admin
 * or a login without a password stops, naming it.
 */
@Component
public class Logins {

    private final List<Login> all;
    private final AccessProperties access;

    Logins(ApiProperties api, AdminProperties admin, AccessProperties access) {
        this.access = access;
        Map<String, Builder> byName = new LinkedHashMap<>();
        byName.computeIfAbsent(admin.username(), name -> new Builder(name, admin.password(), "Leadflow", "Admin", null))
                .groups.add(Roles.ADMIN_GROUP);
        Builder crm = byName.computeIfAbsent(api.username(),
                name -> new Builder(name, api.password(), "CRM", "integration", null));
        if (!crm.password.equals(api.password())) {
            throw new IllegalStateException("LEADFLOW_API_USERNAME and LEADFLOW_ADMIN_USERNAME name the same user "
                    + "with two passwords; give the CRM a login of its own");
        }
        crm.groups.add(Roles.CRM_GROUP);
        Set<String> known = knownGroups();
        for (AccessProperties.User user : access.users()) {
            if (user.username() == null || user.username().isBlank() || user.password() == null
                    || user.password().isBlank()) {
                throw new IllegalStateException("leadflow.security.users: every user needs a username and a password");
            }
            if (byName.containsKey(user.username())) {
                throw new IllegalStateException("leadflow.security.users: " + user.username() + " is configured twice");
            }
            for (String group : user.groups()) {
                if (group.equals(Roles.ADMIN_GROUP)) {
                    throw new IllegalStateException("leadflow.security.users: " + user.username() + " may not be in "
                            + Roles.ADMIN_GROUP + "; the admin is LEADFLOW_ADMIN_USERNAME alone");
                }
                if (!known.contains(group)) {
                    throw new IllegalStateException("leadflow.security.users: " + user.username() + " is in group '"
                            + group + "', which is not configured; known groups: " + new TreeSet<>(known));
                }
            }
            Builder builder = new Builder(user.username(), user.password(), user.firstName(), user.lastName(),
                    user.email());
            builder.groups.addAll(user.groups());
            byName.put(user.username(), builder);
        }
        List<Login> logins = new ArrayList<>();
        byName.values().forEach(builder -> logins.add(builder.build(access.operatorGroups())));
        this.all = List.copyOf(logins);
    }

    public List<Login> all() {
        return all;
    }

    public List<String> operatorGroups() {
        return access.operatorGroups();
    }

    /** Every group a login may be in and a flow may name as candidate group. */
    public Set<String> knownGroups() {
        Set<String> groups = new LinkedHashSet<>(access.operatorGroups());
        groups.add(Roles.ANALYST_GROUP);
        groups.add(Roles.CRM_GROUP);
        groups.add(Roles.ADMIN_GROUP);
        return groups;
    }

    private static final class Builder {
        private final String username;
        private final String password;
        private final String firstName;
        private final String lastName;
        private final String email;
        private final Set<String> groups = new LinkedHashSet<>();

        Builder(String username, String password, String firstName, String lastName, String email) {
            this.username = username;
            this.password = password;
            this.firstName = firstName;
            this.lastName = lastName;
            this.email = email;
        }

        Login build(List<String> operatorGroups) {
            return new Login(username, password, Set.copyOf(groups), Login.rolesOf(groups, operatorGroups),
                    firstName == null ? username : firstName, lastName == null ? "" : lastName, email);
        }
    }
}
