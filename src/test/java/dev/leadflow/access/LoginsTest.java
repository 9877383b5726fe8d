package dev.leadflow.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Who is who, from configuration: roles follow groups; a wrong configuration stops the start, saying why. */
class LoginsTest {

    private static final AccessProperties NO_MORE_USERS = new AccessProperties(List.of(), null, null);

    @Test
    void onTheEmbeddedDefaultDemoIsTheAdminAndTheCrmLogin() {
        Logins logins = new Logins(new ApiProperties("demo", "demo"), new AdminProperties("demo", "demo"),
                NO_MORE_USERS);

        assertThat(logins.all()).singleElement().satisfies(demo -> {
            assertThat(demo.groups()).containsExactlyInAnyOrder("camunda-admin", "leadflow-crm");
            assertThat(demo.roles()).containsExactlyInAnyOrder(Roles.ADMIN, Roles.CRM);
        });
    }

    @Test
    void theCrmLoginIsOnlyTheCrmAndItsPasswordMayBeABcryptHash() {
        String hash = "{bcrypt}$2a$10$loDAAhoAqpfbzM9hONJTpOoBUmxCkNs8x7gWC2sZMn88NilRH9ikG";
        Logins logins = new Logins(new ApiProperties("crm", hash), new AdminProperties("admin", "s3cret"),
                new AccessProperties(List.of(new AccessProperties.User("maria", "pw", List.of("sales", "ops"), "Maria",
                        null, null)), null, null));

        Login crm = logins.all().stream().filter(login -> login.username().equals("crm")).findFirst().orElseThrow();
        Login maria = logins.all().stream().filter(login -> login.username().equals("maria")).findFirst()
                .orElseThrow();
        assertThat(crm.roles()).containsExactly(Roles.CRM);
        assertThat(crm.passwordIsBcryptHash()).isTrue();
        assertThat(maria.roles()).containsExactly(Roles.OPERATOR);
        assertThat(crm.toString()).doesNotContain(hash);
    }

    @Test
    void anUnknownGroupOrASecondAdminStopsTheStart() {
        assertThatThrownBy(() -> new Logins(new ApiProperties("crm", "a"), new AdminProperties("admin", "b"),
                new AccessProperties(List.of(new AccessProperties.User("x", "pw", List.of("sails"), null, null, null)),
                        null, null)))
                .hasMessageContaining("x is in group 'sails', which is not configured");
        assertThatThrownBy(() -> new Logins(new ApiProperties("crm", "a"), new AdminProperties("admin", "b"),
                new AccessProperties(List.of(new AccessProperties.User("y", "pw", List.of("camunda-admin"), null, null,
                        null)), null, null)))
                .hasMessageContaining("the admin is LEADFLOW_ADMIN_USERNAME alone");
    }
}
