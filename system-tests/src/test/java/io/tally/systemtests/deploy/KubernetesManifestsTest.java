package io.tally.systemtests.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.tally.systemtests.deploy.ProjectFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders the kustomize base and the monitoring overlay with {@code kubectl kustomize}
 * (skipped, and saying so, where kubectl is missing: configMapGenerator, patches and
 * components only exist once rendered) and checks what every Deployment must have.
 */
class KubernetesManifestsTest {

	private static ExternalTool kubectl;

	private static Manifests base;

	private static Manifests withMonitoring;

	@BeforeAll
	static void render() {
		kubectl = ExternalTool.require("kubectl",
				"it renders k8s/ (kustomize); Debian's kubernetes-client is too old for kustomize components, "
						+ "install a current kubectl");
		base = Manifests.render(ProjectFiles.root().resolve("k8s/base"));
		withMonitoring = Manifests.render(ProjectFiles.root().resolve("k8s/overlays/with-monitoring"));
	}

	@Test
	void rendersEveryDeployableWithEverythingItNeeds() {
		for (String name : Contract.PORTS.keySet()) {
			assertThat(base.named("Deployment", name)).as("Deployment %s", name).isNotNull();
			assertThat(base.named("Service", name)).as("Service %s", name).isNotNull();
		}
		for (String name : List.of("invoice-service", "revenue-service")) {
			assertThat(base.named("PodDisruptionBudget", name)).as("PodDisruptionBudget %s", name).isNotNull();
		}
		assertThat(base.named("HorizontalPodAutoscaler", "revenue-service")).isNotNull();
	}

	@Test
	void baseAppliesOnClustersWithoutThePrometheusOperator() {
		assertThat(base.objects())
			.noneMatch((object) -> String.valueOf(object.get("apiVersion")).startsWith("monitoring.coreos.com/"));
		for (String name : Contract.PORTS.keySet()) {
			assertThat(withMonitoring.named("ServiceMonitor", name)).as("ServiceMonitor %s", name).isNotNull();
		}
		assertThat(withMonitoring.named("PrometheusRule", "tally")).isNotNull();
	}

	@Test
	void monitoringObjectsCarryTheReleaseLabelTheOverlayChooses(@TempDir Path overlay) throws IOException {
		// kustomize takes relative paths only
		Path k8s = ProjectFiles.root().resolve("k8s");
		Files.writeString(overlay.resolve("kustomization.yaml"), """
				apiVersion: kustomize.config.k8s.io/v1beta1
				kind: Kustomization
				resources:
				  - %s
				components:
				  - %s
				patches:
				  - target:
				      group: monitoring.coreos.com
				    patch: |-
				      - op: replace
				        path: /metadata/labels/release
				        value: team-prometheus
				""".formatted(overlay.relativize(k8s.resolve("base")),
				overlay.relativize(k8s.resolve("components/monitoring"))));
		List<Map<String, Object>> monitoring = Manifests.render(overlay)
			.objects()
			.stream()
			.filter((object) -> String.valueOf(object.get("apiVersion")).startsWith("monitoring.coreos.com/"))
			.toList();
		assertThat(monitoring).hasSize(4)
			.allSatisfy((object) -> assertThat((Object) at(object, "metadata.labels.release"))
				.as("release label of %s", (Object) at(object, "metadata.name"))
				.isEqualTo("team-prometheus"));
	}

	@Test
	void rollsThePodsWhenTheirConfigurationChanges() {
		for (Map<String, Object> deployment : base.ofKind("Deployment")) {
			String name = at(deployment, "metadata.name");
			List<String> referenced = new ArrayList<>();
			containers(deployment).forEach((container) -> {
				List<Map<String, Object>> envFrom = at(container, "envFrom");
				envFrom.forEach((source) -> referenced.add(at(source, "configMapRef.name")));
			});
			assertThat(referenced).as("ConfigMaps of %s", name).hasSizeGreaterThanOrEqualTo(2);
			for (String configMap : referenced) {
				// a generated name ends in the hash of the content: new settings, new
				// name, new pods
				assertThat(configMap).as("ConfigMap of %s", name).matches(".+-[a-z0-9]{10}");
				assertThat(base.named("ConfigMap", configMap)).as("rendered ConfigMap %s", configMap).isNotNull();
			}
		}
	}

	@Test
	void leavesTheReplicaCountToTheAutoscaler() {
		for (Map<String, Object> hpa : base.ofKind("HorizontalPodAutoscaler")) {
			String target = at(hpa, "spec.scaleTargetRef.name");
			assertThat(base.named("Deployment", target)).as("autoscaled Deployment %s", target).isNotNull();
			assertThat((Map<String, Object>) at(base.named("Deployment", target), "spec")).as("spec of %s", target)
				.doesNotContainKey("replicas");
			assertThat((Integer) at(hpa, "spec.minReplicas")).isGreaterThanOrEqualTo(2);
		}
		// more consumers than the 6 partitions of invoice-events would sit idle
		assertThat((Integer) at(base.named("HorizontalPodAutoscaler", "revenue-service"), "spec.maxReplicas"))
			.isLessThanOrEqualTo(6);
	}

	@Test
	void everyDeploymentHasProbesResourcesAndAHardenedSecurityContext() {
		List<Map<String, Object>> deployments = base.ofKind("Deployment");
		assertThat(deployments).hasSize(Contract.PORTS.size());
		for (Map<String, Object> deployment : deployments) {
			String name = at(deployment, "metadata.name");
			Map<String, Object> pod = at(deployment, "spec.template.spec");
			assertThat((Boolean) at(pod, "securityContext.runAsNonRoot")).as("%s runAsNonRoot", name).isTrue();
			assertThat((Boolean) pod.get("automountServiceAccountToken")).as("%s service account token", name)
				.isFalse();
			List<Map<String, Object>> volumes = at(pod, "volumes");
			for (Map<String, Object> container : containers(deployment)) {
				assertThat((String) at(container, "livenessProbe.httpGet.path")).as("%s liveness", name)
					.isEqualTo("/actuator/health/liveness");
				assertThat((String) at(container, "readinessProbe.httpGet.path")).as("%s readiness", name)
					.isEqualTo("/actuator/health/readiness");
				assertThat((Object) at(container, "startupProbe.httpGet.path")).as("%s startup", name).isNotNull();
				assertThat((Object) at(container, "resources.requests.cpu")).as("%s cpu request", name).isNotNull();
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
	void runsTheImagesBuiltFromTheRootDockerfile() {
		Map<String, Map<String, Object>> compose = at(ProjectFiles.yaml("docker-compose.yml"), "services");
		List<String> builtModules = compose.values()
			.stream()
			.filter((service) -> service.containsKey("build"))
			.map((service) -> ProjectFiles.<String>at(service, "build.args.MODULE"))
			.toList();
		for (Map<String, Object> deployment : base.ofKind("Deployment")) {
			String image = String.valueOf(containers(deployment).get(0).get("image"));
			String module = image.substring("tally/".length(), image.lastIndexOf(':'));
			assertThat(image).as("image of %s", (Object) at(deployment, "metadata.name")).startsWith("tally/");
			assertThat(builtModules).as("the module of %s", image).contains(module);
		}
	}

	@Test
	void sizesTheHeapFromTheMemoryLimit() {
		for (Map<String, Object> deployment : base.ofKind("Deployment")) {
			String name = at(deployment, "metadata.name");
			for (Map<String, Object> container : containers(deployment)) {
				String limit = at(container, "resources.limits.memory");
				assertThat(limit).as("%s memory limit", name).isNotNull();
				// a request below the limit lets the node overcommit memory the JVM will
				// use: OOM-kills under pressure
				assertThat((Object) at(container, "resources.requests.memory")).as("%s memory request", name)
					.isEqualTo(limit);
				JvmSizing.assertHeapFits(name, limit);
			}
		}
	}

	@Test
	void probesAndScrapesTheManagementPort() {
		Contract.PORTS.forEach((name, ports) -> {
			Map<String, Object> deployment = base.named("Deployment", name);
			Map<String, Object> container = containers(deployment).get(0);
			Map<String, String> env = environment(container);
			assertThat(env).as("environment of %s", name)
				.containsEntry("SERVER_PORT", ports.get(0).toString())
				.containsEntry("MANAGEMENT_SERVER_PORT", ports.get(1).toString());
			List<Map<String, Object>> containerPorts = at(container, "ports");
			assertThat(containerPorts).as("ports of %s", name)
				.anyMatch((port) -> "http".equals(port.get("name")) && ports.get(0).equals(port.get("containerPort")))
				.anyMatch((port) -> "management".equals(port.get("name"))
						&& ports.get(1).equals(port.get("containerPort")));
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				assertThat((Object) at(container, probe + ".httpGet.port")).as("%s %s", name, probe)
					.isEqualTo("management");
			}
			List<Map<String, Object>> servicePorts = at(base.named("Service", name), "spec.ports");
			assertThat(servicePorts).anyMatch(
					(port) -> "management".equals(port.get("name")) && "management".equals(port.get("targetPort")));
			List<Map<String, Object>> endpoints = at(withMonitoring.named("ServiceMonitor", name), "spec.endpoints");
			assertThat(endpoints).as("ServiceMonitor %s", name)
				.allMatch((endpoint) -> "management".equals(endpoint.get("port"))
						&& "/actuator/prometheus".equals(endpoint.get("path")));
		});
	}

	@Test
	void takesIssuerTracingAndPlatformAddressesFromTheConfigMaps() {
		Contract.PORTS.keySet().forEach((name) -> {
			Map<String, String> env = environment(containers(base.named("Deployment", name)).get(0));
			assertThat(env).as("environment of %s", name)
				.containsKeys("SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_KAFKA_PROPERTIES_SCHEMA_REGISTRY_URL",
						"MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
						"MANAGEMENT_TRACING_SAMPLING_PROBABILITY")
				.doesNotContainKey("SPRING_DATASOURCE_PASSWORD");
			assertThat(env.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")).endsWith("/v1/traces");
		});
		for (String name : List.of("invoice-service", "revenue-service")) {
			assertThat(expandedEnvironment(name)).containsKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")
				.containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME");
		}
		assertThat(expandedEnvironment("dashboard")).containsKey("TALLY_DASHBOARD_IDENTITY_ISSUER")
			.containsEntry("TALLY_DASHBOARD_INVOICE_SERVICE_URL", "http://invoice-service:8080")
			.containsEntry("TALLY_DASHBOARD_REVENUE_SERVICE_URL", "http://revenue-service:8082");
		assertThat(expandedEnvironment("invoice-service").get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"))
			.isEqualTo(expandedEnvironment("dashboard").get("TALLY_DASHBOARD_IDENTITY_ISSUER"))
			.startsWith("https://");
	}

	@Test
	void createsTheTopicsForAThreeBrokerCluster() {
		assertThat(expandedEnvironment("invoice-service")).containsEntry("TALLY_OUTBOX_REPLICAS", "3")
			.containsEntry("TALLY_OUTBOX_MIN_INSYNC_REPLICAS", "2");
		assertThat(expandedEnvironment("revenue-service")).containsEntry("TALLY_PROJECTION_DEAD_LETTER_REPLICAS", "3")
			.containsEntry("TALLY_PROJECTION_DEAD_LETTER_MIN_INSYNC_REPLICAS", "2");
	}

	@Test
	void referencesSecretsWithoutCommittingThem() {
		assertThat(base.ofKind("Secret")).isEmpty();
		Map<String, String> secrets = Map.of("invoice-service", "tally-db", "revenue-service", "tally-db", "dashboard",
				"tally-dashboard-oauth");
		secrets.forEach((name, secret) -> {
			List<Map<String, Object>> variables = at(containers(base.named("Deployment", name)).get(0), "env");
			assertThat(variables).as("env of %s", name)
				.anyMatch((variable) -> secret.equals(at(variable, "valueFrom.secretKeyRef.name")));
		});
	}

	@Test
	void disruptionBudgetsAndServicesSelectTheirPods() {
		for (Map<String, Object> deployment : base.ofKind("Deployment")) {
			String name = at(deployment, "metadata.name");
			Map<String, Object> podLabels = at(deployment, "spec.template.metadata.labels");
			Map<String, Object> pdb = base.named("PodDisruptionBudget", name);
			if (pdb != null) {
				assertThat(podLabels).containsAllEntriesOf(at(pdb, "spec.selector.matchLabels"));
			}
			else {
				// a budget of one available pod would block every node drain of a
				// single-replica Deployment
				assertThat((Integer) at(deployment, "spec.replicas")).as("replicas of %s without a budget", name)
					.isEqualTo(1);
			}
			assertThat(podLabels).containsAllEntriesOf(at(base.named("Service", name), "spec.selector"));
			Map<String, Object> monitorSelector = at(withMonitoring.named("ServiceMonitor", name),
					"spec.selector.matchLabels");
			assertThat((Map<String, Object>) at(base.named("Service", name), "metadata.labels"))
				.containsAllEntriesOf(monitorSelector);
		}
	}

	@Test
	void prometheusRuleCarriesTheSameRulesAsDockerCompose() {
		Map<String, Object> composeRules = ProjectFiles.yaml("deploy/prometheus/alert-rules.yml");
		Object operatorRules = at(withMonitoring.named("PrometheusRule", "tally"), "spec.groups");
		assertThat(operatorRules).isNotNull().isEqualTo(composeRules.get("groups"));
	}

	private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
		List<Map<String, Object>> containers = at(deployment, "spec.template.spec.containers");
		assertThat(containers).isNotEmpty();
		return containers;
	}

	/** The variables a container gets from its ConfigMaps and literal env entries. */
	private static Map<String, String> environment(Map<String, Object> container) {
		Map<String, String> env = new HashMap<>();
		List<Map<String, Object>> envFrom = at(container, "envFrom");
		envFrom.forEach((source) -> env.putAll(at(base.named("ConfigMap", at(source, "configMapRef.name")), "data")));
		List<Map<String, Object>> variables = at(container, "env");
		variables.stream()
			.filter((variable) -> variable.containsKey("value"))
			.forEach((variable) -> env.put((String) variable.get("name"), (String) variable.get("value")));
		return env;
	}

	/**
	 * The environment as the kubelet builds it: {@code $(NAME)} replaced by the variable
	 * it names; a reference to an undefined one fails (Kubernetes would pass it on as
	 * text).
	 */
	private static Map<String, String> expandedEnvironment(String deployment) {
		Map<String, String> env = environment(containers(base.named("Deployment", deployment)).get(0));
		Pattern reference = Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)");
		Map<String, String> expanded = new HashMap<>();
		env.forEach((name, value) -> {
			Matcher matcher = reference.matcher(value);
			StringBuilder result = new StringBuilder();
			while (matcher.find()) {
				String referenced = env.get(matcher.group(1));
				assertThat(referenced).as("%s of %s refers to $(%s)", name, deployment, matcher.group(1)).isNotNull();
				matcher.appendReplacement(result, Matcher.quoteReplacement(referenced));
			}
			matcher.appendTail(result);
			expanded.put(name, result.toString());
		});
		return expanded;
	}

	/**
	 * The objects {@code kubectl kustomize} renders from one kustomization.
	 *
	 * @param objects every rendered object
	 */
	private record Manifests(List<Map<String, Object>> objects) {

		static Manifests render(Path kustomization) {
			String rendered = kubectl.run(kustomization, "kustomize", kustomization.toString())
				.expectSuccess("kubectl kustomize " + kustomization);
			return new Manifests(ProjectFiles.yamlDocuments(rendered));
		}

		List<Map<String, Object>> ofKind(String kind) {
			return this.objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
		}

		Map<String, Object> named(String kind, String name) {
			return ofKind(kind).stream()
				.filter((object) -> name.equals(at(object, "metadata.name")))
				.findFirst()
				.orElse(null);
		}

	}

}
