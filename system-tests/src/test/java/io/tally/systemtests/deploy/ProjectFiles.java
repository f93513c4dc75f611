package io.tally.systemtests.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads deployment files of this checkout.
 */
final class ProjectFiles {

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
