package dev.leadflow.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings Camunda's users, groups, memberships, authorizations and Tasklist filters in line with the
 * configured logins at every start: what is configured is created or updated; what an admin added in
 * Camunda Admin stays. Each operator group gets one saved filter (its candidate tasks) and every operator
 * the filter "My tasks" (tasks assigned to them, such as a lead's owner's), so Tasklist shows their work
 * at login.
 */
final class CamundaIdentities {

    static final String MY_TASKS = "My tasks";
    private static final Logger LOG = LoggerFactory.getLogger(CamundaIdentities.class);

    private final Logins logins;

    CamundaIdentities(Logins logins) {
        this.logins = logins;
    }

    /**
     * Nodes of a cluster starting together may create the same user or group at once: the loser's insert
     * fails, and the next pass finds what the other node created.
     */
    void apply(ProcessEngine engine) {
        for (int pass = 1; ; pass++) {
            try {
                applyOnce(engine);
                return;
            } catch (RuntimeException e) {
                if (pass == 3) {
                    throw e;
                }
                LOG.warn("Setting up Camunda's users and groups collided with another node; trying again: {}",
                        e.getMessage());
            }
        }
    }

    private void applyOnce(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        for (String group : logins.knownGroups()) {
            ensureGroup(identity, group);
        }
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        for (Login login : logins.all()) {
            ensureUser(identity, configuration, login);
            for (String group : login.groups()) {
                if (identity.createUserQuery().userId(login.username()).memberOfGroup(group).count() == 0) {
                    identity.createMembership(login.username(), group);
                }
            }
        }
        AuthorizationService authorizations = engine.getAuthorizationService();
        grant(authorizations, Roles.ADMIN_GROUP, Grants.of(Roles.ADMIN));
        grant(authorizations, Roles.CRM_GROUP, Grants.of(Roles.CRM));
        grant(authorizations, Roles.ANALYST_GROUP, Grants.of(Roles.ANALYST));
        for (String group : logins.operatorGroups()) {
            grant(authorizations, group, Grants.of(Roles.OPERATOR));
        }
        ensureFilters(engine);
        LOG.info("Logins in Camunda: {}", logins.all());
    }

    private static void ensureGroup(IdentityService identity, String groupId) {
        if (identity.createGroupQuery().groupId(groupId).count() > 0) {
            return;
        }
        Group group = identity.newGroup(groupId);
        group.setName(groupId);
        group.setType(Roles.ADMIN_GROUP.equals(groupId) ? "SYSTEM" : "WORKFLOW");
        identity.saveGroup(group);
    }

    private static void ensureUser(IdentityService identity, ProcessEngineConfigurationImpl configuration,
                                   Login login) {
        User existing = identity.createUserQuery().userId(login.username()).singleResult();
        boolean created = existing == null;
        User user = created ? identity.newUser(login.username()) : existing;
        boolean changed = created;
        if (login.passwordIsBcryptHash()) {
            // kept as configured: Camunda checks it with BcryptPasswordChecker, the plain password is never known
            UserEntity entity = (UserEntity) user;
            if (!login.password().equals(entity.getPassword())) {
                entity.setDbPassword(login.password());
                entity.setSalt(null);
                changed = true;
            }
        } else if (created || !samePassword(configuration, (UserEntity) user, login.password())) {
            user.setPassword(login.password());
            changed = true;
        }
        if (created) {
            user.setFirstName(login.firstName());
            user.setLastName(login.lastName());
            user.setEmail(login.email());
        }
        if (changed) {
            identity.saveUser(user);
        }
    }

    private static boolean samePassword(ProcessEngineConfigurationImpl configuration, UserEntity user, String plain) {
        if (user.getPassword() == null) {
            return false;
        }
        return configuration.getPasswordManager().check(EncryptionUtil.saltPassword(plain, user.getSalt()),
                user.getPassword());
    }

    private static void grant(AuthorizationService authorizations, String groupId, List<Grants.Grant> grants) {
        for (Grants.Grant grant : grants) {
            Authorization authorization = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                    .resourceType(grant.resource()).resourceId(grant.resourceId()).list().stream()
                    .filter(existing -> existing.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT)
                    .findFirst().orElse(null);
            if (authorization == null) {
                authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                authorization.setGroupId(groupId);
                authorization.setResource(grant.resource());
                authorization.setResourceId(grant.resourceId());
            } else if (grant.permissions().stream().allMatch(authorization::isPermissionGranted)) {
                continue;
            }
            for (Permission permission : grant.permissions()) {
                authorization.addPermission(permission);
            }
            authorizations.saveAuthorization(authorization);
        }
    }

    private void ensureFilters(ProcessEngine engine) {
        FilterService filters = engine.getFilterService();
        int priority = -10;
        for (String group : logins.operatorGroups()) {
            TaskQuery candidates = engine.getTaskService().createTaskQuery().taskCandidateGroup(group)
                    .includeAssignedTasks();
            String filterId = ensureFilter(filters, groupFilterName(group), candidates, priority++,
                    "Tasks for the group " + group + ", assigned or not");
            grantFilter(engine.getAuthorizationService(), group, filterId);
        }
        TaskQuery mine = engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}");
        String myTasks = ensureFilter(filters, MY_TASKS, mine, priority,
                "Tasks assigned to me, e.g. as a lead's owner");
        for (String group : logins.operatorGroups()) {
            grantFilter(engine.getAuthorizationService(), group, myTasks);
        }
    }

    /** The saved Tasklist filter of an operator group. */
    static String groupFilterName(String group) {
        return "Tasks of " + group;
    }

    private static String ensureFilter(FilterService filters, String name, TaskQuery query, int priority,
                                       String description) {
        Filter existing = filters.createTaskFilterQuery().filterName(name).singleResult();
        if (existing != null) {
            return existing.getId();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("priority", priority);
        properties.put("description", description);
        properties.put("refresh", true);
        Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties);
        return filters.saveFilter(filter).getId();
    }

    private static void grantFilter(AuthorizationService authorizations, String groupId, String filterId) {
        if (authorizations.createAuthorizationQuery().groupIdIn(groupId).resourceType(Resources.FILTER)
                .resourceId(filterId).count() > 0) {
            return;
        }
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(Resources.FILTER);
        authorization.setResourceId(filterId);
        authorization.addPermission(Permissions.READ);
        authorizations.saveAuthorization(authorization);
    }
}
