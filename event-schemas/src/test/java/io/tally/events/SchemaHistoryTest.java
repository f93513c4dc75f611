package io.tally.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evolution guard: every current event schema reads every released version of itself
 * (BACKWARD_TRANSITIVE), and every change is recorded as a new version.
 */
class SchemaHistoryTest {

	private static final String HOW_TO = "\nHow to evolve a schema: see event-schemas/README.md "
			+ "(add src/main/avro-history/<Record>/v<N+1>.avsc and a CHANGELOG.md entry; "
			+ "new fields need defaults; no type changes, no removed enum symbols)";

	@Test
	void everyCurrentSchemaReadsAllReleasedVersions() {
		Map<String, Schema> current = SchemaHistory.currentSchemas();
		assertThat(current).containsOnlyKeys("InvoiceCreated", "InvoiceUpdated", "InvoicePaid", "InvoiceDeleted");

		List<String> problems = new ArrayList<>();
		current.forEach((record, schema) -> {
			List<SchemaHistory.Released> released = SchemaHistory.releasedVersions(record);
			if (released.isEmpty()) {
				problems.add("No released version stored for " + record + ": add " + SchemaHistory.HISTORY + "/"
						+ record + "/v1.avsc");
			}
			problems.addAll(SchemaHistory.breakingChanges(schema, released));
		});

		assertThat(problems).as("Breaking schema changes (BACKWARD_TRANSITIVE)" + HOW_TO).isEmpty();
	}

	@Test
	void everyChangeIsRecordedAsANewVersion() {
		SchemaHistory.currentSchemas().forEach((record, schema) -> {
			List<SchemaHistory.Released> released = SchemaHistory.releasedVersions(record);
			assertThat(released).extracting(SchemaHistory.Released::version)
				.as("versions of %s are numbered 1..N without gaps", record)
				.containsExactlyElementsOf(IntStream.rangeClosed(1, released.size()).boxed().toList());
			SchemaHistory.Released latest = released.get(released.size() - 1);
			// Schema.equals ignores docs, so doc-only edits need no new version
			assertThat(schema)
				.as("current %s differs from its latest released version %s: store it as v%d%s", record, latest.file(),
						latest.version() + 1, HOW_TO)
				.isEqualTo(latest.schema());
		});
	}

	@Test
	void generatedClassesMatchTheCurrentSources() {
		Map<String, Schema> current = SchemaHistory.currentSchemas();

		assertThat(withoutJavaStringHints(InvoiceCreated.getClassSchema())).isEqualTo(current.get("InvoiceCreated"));
		assertThat(withoutJavaStringHints(InvoiceUpdated.getClassSchema())).isEqualTo(current.get("InvoiceUpdated"));
		assertThat(withoutJavaStringHints(InvoicePaid.getClassSchema())).isEqualTo(current.get("InvoicePaid"));
		assertThat(withoutJavaStringHints(InvoiceDeleted.getClassSchema())).isEqualTo(current.get("InvoiceDeleted"));
	}

	@Test
	void catchesANewFieldWithoutDefault() {
		Schema released = SchemaHistory.currentSchemas().get("InvoiceCreated");
		Schema breaking = withField(released,
				"{\"name\":\"dueDate\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}}");

		List<String> problems = SchemaHistory.breakingChanges(breaking, List.of(releasedAsV1(released)));

		assertThat(problems).singleElement()
			.asString()
			.contains("io.tally.events.InvoiceCreated")
			.contains("v1")
			.contains("READER_FIELD_MISSING_DEFAULT_VALUE")
			.contains("dueDate");
	}

	@Test
	void catchesAChangedFieldTypeAndARemovedEnumSymbol() {
		Schema released = SchemaHistory.currentSchemas().get("InvoicePaid");
		Schema retyped = new Schema.Parser().parse(released.toString()
			.replace("\"name\":\"amountMinor\",\"type\":\"long\"", "\"name\":\"amountMinor\",\"type\":\"int\""));
		Schema fewerSymbols = new Schema.Parser()
			.parse(released.toString().replace("[\"PENDING\",\"PAID\"]", "[\"PENDING\"]"));

		assertThat(SchemaHistory.breakingChanges(retyped, List.of(releasedAsV1(released)))).singleElement()
			.asString()
			.contains("TYPE_MISMATCH")
			.contains("amountMinor");
		assertThat(SchemaHistory.breakingChanges(fewerSymbols, List.of(releasedAsV1(released)))).singleElement()
			.asString()
			.contains("MISSING_ENUM_SYMBOLS");
	}

	@Test
	void acceptsANewFieldWithDefaultAndARemovedField() {
		Schema released = SchemaHistory.currentSchemas().get("InvoiceUpdated");
		Schema withOptional = withField(released,
				"{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");

		assertThat(SchemaHistory.breakingChanges(withOptional, List.of(releasedAsV1(released)))).isEmpty();
	}

	private static SchemaHistory.Released releasedAsV1(Schema schema) {
		return new SchemaHistory.Released(schema.getName(), 1,
				SchemaHistory.HISTORY.resolve(schema.getName() + "/v1.avsc"), schema);
	}

	private static Schema withField(Schema schema, String fieldJson) {
		String json = schema.toString();
		return new Schema.Parser().parse(json.substring(0, json.length() - 2) + "," + fieldJson + "]}");
	}

	private static Schema withoutJavaStringHints(Schema schema) {
		return new Schema.Parser().parse(schema.toString().replace(",\"avro.java.string\":\"String\"", ""));
	}

}
