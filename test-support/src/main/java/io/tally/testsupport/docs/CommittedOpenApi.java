package io.tally.testsupport.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * A service's OpenAPI document as committed under {@code docs/openapi/}: the drift tests
 * compare the served document with it, or rewrite it when the system property
 * {@value #WRITE_PROPERTY} is {@code true}.
 *
 * @param file the committed document
 */
public record CommittedOpenApi(Path file) {

	/** Set to {@code true} to rewrite the committed documents instead of comparing. */
	public static final String WRITE_PROPERTY = "tally.openapi.write";

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
		.build();

	/**
	 * The committed document of a service, found from the module's folder (the tests'
	 * working directory) in the repository's {@code docs/openapi/}.
	 */
	public static CommittedOpenApi of(String service) {
		return new CommittedOpenApi(Path.of("..", "docs", "openapi", service + ".json").toAbsolutePath().normalize());
	}

	/**
	 * Fails, naming the first differing line, when the served document differs from the
	 * committed one; rewrites the committed one instead when {@value #WRITE_PROPERTY} is
	 * set.
	 */
	public void assertMatches(JsonNode served) {
		String expected = canonical(served);
		if (Boolean.getBoolean(WRITE_PROPERTY)) {
			write(expected);
			return;
		}
		String committed = read();
		if (committed == null) {
			fail("%s does not exist; create it with ./mvnw -B verify -pl <service> -am -D%s=true", this.file,
					WRITE_PROPERTY);
		}
		if (!committed.equals(expected)) {
			fail("The served OpenAPI document differs from %s (first difference at %s). If the API change is "
					+ "intended, rewrite the file with -D%s=true (see docs/api.md) and review the diff with git diff.",
					this.file, firstDifference(committed, expected), WRITE_PROPERTY);
		}
	}

	/**
	 * The document as it is committed: keys sorted, pretty-printed, one trailing line
	 * break.
	 */
	static String canonical(JsonNode document) {
		return JSON.writeValueAsString(document).replace("\r\n", "\n") + "\n";
	}

	private static String firstDifference(String committed, String served) {
		List<String> left = committed.lines().toList();
		List<String> right = served.lines().toList();
		for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
			String l = (i < left.size()) ? left.get(i) : "<end of file>";
			String r = (i < right.size()) ? right.get(i) : "<end of document>";
			if (!l.equals(r)) {
				return "line " + (i + 1) + ": committed `" + l.strip() + "`, served `" + r.strip() + "`";
			}
		}
		return "the line breaks";
	}

	private String read() {
		try {
			return Files.exists(this.file) ? Files.readString(this.file, StandardCharsets.UTF_8) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void write(String document) {
		try {
			Files.createDirectories(this.file.getParent());
			Files.writeString(this.file, document, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
