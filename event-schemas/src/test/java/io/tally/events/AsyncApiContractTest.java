package io.tally.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/asyncapi.yaml describes the topic as it is: one message per .avsc record, each
 * referencing its own schema file, the headers the producer sets, the real topic names.
 * The other tests break a copy of the document to show each check fails when it should.
 */
class AsyncApiContractTest {

	private static final Path DOCS = AsyncApiContract.DOCUMENT.getParent();

	@Test
	void describesEveryRecordOfTheTopicWithItsSchemaHeadersAndTopicNames() {
		assertThat(SchemaHistory.currentFiles()).hasSize(4);

		assertThat(violations(document())).as("docs/asyncapi.yaml against src/main/avro").isEmpty();
	}

	@Test
	void reportsANewRecordThatHasNoMessage(@TempDir Path folder) throws IOException {
		Path archived = folder.resolve("InvoiceArchived.avsc");
		Files.writeString(archived, Files.readString(SchemaHistory.CURRENT.resolve("InvoicePaid.avsc"))
			.replace("\"name\": \"InvoicePaid\"", "\"name\": \"InvoiceArchived\""));
		List<Path> records = new ArrayList<>(SchemaHistory.currentFiles());
		records.add(archived);

		assertThat(AsyncApiContract.violations(document(), DOCS, records))
			.anySatisfy((violation) -> assertThat(violation).contains("InvoiceArchived.avsc has no message"));
	}

	@Test
	void reportsARecordWhoseMessageWasRemovedFromTheChannel() {
		Map<String, Object> document = document();
		map(map(map(document, "channels"), "invoiceEvents"), "messages").remove("InvoicePaid");

		assertThat(violations(document))
			.containsExactly("record file src/main/avro/InvoicePaid.avsc has no message on channel invoice-events");
	}

	@Test
	void reportsAMessageReferencingAMissingFile() {
		Map<String, Object> document = document();
		schemaOf(document, "InvoicePaid").put("$ref", "../event-schemas/src/main/avro/InvoicePayed.avsc");

		assertThat(violations(document))
			.contains("message InvoicePaid references a missing file ../event-schemas/src/main/avro/InvoicePayed.avsc");
	}

	@Test
	void reportsAMessageWhoseSchemaHasAnotherName() {
		Map<String, Object> document = document();
		schemaOf(document, "InvoicePaid").put("$ref", "../event-schemas/src/main/avro/InvoiceUpdated.avsc");

		assertThat(violations(document))
			.contains("message InvoicePaid references the schema of io.tally.events.InvoiceUpdated");
	}

	@Test
	void reportsHeadersTheProducerDoesNotSet() {
		Map<String, Object> document = document();
		map(headers(document), "properties").put("correlationId", Map.of("type", "string"));

		assertThat(violations(document)).hasSize(4)
			.allSatisfy((violation) -> assertThat(violation).contains(
					"declares headers [correlationId, eventId, eventType, invoiceVersion, traceparent, tracestate]",
					"the producer sets exactly [eventId, eventType, invoiceVersion]"));
	}

	@Test
	void reportsTraceHeadersDeclaredAsRequired() {
		Map<String, Object> document = document();
		@SuppressWarnings("unchecked")
		List<Object> required = (List<Object>) headers(document).get("required");
		required.add("traceparent");

		assertThat(violations(document)).hasSize(4)
			.allSatisfy((violation) -> assertThat(violation)
				.contains("required [eventId, eventType, invoiceVersion, traceparent]"));
	}

	@Test
	void reportsMissingTraceHeaders() {
		Map<String, Object> document = document();
		map(headers(document), "properties").remove("tracestate");

		assertThat(violations(document)).hasSize(4)
			.allSatisfy((violation) -> assertThat(violation).contains("[traceparent, tracestate] when tracing is on"));
	}

	@Test
	void reportsAHeaderTheProducerSetsButTheDocumentOmits() {
		Map<String, Object> document = document();
		map(headers(document), "properties").remove("invoiceVersion");
		((List<?>) headers(document).get("required")).remove("invoiceVersion");

		assertThat(violations(document)).hasSize(4)
			.allSatisfy((violation) -> assertThat(violation)
				.contains("declares headers [eventId, eventType, traceparent, tracestate]"));
	}

	@Test
	void reportsEventTypesThatAreNotTheRecordNames() {
		Map<String, Object> document = document();
		@SuppressWarnings("unchecked")
		List<Object> eventTypes = (List<Object>) map(map(headers(document), "properties"), "eventType").get("enum");
		eventTypes.remove("InvoiceDeleted");

		assertThat(violations(document)).hasSize(4)
			.allSatisfy((violation) -> assertThat(violation).contains("allows eventType"));
	}

	@Test
	void reportsAChannelWhoseAddressIsNotTheTopic() {
		Map<String, Object> document = document();
		map(map(document, "channels"), "invoiceEvents").put("address", "invoice.events");
		map(map(document, "channels"), "deadLetters").put("address", "invoice-events-dead");

		assertThat(violations(document)).containsExactly("no channel has the address invoice-events",
				"no channel has the address invoice-events-dlt");
	}

	private static Map<String, Object> document() {
		return AsyncApiContract.load(AsyncApiContract.DOCUMENT);
	}

	private static List<String> violations(Map<String, Object> document) {
		return AsyncApiContract.violations(document, DOCS, SchemaHistory.currentFiles());
	}

	private static Map<String, Object> schemaOf(Map<String, Object> document, String message) {
		return map(map(map(map(map(document, "components"), "messages"), message), "payload"), "schema");
	}

	private static Map<String, Object> headers(Map<String, Object> document) {
		return map(map(map(document, "components"), "schemas"), "InvoiceEventHeaders");
	}

	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		return asMap(parent.get(key));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object node) {
		assertThat(node).as("a YAML mapping").isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

}
