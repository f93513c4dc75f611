package io.tally.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The released versions of each event schema
 * ({@code src/main/avro-history/<Record>/v<N>.avsc}) and the BACKWARD_TRANSITIVE check of
 * a current schema against all of them.
 */
final class SchemaHistory {

	static final Path CURRENT = Path.of("src/main/avro");

	static final Path COMMON = Path.of("src/main/avro-common");

	static final Path HISTORY = Path.of("src/main/avro-history");

	private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

	/** One released version of a record schema. */
	record Released(String record, int version, Path file, Schema schema) {
	}

	private SchemaHistory() {
	}

	/** The current record schemas from the .avsc sources, by simple name. */
	static Map<String, Schema> currentSchemas() {
		Schema.Parser parser = new Schema.Parser();
		avscFiles(COMMON).forEach((file) -> parse(parser, file));
		Map<String, Schema> current = new LinkedHashMap<>();
		avscFiles(CURRENT).forEach((file) -> {
			Schema schema = parse(parser, file);
			current.put(schema.getName(), schema);
		});
		return current;
	}

	/** The .avsc files of the current record schemas. */
	static List<Path> currentFiles() {
		return avscFiles(CURRENT);
	}

	/**
	 * A record schema read from its .avsc file, which may use the named types of
	 * {@link #COMMON}.
	 */
	static Schema parseRecord(Path file) {
		Schema.Parser parser = new Schema.Parser();
		avscFiles(COMMON).forEach((common) -> parse(parser, common));
		return parse(parser, file);
	}

	/** The released versions of a record, oldest first (empty if none are stored). */
	static List<Released> releasedVersions(String record) {
		Path folder = HISTORY.resolve(record);
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		List<Released> versions = new ArrayList<>();
		for (Path file : avscFiles(folder)) {
			Matcher name = VERSION_FILE.matcher(file.getFileName().toString());
			if (!name.matches()) {
				throw new IllegalStateException("Unexpected file in schema history: " + file + " (expected v<N>.avsc)");
			}
			versions.add(new Released(record, Integer.parseInt(name.group(1)), file, parse(new Schema.Parser(), file)));
		}
		versions.sort(Comparator.comparingInt(Released::version));
		return versions;
	}

	/**
	 * Why the current schema cannot read data written with some released version; empty
	 * when it can read all of them (BACKWARD_TRANSITIVE).
	 */
	static List<String> breakingChanges(Schema current, List<Released> released) {
		List<String> problems = new ArrayList<>();
		for (Released version : released) {
			SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(current,
					version.schema());
			if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
				result.getResult()
					.getIncompatibilities()
					.forEach((incompatibility) -> problems.add(current.getFullName() + " cannot read data written with "
							+ version.file() + " (v" + version.version() + "): " + incompatibility.getType() + " at "
							+ incompatibility.getLocation() + fieldName(current, incompatibility.getLocation()) + " - "
							+ incompatibility.getMessage()));
			}
		}
		return problems;
	}

	// "/fields/5/type" names a field by position; say which one
	private static String fieldName(Schema reader, String location) {
		Matcher field = Pattern.compile("^/fields/(\\d+)").matcher(location);
		if (field.find() && reader.getType() == Schema.Type.RECORD) {
			int index = Integer.parseInt(field.group(1));
			if (index < reader.getFields().size()) {
				return " (field " + reader.getFields().get(index).name() + ")";
			}
		}
		return "";
	}

	private static List<Path> avscFiles(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.toString().endsWith(".avsc")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Schema parse(Schema.Parser parser, Path file) {
		try {
			return parser.parse(file.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
