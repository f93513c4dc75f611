package io.tally.systemtests.deploy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static io.tally.systemtests.deploy.ProjectFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine here: these checks validate what can be validated statically
 * in docker-compose.yml, the Dockerfiles and the Prometheus/Grafana files it mounts.
 */
class DockerComposeTest {

	private static final Set<String> SERVICES = Set.of("invoice-service", "revenue-service");

	private final Map<String, Object> compose = ProjectFiles.yaml("docker-compose.yml");

	private final Map<String, Map<String, Object>> services = at(this.compose, "services");

	@Test
	void definesTheWholeStack() {
		assertThat(this.services).containsKeys("kafka", "schema-registry", "postgres", "invoice-service",
				"revenue-service", "prometheus", "grafana");
		assertThat(image("kafka")).startsWith("apache/kafka:");
		assertThat(image("schema-registry")).startsWith("confluentinc/cp-schema-registry:");
		assertThat(image("postgres")).startsWith("postgres:");
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
	void givesEveryServiceAHealthCheckAndStartsThemInOrder() {
		this.services.forEach((name, service) -> {
			if (!name.equals("kafka-exporter")) { // a scratch image without a shell:
													// nothing to run a check with
				assertThat(at(service, "healthcheck.test").toString()).as("healthcheck of %s", name).isNotBlank();
			}
		});
		for (String service : SERVICES) {
			Map<String, Map<String, Object>> dependsOn = at(this.services.get(service), "depends_on");
			assertThat(dependsOn).as("depends_on of %s", service).containsKeys("postgres", "kafka", "schema-registry");
			dependsOn.values()
				.forEach((condition) -> assertThat(condition).containsEntry("condition", "service_healthy"));
			assertThat(at(this.services.get(service), "healthcheck.test").toString())
				.contains("/actuator/health/readiness");
		}
		assertThat(at(this.services.get("grafana"), "depends_on.prometheus.condition").toString())
			.isEqualTo("service_healthy");
	}

	@Test
	void configuresTheServicesThroughStandardSpringVariables() {
		assertServiceEnvironment("invoice-service", 8080, "invoices");
		assertServiceEnvironment("revenue-service", 8082, "revenue");
	}

	private void assertServiceEnvironment(String service, int port, String database) {
		Map<String, Object> env = environment(service);
		assertThat(env).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + database)
			.containsEntry("SPRING_DATASOURCE_USERNAME", "tally")
			.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
			.containsEntry("SPRING_KAFKA_PROPERTIES_SCHEMA_REGISTRY_URL", "http://schema-registry:8081")
			.containsEntry("SERVER_PORT", Integer.toString(port));
		assertThat(String.valueOf(env.get("JAVA_TOOL_OPTIONS")))
			.contains("org.apache.avro.SERIALIZABLE_PACKAGES=io.tally.events");
		// the password comes from the git-ignored .env file, never from the repository
		assertThat(String.valueOf(env.get("SPRING_DATASOURCE_PASSWORD"))).startsWith("${POSTGRES_PASSWORD");
		List<String> ports = at(this.services.get(service), "ports");
		assertThat(ports).contains(port + ":" + port);
		assertThat(at(this.services.get(service), "build.dockerfile").toString()).isEqualTo(service + "/Dockerfile");
	}

	@Test
	void keepsSecretsOutOfTheRepository() {
		assertThat(String.valueOf((Object) at(this.services.get("postgres"), "environment.POSTGRES_PASSWORD")))
			.startsWith("${POSTGRES_PASSWORD");
		assertThat(String.valueOf((Object) at(this.services.get("grafana"), "environment.GF_SECURITY_ADMIN_PASSWORD")))
			.startsWith("${GRAFANA_ADMIN_PASSWORD");
		assertThat(ProjectFiles.read(".env.example")).contains("POSTGRES_PASSWORD=")
			.contains("GRAFANA_ADMIN_PASSWORD=");
		assertThat(ProjectFiles.read(".gitignore").lines()).contains(".env");
	}

	@Test
	void createsOneDatabasePerServiceOnFirstStart() {
		List<String> volumes = at(this.services.get("postgres"), "volumes");
		assertThat(volumes).anyMatch((volume) -> volume.startsWith("./deploy/postgres/init-databases.sh:")
				&& volume.contains("/docker-entrypoint-initdb.d/"));
		assertThat(ProjectFiles.read("deploy/postgres/init-databases.sh")).contains("invoices").contains("revenue");
	}

	@Test
	void buildsLayeredNonRootImagesWithPinnedBases() {
		for (String service : SERVICES) {
			String dockerfile = ProjectFiles.read(service + "/Dockerfile");
			Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile);
			int stages = 0;
			while (from.find()) {
				stages++;
				assertThat(from.group(1)).as("base image in %s/Dockerfile", service).matches(".+:.*\\d.*");
			}
			assertThat(stages).as("multi-stage %s/Dockerfile", service).isGreaterThanOrEqualTo(2);
			assertThat(dockerfile).contains("-Djarmode=tools")
				.contains("extract --layers --launcher")
				.contains("org.springframework.boot.loader.launch.JarLauncher")
				.contains("HEALTHCHECK")
				.contains("/actuator/health/readiness");
			Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
			assertThat(user.find()).as("USER in %s/Dockerfile", service).isTrue();
			assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0");
		}
	}

	@Test
	void scrapesBothServicesAndAlertsOnBacklogDeadLettersAndLag() {
		Map<String, Object> prometheus = ProjectFiles.yaml("deploy/prometheus/prometheus.yml");
		List<Map<String, Object>> jobs = at(prometheus, "scrape_configs");
		for (String service : SERVICES) {
			assertThat(jobs).anyMatch((job) -> service.equals(job.get("job_name"))
					&& "/actuator/prometheus".equals(job.get("metrics_path"))
					&& at(job, "static_configs").toString().contains(service + ":"));
		}
		List<String> mounted = at(this.services.get("prometheus"), "volumes");
		assertThat(String.join(" ", mounted)).contains("./deploy/prometheus/prometheus.yml")
			.contains("./deploy/prometheus/alert-rules.yml");
		String rules = ProjectFiles.read("deploy/prometheus/alert-rules.yml");
		assertThat(rules).contains("tally_outbox_oldest_pending_age_seconds")
			.contains("tally_projection_dead_lettered_total")
			.contains("kafka_consumergroup_lag");
	}

	@Test
	void provisionsGrafanaWithTheTallyDashboard() {
		String datasource = ProjectFiles.read("deploy/grafana/provisioning/datasources/prometheus.yml");
		assertThat(datasource).contains("http://prometheus:9090");
		String dashboard = ProjectFiles.read("deploy/grafana/dashboards/tally-overview.json");
		assertThat(dashboard).contains("http_server_requests_seconds_count")
			.contains("tally_outbox_pending")
			.contains("tally_outbox_oldest_pending_age_seconds")
			.contains("tally_projection_events_applied_total")
			.contains("tally_projection_events_stale_total")
			.contains("tally_projection_dead_lettered_total")
			.contains("tally_projection_event_lag_seconds");
		List<String> mounted = at(this.services.get("grafana"), "volumes");
		assertThat(String.join(" ", mounted)).contains("./deploy/grafana/provisioning")
			.contains("./deploy/grafana/dashboards");
		assertThat(Files.isRegularFile(ProjectFiles.root().resolve("deploy/grafana/provisioning/dashboards/tally.yml")))
			.isTrue();
	}

	private String image(String service) {
		return (String) this.services.get(service).get("image");
	}

	private Map<String, Object> environment(String service) {
		return at(this.services.get(service), "environment");
	}

}
