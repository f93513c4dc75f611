package io.tally.systemtests.deploy;

import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static io.tally.systemtests.deploy.ProjectFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine here: these checks validate what can be validated statically
 * in docker-compose.yml and the Prometheus/Grafana files it mounts.
 */
class DockerComposeTest {

	private static final Set<String> RESOURCE_SERVERS = Set.of("invoice-service", "revenue-service");

	private static final Set<String> MONITORING = Set.of("prometheus", "grafana", "kafka-exporter", "jaeger");

	private static final Set<String> APPLICATIONS = Set.of("invoice-service", "revenue-service", "dashboard",
			"auth-server", "keycloak");

	private final Map<String, Object> compose = ProjectFiles.yaml("docker-compose.yml");

	private final Map<String, Map<String, Object>> services = at(this.compose, "services");

	@Test
	void definesTheWholeStack() {
		assertThat(this.services).containsKeys("kafka", "schema-registry", "postgres", "keycloak", "invoice-service",
				"revenue-service", "dashboard", "auth-server", "jaeger", "kafka-exporter", "prometheus", "grafana");
		assertThat(image("kafka")).startsWith("apache/kafka:");
		assertThat(image("schema-registry")).startsWith("confluentinc/cp-schema-registry:");
		assertThat(image("postgres")).startsWith("postgres:");
		assertThat(image("keycloak")).startsWith("quay.io/keycloak/keycloak:");
	}

	@Test
	void pinsEveryImageTag() {
		this.services.forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as("image of %s", name).isNotNull().matches(".+:[^:]+").doesNotEndWith(":latest");
			assertThat(image.substring(image.lastIndexOf(':') + 1)).as("tag of %s", name).matches(".*\\d.*");
		});
	}

	@Test
	void runsKafkaInKraftMode() {
		Map<String, Object> env = environment("kafka");
		assertThat(String.valueOf(env.get("KAFKA_PROCESS_ROLES"))).contains("broker").contains("controller");
		assertThat(env).containsKeys("CLUSTER_ID", "KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_CONTROLLER_LISTENER_NAMES");
		assertThat(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS"))).contains("kafka:9092");
		assertThat(at(this.services.get("schema-registry"), "environment.SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")
			.toString()).contains("kafka:9092");
	}

	@Test
	void keepsTheKafkaLogOnANamedVolumeInTheImagesDataDirectory() {
		// /var/lib/kafka/data exists in the apache/kafka image, owned by its non-root
		// user: a new named volume
		// mounted there takes that owner, so the broker can write without running as root
		String logDirs = String.valueOf(environment("kafka").get("KAFKA_LOG_DIRS"));
		assertThat(logDirs).isEqualTo("/var/lib/kafka/data");
		List<String> volumes = at(this.services.get("kafka"), "volumes");
		assertThat(volumes).isNotNull();
		String volume = volumes.stream()
			.filter((mount) -> mount.endsWith(":" + logDirs))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no volume mounted at " + logDirs));
		String source = volume.substring(0, volume.indexOf(':'));
		assertThat(source).as("a named volume, not a bind mount").doesNotContain("/");
		assertThat((Map<String, Object>) at(this.compose, "volumes")).containsKey(source);
		assertThat(this.services.get("kafka")).as("kafka runs as the image's user").doesNotContainKey("user");
	}

	@Test
	void createsTheTopicsForItsSingleBroker() {
		assertThat(environment("invoice-service")).containsEntry("TALLY_OUTBOX_REPLICAS", "1")
			.containsEntry("TALLY_OUTBOX_MIN_INSYNC_REPLICAS", "1");
		assertThat(environment("revenue-service")).containsEntry("TALLY_PROJECTION_DEAD_LETTER_REPLICAS", "1")
			.containsEntry("TALLY_PROJECTION_DEAD_LETTER_MIN_INSYNC_REPLICAS", "1");
	}

	@Test
	void givesEveryServiceAHealthCheckAndStartsTheServicesInOrder() {
		// kafka-exporter is a scratch image and Jaeger's image is not known to ship a
		// shell or an HTTP client: nothing
		// to run a check with. The Java services inherit the Dockerfile's HEALTHCHECK
		// (DockerfileTest).
		Set<String> withoutCheck = Set.of("kafka-exporter", "jaeger");
		this.services.forEach((name, service) -> {
			if (!withoutCheck.contains(name) && !service.containsKey("build")) {
				assertThat(at(service, "healthcheck.test").toString()).as("healthcheck of %s", name).isNotBlank();
			}
		});
		for (String service : RESOURCE_SERVERS) {
			Map<String, Map<String, Object>> dependsOn = at(this.services.get(service), "depends_on");
			assertThat(dependsOn).as("depends_on of %s", service).containsKeys("postgres", "kafka", "schema-registry");
			dependsOn.values()
				.forEach((condition) -> assertThat(condition).containsEntry("condition", "service_healthy"));
		}
	}

	@Test
	void startsMonitoringWithoutWaitingForTheApplication() {
		for (String name : MONITORING) {
			Map<String, Object> dependsOn = at(this.services.get(name), "depends_on");
			Set<String> dependencies = (dependsOn != null) ? dependsOn.keySet() : Set.of();
			assertThat(dependencies).as("depends_on of %s", name).doesNotContainAnyElementsOf(APPLICATIONS);
		}
		assertThat(this.services.get("kafka-exporter")).as("kafka-exporter comes back after the broker")
			.containsEntry("restart", "unless-stopped");
	}

	@Test
	void servesTheActuatorOnTheManagementPortOnly() {
		Map<String, Object> prometheus = ProjectFiles.yaml("deploy/prometheus/prometheus.yml");
		List<Map<String, Object>> jobs = at(prometheus, "scrape_configs");
		Contract.PORTS.forEach((service, ports) -> {
			int api = ports.get(0);
			int management = ports.get(1);
			assertThat(environment(service)).as(service)
				.containsEntry("SERVER_PORT", Integer.toString(api))
				.containsEntry("MANAGEMENT_SERVER_PORT", Integer.toString(management));
			List<String> published = at(this.services.get(service), "ports");
			assertThat(published).as("ports of %s", service)
				.containsExactlyInAnyOrder(api + ":" + api, "127.0.0.1:" + management + ":" + management);
			assertThat(jobs).as("scrape job of %s", service)
				.anyMatch((job) -> service.equals(job.get("job_name"))
						&& "/actuator/prometheus".equals(job.get("metrics_path"))
						&& at(job, "static_configs").toString().contains(service + ":" + management));
		});
	}

	@Test
	void takesTheIssuerFromKeycloaksRealm() {
		Map<String, Object> keycloak = environment("keycloak");
		String realm = String.valueOf(ProjectFiles.json("deploy/keycloak/tally-realm.json").get("realm"));
		String realmUrl = keycloak.get("KC_HOSTNAME") + "/realms/" + realm;
		assertThat(URI.create(realmUrl).getPort()).isEqualTo(Integer.parseInt((String) keycloak.get("KC_HTTP_PORT")));
		List<String> published = at(this.services.get("keycloak"), "ports");
		assertThat(published).contains(keycloak.get("KC_HTTP_PORT") + ":" + keycloak.get("KC_HTTP_PORT"));
		String issuer = "${TALLY_ISSUER_URI:-" + realmUrl + "}";
		for (String service : RESOURCE_SERVERS) {
			assertThat(environment(service)).containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
					issuer);
		}
		assertThat(environment("dashboard")).containsEntry("TALLY_DASHBOARD_IDENTITY_ISSUER", issuer);
		// Keycloak is compose's identity provider; the development server is an opt-in
		// alternative
		assertThat(this.services.get("keycloak")).doesNotContainKey("profiles");
		assertThat((List<String>) at(this.services.get("auth-server"), "profiles")).containsExactly("auth-server");
		assertThat(environment("auth-server")).containsEntry("SPRING_SECURITY_OAUTH2_AUTHORIZATIONSERVER_ISSUER",
				"http://auth-server:9000");
	}

	@Test
	void configuresTheServicesThroughStandardSpringVariables() {
		assertServiceEnvironment("invoice-service", "invoices");
		assertServiceEnvironment("revenue-service", "revenue");
	}

	private void assertServiceEnvironment(String service, String database) {
		assertThat(environment(service))
			.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + database)
			.containsEntry("SPRING_DATASOURCE_USERNAME", "tally")
			.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
			.containsEntry("SPRING_KAFKA_PROPERTIES_SCHEMA_REGISTRY_URL", "http://schema-registry:8081");
		// the password comes from the git-ignored .env file, never from the repository
		assertThat(String.valueOf(environment(service).get("SPRING_DATASOURCE_PASSWORD")))
			.startsWith("${POSTGRES_PASSWORD");
	}

	@Test
	void pointsTheDashboardAtBothServicesAndItsClientSecret() {
		Map<String, Object> env = environment("dashboard");
		assertThat(env).containsEntry("TALLY_DASHBOARD_INVOICE_SERVICE_URL", "http://invoice-service:8080")
			.containsEntry("TALLY_DASHBOARD_REVENUE_SERVICE_URL", "http://revenue-service:8082");
		assertThat(String.valueOf(env.get("TALLY_DASHBOARD_IDENTITY_CLIENT_SECRET")))
			.startsWith("${TALLY_DASHBOARD_CLIENT_SECRET:?");
		assertThat(String.valueOf(env.get("TALLY_DASHBOARD_IDENTITY_STREAM_CLIENT_SECRET")))
			.startsWith("${TALLY_CLI_CLIENT_SECRET:?");
	}

	@Test
	void sendsTracesToTheTraceBackendThatGrafanaShows() {
		for (String service : Contract.PORTS.keySet()) {
			Map<String, Object> env = environment(service);
			URI endpoint = URI.create(String.valueOf(env.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")));
			assertThat(endpoint.getHost()).as("%s sends spans to a compose service", service)
				.isIn(this.services.keySet());
			assertThat(endpoint.getPort()).as("OTLP over HTTP").isEqualTo(4318);
			assertThat(endpoint.getPath()).isEqualTo("/v1/traces");
			assertThat(String.valueOf(env.get("MANAGEMENT_TRACING_SAMPLING_PROBABILITY"))).isNotBlank();
		}
		assertThat(image("jaeger")).startsWith("jaegertracing/jaeger:2.");
		Map<String, Object> jaeger = datasource("deploy/grafana/provisioning/datasources/jaeger.yml");
		assertThat(jaeger).containsEntry("type", "jaeger");
		assertThat(URI.create((String) jaeger.get("url")).getHost()).isEqualTo("jaeger");
		// a latency bucket's exemplar opens its trace
		Map<String, Object> prometheus = datasource("deploy/grafana/provisioning/datasources/prometheus.yml");
		List<Map<String, Object>> exemplars = at(prometheus, "jsonData.exemplarTraceIdDestinations");
		assertThat(exemplars).anyMatch((destination) -> "trace_id".equals(destination.get("name"))
				&& jaeger.get("uid").equals(destination.get("datasourceUid")));
		assertThat((List<String>) at(this.services.get("prometheus"), "command"))
			.contains("--enable-feature=exemplar-storage");
	}

	@Test
	void limitsTheMemoryOfEveryJavaServiceToWhatItsHeapNeeds() {
		this.services.forEach((name, service) -> {
			if (service.containsKey("build")) {
				String limit = at(service, "deploy.resources.limits.memory");
				assertThat(limit).as("memory limit of %s", name).isNotNull();
				JvmSizing.assertHeapFits(name, limit);
			}
		});
	}

	@Test
	void keepsSecretsOutOfTheRepository() {
		Map<String, String> example = ProjectFiles.envFile(".env.example");
		String text = ProjectFiles.read("docker-compose.yml");
		Set<String> required = new TreeSet<>();
		Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(text);
		while (variable.find()) {
			required.add(variable.group(1));
		}
		assertThat(required).contains("POSTGRES_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "KEYCLOAK_ADMIN_PASSWORD",
				"TALLY_CLI_CLIENT_SECRET", "TALLY_DASHBOARD_CLIENT_SECRET");
		// every required variable is listed, and none has a value: compose refuses to
		// start until one is generated
		assertThat(example.keySet()).containsAll(required);
		example.forEach((name, value) -> assertThat(value).as(".env.example %s", name).isEmpty());
		this.services.forEach((name, service) -> {
			Map<String, Object> environment = at(service, "environment");
			if (environment != null) {
				environment.forEach((key, value) -> {
					if (key.matches(".*(PASSWORD|SECRET).*")) {
						assertThat(String.valueOf(value)).as("%s of %s", key, name).startsWith("${");
					}
				});
			}
		});
		assertThat(ProjectFiles.read(".gitignore").lines()).contains(".env");
		assertThat(ProjectFiles.read("deploy/new-env.sh")).contains(".env.example").contains("/dev/urandom");
	}

	@Test
	void createsOneDatabasePerServiceAndOneForKeycloakOnFirstStart() {
		List<String> volumes = at(this.services.get("postgres"), "volumes");
		assertThat(volumes).anyMatch((volume) -> volume.startsWith("./deploy/postgres/init-databases.sh:")
				&& volume.contains("/docker-entrypoint-initdb.d/"));
		assertThat(ProjectFiles.read("deploy/postgres/init-databases.sh")).contains("invoices")
			.contains("revenue")
			.contains("keycloak");
		assertThat(String.valueOf(environment("keycloak").get("KC_DB_URL"))).endsWith("/keycloak");
	}

	@Test
	void scrapesTheServicesAndAlertsOnBacklogDeadLettersAndLag() {
		List<String> mounted = at(this.services.get("prometheus"), "volumes");
		assertThat(String.join(" ", mounted))
			.contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml")
			.contains("./deploy/prometheus/alert-rules.yml:/etc/prometheus/alert-rules.yml");
		assertThat((List<String>) at(ProjectFiles.yaml("deploy/prometheus/prometheus.yml"), "rule_files"))
			.containsExactly("alert-rules.yml");
		String rules = ProjectFiles.read("deploy/prometheus/alert-rules.yml");
		assertThat(rules).contains("tally_outbox_oldest_pending_age_seconds")
			.contains("tally_dead_letters_pending")
			.contains("kafka_consumergroup_lag")
			.contains("absent(kafka_brokers)");
	}

	@Test
	void provisionsGrafanaWithTheTallyDashboard() {
		String dashboard = ProjectFiles.read("deploy/grafana/dashboards/tally-overview.json");
		assertThat(dashboard).contains("http_server_requests_seconds_count")
			.contains("tally_outbox_pending")
			.contains("tally_outbox_oldest_pending_age_seconds")
			.contains("tally_projection_events_applied_total")
			.contains("tally_projection_events_stale_total")
			.contains("tally_projection_dead_lettered_total")
			.contains("tally_dead_letters_pending")
			.contains("tally_projection_event_lag_seconds");
		assertThat(datasource("deploy/grafana/provisioning/datasources/prometheus.yml")).containsEntry("url",
				"http://prometheus:9090");
		List<String> mounted = at(this.services.get("grafana"), "volumes");
		assertThat(String.join(" ", mounted)).contains("./deploy/grafana/provisioning")
			.contains("./deploy/grafana/dashboards");
		assertThat(Files.isRegularFile(ProjectFiles.root().resolve("deploy/grafana/provisioning/dashboards/tally.yml")))
			.isTrue();
	}

	private static Map<String, Object> datasource(String file) {
		List<Map<String, Object>> datasources = at(ProjectFiles.yaml(file), "datasources");
		assertThat(datasources).as(file).hasSize(1);
		return datasources.get(0);
	}

	private String image(String service) {
		return (String) this.services.get(service).get("image");
	}

	private Map<String, Object> environment(String service) {
		Map<String, Object> environment = at(this.services.get(service), "environment");
		assertThat(environment).as("environment of %s", service).isNotNull();
		return environment;
	}

}
