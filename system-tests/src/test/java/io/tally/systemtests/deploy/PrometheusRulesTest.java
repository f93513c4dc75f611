package io.tally.systemtests.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus's own checker ({@code promtool} from Debian's {@code prometheus} package,
 * which {@code .ci/run} installs) on compose's scrape config and alert rules, and the
 * rules' unit tests: every alert fires on the failure it names.
 */
class PrometheusRulesTest {

	private static ExternalTool promtool;

	private static final Path PROMETHEUS = ProjectFiles.root().resolve("deploy/prometheus");

	@BeforeAll
	static void findPromtool() {
		promtool = ExternalTool.require("promtool", "apt-get install prometheus (Debian) brings promtool");
	}

	@Test
	void scrapeConfigAndItsRuleFilesAreValid() {
		String output = promtool.run(PROMETHEUS, "check", "config", "prometheus.yml")
			.expectSuccess("promtool check config");
		assertThat(output).contains("SUCCESS");
	}

	@Test
	void everyAlertFiresOnTheFailureItNames() {
		String output = promtool.run(PROMETHEUS, "test", "rules", "alert-rules.test.yml")
			.expectSuccess("promtool test rules");
		assertThat(output).contains("SUCCESS");
		String tests = ProjectFiles.read("deploy/prometheus/alert-rules.test.yml");
		List<Map<String, Object>> groups = ProjectFiles.at(ProjectFiles.yaml("deploy/prometheus/alert-rules.yml"),
				"groups");
		groups.stream()
			.flatMap((group) -> ProjectFiles.<List<Map<String, Object>>>at(group, "rules").stream())
			.map((rule) -> (String) rule.get("alert"))
			.forEach((alert) -> assertThat(tests).as("a promtool test for %s", alert).contains("alertname: " + alert));
	}

	@Test
	void kubernetesRuleIsValidForPrometheusToo(@TempDir Path directory) throws IOException {
		Map<String, Object> rule = ProjectFiles
			.yamlDocuments(ProjectFiles.read("k8s/components/monitoring/prometheus-rule.yaml"))
			.get(0);
		Path rules = directory.resolve("rules.yml");
		Files.writeString(rules, new Yaml().dump(ProjectFiles.at(rule, "spec")));
		String output = promtool.run(directory, "check", "rules", rules.toString())
			.expectSuccess("promtool check rules (PrometheusRule spec)");
		assertThat(output).contains("SUCCESS");
	}

}
