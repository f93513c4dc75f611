package io.tally.systemtests.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads deployment files of this checkout.
 */
final class ProjectFiles {

	private static final JsonMapper json = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private static final Set<String> NOT_SOURCES = Set.of(".git", "target", ".tally", "node_modules");

	private ProjectFiles() {
	}

	static Path root() {
		return Path.of(System.getProperty("tally.projectRoot", "..")).toAbsolutePath().normalize();
	}

	static String read(String relativePath) {
		try {
			return Files.readString(root().resolve(relativePath));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, Object> yaml(String relativePath) {
		return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(relativePath));
	}

	/** A YAML file whose root is a list of maps (e.g. a JSON patch). */
	static List<Map<String, Object>> yamlList(String relativePath) {
		return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(relativePath));
	}

	/** The regular files directly in a folder of the checkout, relative to the root. */
	static List<Path> filesIn(Path relativeDirectory) {
		try (Stream<Path> files = Files.list(root().resolve(relativeDirectory))) {
			return files.filter(Files::isRegularFile).map((file) -> root().relativize(file)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Strict JSON: a syntax error or a duplicate key fails. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> json(String relativePath) {
		return json.readValue(read(relativePath), Map.class);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> yamlDocuments(String text) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	/**
	 * {@code KEY=value} lines of an env file (kustomize's and docker compose's format).
	 */
	static Map<String, String> envFile(String relativePath) {
		Map<String, String> entries = new LinkedHashMap<>();
		read(relativePath).lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.forEach((line) -> {
				int equals = line.indexOf('=');
				entries.put(line.substring(0, equals), line.substring(equals + 1));
			});
		return entries;
	}

	/** The modules of the root pom's reactor. */
	static List<String> reactorModules() {
		Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(read("pom.xml"));
		List<String> modules = new ArrayList<>();
		while (module.find()) {
			modules.add(module.group(1).strip());
		}
		return modules;
	}

	/**
	 * Files of the checkout (build output and VCS data excluded) whose name is
	 * {@code fileName}.
	 */
	static List<Path> named(String fileName) {
		List<Path> found = new ArrayList<>();
		try {
			Files.walkFileTree(root(), new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
					return NOT_SOURCES.contains(directory.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
							: FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					if (file.getFileName().toString().equals(fileName)) {
						found.add(root().relativize(file));
					}
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found.stream().sorted().toList();
	}

	/** The value at a dotted path of nested maps, e.g. {@code spec.template.spec}. */
	@SuppressWarnings("unchecked")
	static <T> T at(Object node, String path) {
		Object current = node;
		for (String key : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return (T) current;
	}

}
