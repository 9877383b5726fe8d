package dev.leadflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs in CI, so docker-compose.yml is checked by reading it: `docker compose up` needs no
 * credentials and publishes 8080, each profile's services fit together, and every variable it sets is one the
 * application reads.
 */
class DockerComposeTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final List<String> NODES = List.of("node1", "node2", "node3");
    private static final List<String> REQUIRED_ON_POSTGRES = List.of("SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SPRING_DATA_REDIS_HOST",
            "LEADFLOW_API_USERNAME", "LEADFLOW_API_PASSWORD", "LEADFLOW_WHATSAPP_ACCESS_TOKEN",
            "LEADFLOW_WHATSAPP_APP_SECRET", "LEADFLOW_WHATSAPP_VERIFY_TOKEN", "LEADFLOW_WHATSAPP_PHONE_NUMBER_ID");

    private final Map<String, Map<String, Object>> services = services();

    @Test
    void plainUpRunsLeadflowOnTheSandboxWithoutCredentialsOnPort8080() throws IOException {
        assertThat(servicesStartedBy(null)).containsExactly("leadflow");
        Map<String, Object> leadflow = services.get("leadflow");
        assertThat(ports(leadflow)).containsExactly("8080:8080");
        assertThat(environment(leadflow)).containsEntry("SPRING_PROFILES_ACTIVE", "default")
                .doesNotContainKeys("LEADFLOW_API_PASSWORD", "LEADFLOW_WHATSAPP_ACCESS_TOKEN");
        assertThat(applicationProperty("application.yml", "leadflow.sandbox.enabled")).isEqualTo(true);
        assertThat(applicationProperty("application.yml", "server.port")).isEqualTo("${SERVER_PORT:8080}");
        // the embedded default writes H2 under ./data, relative to the image's working directory
        assertThat((String) applicationProperty("application.yml", "spring.datasource.url"))
                .startsWith("jdbc:h2:file:./data/");
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("WORKDIR /app")
                .contains("chown leadflow /app/data");
        assertThat(strings(leadflow.get("volumes"))).contains("leadflow-data:/app/data");
        // Compose evaluates ${VAR:?} for services of every profile: one would stop the plain `up`
        assertThat(Files.readString(COMPOSE)).doesNotContain(":?");
    }

    @Test
    void everyLeadflowServiceHasAHealthCheckOnTheActuator() {
        for (String name : List.of("leadflow", "leadflow-meta", "node1", "node2", "node3")) {
            Map<?, ?> healthcheck = (Map<?, ?>) services.get(name).get("healthcheck");
            assertThat(String.join(" ", strings(healthcheck.get("test")))).as(name)
                    .contains("/dev/tcp/127.0.0.1/8080").contains("GET /actuator/health")
                    .contains("\"status\":\"UP\"");
        }
    }

    @Test
    void theMetaProfileIsOneNodeOnPostgresWithEveryVariableTheProfileRequires() {
        assertThat(servicesStartedBy("leadflow-meta")).containsExactlyInAnyOrder("leadflow-meta", "postgres", "redis");
        Map<String, Object> node = services.get("leadflow-meta");
        assertThat(strings(node.get("profiles"))).containsExactly("meta");
        assertThat(environment(node)).containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
                .containsKeys(REQUIRED_ON_POSTGRES.toArray(String[]::new));
        assertThat(ports(node)).containsExactly("8080:8080");
        Map<String, Object> postgres = environment(services.get("postgres"));
        assertThat(environment(node).get("SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(environment(node).get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(environment(node).get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void theClusterProfileIsThreeNodesBehindNginxOnPort8080() throws IOException {
        assertThat(servicesStartedBy("lb")).containsExactlyInAnyOrder("lb", "node1", "node2", "node3", "postgres",
                "redis");
        Map<String, Object> lb = services.get("lb");
        assertThat((String) lb.get("image")).startsWith("nginx:");
        assertThat(ports(lb)).containsExactly("8080:80");
        String nginx = Files.readString(Path.of("docker/nginx-cluster.conf"));
        assertThat(strings(lb.get("volumes")))
                .contains("./docker/nginx-cluster.conf:/etc/nginx/conf.d/default.conf:ro");
        assertThat(nginx).contains("listen 80;").contains("proxy_pass http://leadflow;").contains("ip_hash;");
        for (String node : NODES) {
            assertThat(nginx).contains("server " + node + ":8080");
            assertThat(environment(services.get(node))).containsAllEntriesOf(environment(services.get("leadflow-meta")))
                    .containsEntry("LEADFLOW_COORDINATION_EXPECTED_NODES", NODES.size());
            assertThat(strings(services.get(node).get("profiles"))).containsExactly("cluster");
            assertThat(services.get(node)).doesNotContainKey("ports");
        }
    }

    @Test
    void everyVariableGivenToLeadflowIsASettingOfTheApplication() throws IOException {
        Set<String> settings = new HashSet<>();
        for (String file : List.of("application.yml", "application-postgres.yml")) {
            for (PropertySource<?> source : load(file)) {
                for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                    settings.add(relaxed(name.replaceAll("\\[\\d+]", "")));
                }
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String name : List.of("leadflow", "leadflow-meta", "node1", "node2", "node3")) {
            for (Map.Entry<String, Object> variable : environment(services.get(name)).entrySet()) {
                if (variable.getKey().equals("SPRING_PROFILES_ACTIVE")) {
                    String profile = String.valueOf(variable.getValue());
                    assertThat(profile.equals("default")
                            || Files.exists(Path.of("src/main/resources/application-" + profile + ".yml"))).isTrue();
                } else if (!settings.contains(relaxed(variable.getKey()))) {
                    unknown.add(name + ": " + variable.getKey());
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    /** The services `docker compose up [service]` starts: without one, those of no profile. */
    private Set<String> servicesStartedBy(String service) {
        Set<String> started = new LinkedHashSet<>();
        Deque<String> toStart = new ArrayDeque<>();
        if (service == null) {
            services.forEach((name, definition) -> {
                if (!definition.containsKey("profiles")) {
                    toStart.add(name);
                }
            });
        } else {
            toStart.add(service);
        }
        while (!toStart.isEmpty()) {
            String name = toStart.pop();
            assertThat(services).containsKey(name);
            if (started.add(name) && services.get(name).get("depends_on") instanceof Map<?, ?> dependencies) {
                dependencies.keySet().forEach(dependency -> toStart.add((String) dependency));
            }
        }
        Set<String> hostPorts = new HashSet<>();
        for (String name : started) {
            for (String port : ports(services.get(name))) {
                assertThat(hostPorts.add(port.split(":")[0])).as("host port of " + name + " is free").isTrue();
            }
        }
        return started;
    }

    private static String relaxed(String name) {
        return name.toLowerCase().replaceAll("[-._]", "");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    private static List<String> ports(Map<String, Object> service) {
        return strings(service.get("ports"));
    }

    private static List<String> strings(Object list) {
        return list == null ? List.of() : ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static Object applicationProperty(String file, String name) throws IOException {
        for (PropertySource<?> source : load(file)) {
            if (source.containsProperty(name)) {
                Object value = source.getProperty(name);
                return value instanceof CharSequence text ? text.toString() : value;
            }
        }
        return null;
    }

    private static List<PropertySource<?>> load(String file) throws IOException {
        return new YamlPropertySourceLoader().load(file, new FileSystemResource("src/main/resources/" + file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        try {
            Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
            return (Map<String, Map<String, Object>>) compose.get("services");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
