package io.tally.systemtests.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.tally.systemtests.deploy.ProjectFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders the kustomize base with {@code kubectl kustomize k8s} (or, without kubectl,
 * reads the resources the kustomization lists) and checks what every Deployment must
 * have.
 */
class KubernetesManifestsTest {

	private static List<Map<String, Object>> objects;

	@BeforeAll
	static void render() throws Exception {
		String rendered = kubectlKustomize();
		if (rendered == null) {
			System.out.println("kubectl not available: checking the files listed in k8s/kustomization.yaml unrendered");
			List<String> resources = at(ProjectFiles.yaml("k8s/kustomization.yaml"), "resources");
			rendered = resources.stream()
				.map((resource) -> ProjectFiles.read("k8s/" + resource))
				.collect(Collectors.joining("\n---\n"));
		}
		objects = ProjectFiles.yamlDocuments(rendered);
	}

	private static String kubectlKustomize() throws InterruptedException {
		try {
			Process process = new ProcessBuilder("kubectl", "kustomize", ProjectFiles.root().resolve("k8s").toString())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as("kubectl kustomize k8s exit code").isZero();
			return output;
		}
		catch (IOException ex) {
			return null; // no kubectl on the PATH
		}
	}

	@Test
	void rendersBothServicesWithEverythingTheyNeed() {
		for (String service : List.of("invoice-service", "revenue-service")) {
			assertThat(named("Deployment", service)).as("Deployment %s", service).isNotNull();
			assertThat(named("Service", service)).as("Service %s", service).isNotNull();
			assertThat(named("ConfigMap", service)).as("ConfigMap %s", service).isNotNull();
			assertThat(named("PodDisruptionBudget", service)).as("PodDisruptionBudget %s", service).isNotNull();
			assertThat(named("ServiceMonitor", service)).as("ServiceMonitor %s", service).isNotNull();
		}
		assertThat(named("PrometheusRule", "tally")).isNotNull();
	}

	@Test
	void everyDeploymentHasProbesResourcesAndAHardenedSecurityContext() {
		List<Map<String, Object>> deployments = ofKind("Deployment");
		assertThat(deployments).hasSize(2);
		for (Map<String, Object> deployment : deployments) {
			String name = at(deployment, "metadata.name");
			Map<String, Object> pod = at(deployment, "spec.template.spec");
			assertThat((Boolean) at(pod, "securityContext.runAsNonRoot")).as("%s runAsNonRoot", name).isTrue();
			List<Map<String, Object>> volumes = at(pod, "volumes");
			List<Map<String, Object>> containers = at(pod, "containers");
			assertThat(containers).isNotEmpty();
			for (Map<String, Object> container : containers) {
				assertThat((String) at(container, "livenessProbe.httpGet.path")).as("%s liveness", name)
					.isEqualTo("/actuator/health/liveness");
				assertThat((String) at(container, "readinessProbe.httpGet.path")).as("%s readiness", name)
					.isEqualTo("/actuator/health/readiness");
				assertThat((Object) at(container, "resources.requests.cpu")).as("%s cpu request", name).isNotNull();
				assertThat((Object) at(container, "resources.requests.memory")).as("%s memory request", name)
					.isNotNull();
				assertThat((Object) at(container, "resources.limits.memory")).as("%s memory limit", name).isNotNull();
				assertThat((Boolean) at(container, "securityContext.readOnlyRootFilesystem"))
					.as("%s read-only fs", name)
					.isTrue();
				assertThat((Boolean) at(container, "securityContext.allowPrivilegeEscalation"))
					.as("%s privilege escalation", name)
					.isFalse();
				assertThat((List<String>) at(container, "securityContext.capabilities.drop"))
					.as("%s capabilities", name)
					.contains("ALL");
				List<Map<String, Object>> mounts = at(container, "volumeMounts");
				Map<String, Object> tmp = mounts.stream()
					.filter((mount) -> "/tmp".equals(mount.get("mountPath")))
					.findFirst()
					.orElseThrow(() -> new AssertionError(name + " has no writable /tmp"));
				assertThat(volumes)
					.anyMatch((volume) -> volume.get("name").equals(tmp.get("name")) && volume.containsKey("emptyDir"));
				assertThat(String.valueOf(container.get("image"))).as("%s image tag", name).matches(".+:[^:]*\\d[^:]*");
			}
		}
	}

	@Test
	void referencesTheDatabaseSecretWithoutCommittingIt() {
		assertThat(ofKind("Secret")).isEmpty();
		for (Map<String, Object> deployment : ofKind("Deployment")) {
			List<Map<String, Object>> containers = at(deployment, "spec.template.spec.containers");
			List<Map<String, Object>> variables = new ArrayList<>();
			containers.forEach((container) -> variables.addAll(at(container, "env")));
			assertThat(variables).anyMatch((variable) -> "SPRING_DATASOURCE_PASSWORD".equals(variable.get("name"))
					&& "tally-db".equals(at(variable, "valueFrom.secretKeyRef.name")));
		}
	}

	@Test
	void configMapsPointTheServicesAtTheirDatabasesAndKafka() {
		Map<String, String> invoice = at(named("ConfigMap", "invoice-service"), "data");
		Map<String, String> revenue = at(named("ConfigMap", "revenue-service"), "data");
		assertThat(invoice.get("SPRING_DATASOURCE_URL")).endsWith("/invoices");
		assertThat(revenue.get("SPRING_DATASOURCE_URL")).endsWith("/revenue");
		for (Map<String, String> data : List.of(invoice, revenue)) {
			assertThat(data).containsKeys("SPRING_KAFKA_BOOTSTRAP_SERVERS",
					"SPRING_KAFKA_PROPERTIES_SCHEMA_REGISTRY_URL", "SPRING_DATASOURCE_USERNAME");
			assertThat(data).doesNotContainKey("SPRING_DATASOURCE_PASSWORD");
		}
	}

	@Test
	void autoscalesRevenueServiceWithinThePartitionCount() {
		Map<String, Object> hpa = named("HorizontalPodAutoscaler", "revenue-service");
		assertThat((String) at(hpa, "spec.scaleTargetRef.name")).isEqualTo("revenue-service");
		assertThat((Integer) at(hpa, "spec.maxReplicas")).isLessThanOrEqualTo(6);
		assertThat((Integer) at(hpa, "spec.minReplicas")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void disruptionBudgetsAndServicesSelectTheirPods() {
		for (Map<String, Object> deployment : ofKind("Deployment")) {
			String name = at(deployment, "metadata.name");
			Map<String, Object> podLabels = at(deployment, "spec.template.metadata.labels");
			Map<String, Object> pdbSelector = at(named("PodDisruptionBudget", name), "spec.selector.matchLabels");
			Map<String, Object> serviceSelector = at(named("Service", name), "spec.selector");
			assertThat(podLabels).containsAllEntriesOf(pdbSelector).containsAllEntriesOf(serviceSelector);
			Map<String, Object> monitorSelector = at(named("ServiceMonitor", name), "spec.selector.matchLabels");
			assertThat((Map<String, Object>) at(named("Service", name), "metadata.labels"))
				.containsAllEntriesOf(monitorSelector);
		}
	}

	@Test
	void prometheusRuleCarriesTheSameAlertsAsDockerCompose() {
		List<String> composeAlerts = alertNames(ProjectFiles.yaml("deploy/prometheus/alert-rules.yml"));
		List<String> operatorAlerts = alertNames(at(named("PrometheusRule", "tally"), "spec"));
		assertThat(operatorAlerts).isNotEmpty().containsExactlyElementsOf(composeAlerts);
	}

	private static List<String> alertNames(Map<String, Object> rules) {
		List<Map<String, Object>> groups = at(rules, "groups");
		List<String> names = new ArrayList<>();
		for (Map<String, Object> group : groups) {
			List<Map<String, Object>> groupRules = at(group, "rules");
			groupRules.forEach((rule) -> names.add((String) rule.get("alert")));
		}
		return names;
	}

	private static List<Map<String, Object>> ofKind(String kind) {
		return objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
	}

	private static Map<String, Object> named(String kind, String name) {
		return ofKind(kind).stream()
			.filter((object) -> name.equals(at(object, "metadata.name")))
			.findFirst()
			.orElse(null);
	}

}
