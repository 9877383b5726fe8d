package dev.leadflow.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One configured login as Spring Security and Camunda both know it.
 *
 * @param password plain text or a {@code {bcrypt}} hash, as configured
 */
public record Login(String username, String password, Set<String> groups, Set<Roles> roles, String firstName,
                    String lastName, String email) {

    static final String BCRYPT_PREFIX = "{bcrypt}";

    public boolean passwordIsBcryptHash() {
        return password.startsWith(BCRYPT_PREFIX);
    }

    public List<String> authorities() {
        return roles.stream().map(Roles::authority).toList();
    }

    static Set<Roles> rolesOf(Set<String> groups, List<String> operatorGroups) {
        Set<Roles> roles = EnumSet.noneOf(Roles.class);
        for (String group : groups) {
            if (group.equals(Roles.CRM_GROUP)) {
                roles.add(Roles.CRM);
            } else if (group.equals(Roles.ANALYST_GROUP)) {
                roles.add(Roles.ANALYST);
            } else if (group.equals(Roles.ADMIN_GROUP)) {
                roles.add(Roles.ADMIN);
            } else if (operatorGroups.contains(group)) {
                roles.add(Roles.OPERATOR);
            }
        }
        return roles;
    }

    @Override
    public String toString() {
        return "Login[username=" + username + ", groups=" + groups + ", password=***]";
    }
}
