package io.tally.systemtests.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static io.tally.systemtests.deploy.ProjectFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code renovate.json} is valid JSON and covers what the project pins: Maven
 * dependencies, the Maven version of {@code ./mvnw}, and the images of the Dockerfile,
 * compose and k8s. (Renovate's own {@code renovate-config-validator --strict} accepted it
 * when it was written; it needs Node and the npm registry, so it is not part of the
 * build.)
 */
class RenovateConfigTest {

	private final Map<String, Object> config = ProjectFiles.json("renovate.json");

	@Test
	void enablesAManagerForEveryKindOfPinnedVersion() {
		assertThat((List<String>) this.config.get("enabledManagers")).contains("maven", "dockerfile", "docker-compose",
				"kubernetes", "kustomize", "custom.regex");
		// Renovate's kubernetes manager has no default file pattern
		List<String> patterns = at(this.config, "kubernetes.managerFilePatterns");
		List<Path> manifests = new ArrayList<>();
		for (String folder : List.of("k8s/base", "k8s/components/monitoring")) {
			manifests.addAll(ProjectFiles.filesIn(Path.of(folder)));
		}
		manifests.stream()
			.filter((file) -> file.toString().endsWith(".yaml") && !file.endsWith("kustomization.yaml"))
			.forEach((file) -> assertThat(matchesAny(patterns, file.toString())).as("k8s manifest %s", file).isTrue());
	}

	@Test
	void readsTheMavenVersionOfTheWrapper() {
		List<Map<String, Object>> custom = at(this.config, "customManagers");
		Map<String, Object> mavenVersion = custom.stream()
			.filter((manager) -> matchesAny(at(manager, "managerFilePatterns"), ".mvn/maven-version"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no custom manager reads .mvn/maven-version"));
		assertThat(mavenVersion).containsEntry("customType", "regex")
			.containsEntry("datasourceTemplate", "maven")
			.containsEntry("depNameTemplate", "org.apache.maven:apache-maven");
		// the same named-group syntax in JavaScript and Java: the regex finds the pinned
		// version
		String pinned = ProjectFiles.read(".mvn/maven-version");
		List<String> matchStrings = at(mavenVersion, "matchStrings");
		Matcher matcher = Pattern.compile(matchStrings.get(0)).matcher(pinned);
		assertThat(matcher.find()).as("%s matches .mvn/maven-version", matchStrings.get(0)).isTrue();
		assertThat(matcher.group("currentValue")).isEqualTo(pinned.strip());
	}

	@Test
	void groupsSpringBootAndNeverMergesAMajorUpdateByItself() {
		List<Map<String, Object>> rules = at(this.config, "packageRules");
		assertThat(rules).anyMatch((rule) -> "Spring Boot".equals(rule.get("groupName"))
				&& ((List<String>) rule.get("matchPackageNames")).contains("org.springframework.boot:**"));
		assertThat(rules).anyMatch((rule) -> List.of("major").equals(rule.get("matchUpdateTypes"))
				&& Boolean.FALSE.equals(rule.get("automerge")));
		assertThat(this.config.get("automerge")).as("no global automerge").isNotEqualTo(true);
		rules.stream()
			.filter((rule) -> Boolean.TRUE.equals(rule.get("automerge")))
			.forEach((rule) -> assertThat((List<String>) rule.get("matchUpdateTypes")).as("an automerging rule")
				.isNotNull()
				.doesNotContain("major"));
	}

	@Test
	void leavesTheImagesBuiltHereAlone() {
		List<Map<String, Object>> rules = at(this.config, "packageRules");
		assertThat(rules)
			.anyMatch((rule) -> ((List<String>) rule.getOrDefault("matchPackageNames", List.of())).contains("tally/**")
					&& Boolean.FALSE.equals(rule.get("enabled")));
	}

	/** Renovate's {@code /regex/} patterns (glob patterns are not used here). */
	private static boolean matchesAny(List<String> patterns, String path) {
		assertThat(patterns).isNotEmpty().allMatch((pattern) -> pattern.startsWith("/") && pattern.endsWith("/"));
		return patterns.stream()
			.map((pattern) -> Pattern.compile(pattern.substring(1, pattern.length() - 1)))
			.anyMatch((pattern) -> pattern.matcher(path).find());
	}

}
