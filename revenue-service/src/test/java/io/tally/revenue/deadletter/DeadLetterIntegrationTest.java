package io.tally.revenue.deadletter;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.tally.events.InvoiceCreated;
import io.tally.events.testing.InvoiceEvents;
import io.tally.revenue.IntegrationTestBase;
import io.tally.revenue.projection.kafka.EventProducer;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dead-letter console end to end on a real broker and PostgreSQL: records fail in the
 * projection for real (undecodable bytes, an invalid event, a valid event whose database
 * write fails until the fault is fixed, with a bounded retry), the index consumer picks
 * them up from the dead-letter topic, and operators list, inspect, re-drive and discard
 * them over HTTP.
 * <p>
 * The context has topics and groups of its own (and a retry bounded at 2 s), so the
 * transient failures here never hold up the shared context's partitions; both contexts
 * write the one test database, which is why figures are read per customer and the pending
 * gauge is compared with the table rather than with a fixed number.
 */
@TestPropertySource(properties = { "tally.projection.topic=" + DeadLetterIntegrationTest.TOPIC,
		"tally.projection.group-id=dead-letter-test-projection",
		"tally.projection.dead-letter-topic=" + DeadLetterIntegrationTest.DLT,
		"tally.dead-letters.group-id=dead-letter-test-index", "tally.projection.retry.max-interval=500ms",
		"tally.projection.retry.max-elapsed-time=2s" })
@Import(DeadLetterIntegrationTest.Topics.class)
class DeadLetterIntegrationTest extends IntegrationTestBase {

	static final String TOPIC = "dead-letter-test-events";

	static final String DLT = "dead-letter-test-events-dlt";

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String INVALID_EVENT = "io.tally.revenue.projection.kafka.InvalidEvent";

	private static final String BASE = "/api/ops/dead-letters";

	private static EventProducer events;

	@Autowired
	MockMvc mvc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	DataSource dataSource;

	@Autowired
	JsonMapper json;

	private JsonHttp http;

	@BeforeAll
	static void producer() {
		events = new EventProducer(TOPIC);
	}

	@AfterAll
	static void closeProducer() {
		events.close();
	}

	@AfterEach
	void forgetTheOperator() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void redriveAfterTheCauseIsFixedMakesTheFiguresEqualTheRecomputationAndRepeatsChangeNothing() throws Exception {
		this.http = JsonHttp.localhost(this.port);
		UUID customer = UUID.randomUUID();
		LocalDate issued = LocalDate.of(2180, 3, 5);
		List<InvoiceCreated> valid = new ArrayList<>();
		InvoiceCreated applied = InvoiceEvents.created(UUID.randomUUID(), customer, 1_000, "USD", issued);
		valid.add(applied);
		events.send(applied);
		await().atMost(PATIENCE).until(() -> customerTotals(customer).equals(recomputed(valid)));

		UUID poisoned = UUID.randomUUID();
		events.sendRaw(poisoned.toString(), randomBytes(64));
		UUID invalid = UUID.randomUUID();
		InvoiceCreated invalidEvent = InvoiceEvents.created(invalid, customer, 0, "USD", issued);
		events.send(invalidEvent);
		JsonNode poison = single(awaitIndexed(poisoned, 1));
		JsonNode invalidEntry = single(awaitIndexed(invalid, 1));

		List<InvoiceCreated> failing = List.of(InvoiceEvents.created(UUID.randomUUID(), customer, 2_000, "USD", issued),
				InvoiceEvents.created(UUID.randomUUID(), customer, 3_000, "USD", issued),
				InvoiceEvents.created(UUID.randomUUID(), customer, 4_000, "USD", issued));
		List<JsonNode> transient_ = new ArrayList<>();
		try (DatabaseOutage outage = new DatabaseOutage(this.dataSource)) {
			failing.forEach((event) -> outage.failWritesOf(UUID.fromString(event.getInvoiceId())));
			failing.forEach(events::send);
			for (InvoiceCreated event : failing) {
				transient_.add(single(awaitIndexed(UUID.fromString(event.getInvoiceId()), 1)));
			}
		}
		valid.addAll(failing);

		assertThat(poison.get("cause").get("exception").asString()).endsWith("DeserializationException");
		assertThat(poison.get("cause").get("rootException").asString())
			.isEqualTo("io.tally.events.serde.UnknownMagicByteException");
		assertThat(poison.get("cause").get("rootMessage").asString()).contains("magic byte 7");
		assertThat(this.http.get(BASE + "?cause=UnknownMagicByteException&invoiceId=" + poisoned)
			.expect(200)
			.json()
			.get("totalItems")
			.asLong()).as("filtered by the root cause").isEqualTo(1);
		assertThat(poison.get("eventType").isNull()).isTrue();
		assertThat(poison.get("original").get("topic").asString()).isEqualTo(TOPIC);
		assertThat(poison.get("status").asString()).isEqualTo("PENDING");
		assertThat(invalidEntry.get("cause").get("exception").asString()).isEqualTo(INVALID_EVENT);
		assertThat(invalidEntry.get("cause").get("message").asString()).contains("amountMinor");
		assertThat(invalidEntry.get("eventType").asString()).isEqualTo("InvoiceCreated");
		assertThat(invalidEntry.get("eventId").asString()).isEqualTo(invalidEvent.getEventId());
		assertThat(invalidEntry.get("invoiceVersion").asLong()).isEqualTo(1);
		for (JsonNode entry : transient_) {
			assertThat(entry.get("cause").get("rootMessage").asString()).contains("simulated outage");
			assertThat(entry.get("cause").get("exception").asString()).isNotEqualTo(INVALID_EVENT)
				.doesNotEndWith("DeserializationException");
			assertThat(entry.get("eventType").asString()).isEqualTo("InvoiceCreated");
		}
		assertThat(customerTotals(customer)).as("the dead-lettered events are missing")
			.isEqualTo(recomputed(List.of(applied)));
		assertThat(pendingGauge()).isEqualTo(pendingInTable());

		double redrivenBefore = counter("tally.dead.letters.redriven");
		double staleBefore = counter("tally.projection.events.stale");

		// the cause is gone; one record re-driven by hand, the other two in bulk, one per
		// call
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("operator-7", null, "SCOPE_ops:admin"));
		JsonNode first = mvcPost(BASE + "/" + id(transient_.get(0)) + "/redrive", "{\"reason\":\"grant restored\"}",
				200);
		assertThat(first.get("status").asString()).isEqualTo("REDRIVEN");
		assertThat(first.get("lastAction").get("by").asString()).isEqualTo("operator-7");
		assertThat(first.get("lastAction").get("reason").asString()).isEqualTo("grant restored");
		assertThat(first.get("redriveCount").asInt()).isEqualTo(1);
		assertThat(first.get("redrivenTo").asString()).startsWith(TOPIC + "-");
		String cause = simpleName(transient_.get(1).get("cause").get("exception").asString());
		JsonNode bulk1 = this.http.post(BASE + "/redrive?cause=" + cause + "&limit=1", null).expect(200).json();
		assertThat(ids(bulk1.get("redriven"))).containsExactly(id(transient_.get(1)));
		assertThat(bulk1.get("remaining").asLong()).isEqualTo(1);
		JsonNode bulk2 = this.http
			.post(BASE + "/redrive?cause=" + cause + "&limit=1&afterId=" + bulk1.get("nextAfterId").asLong(), null)
			.expect(200)
			.json();
		assertThat(ids(bulk2.get("redriven"))).containsExactly(id(transient_.get(2)));
		assertThat(bulk2.get("remaining").asLong()).isZero();
		assertThat(ids(this.http.post(BASE + "/redrive?cause=" + cause, null).expect(200).json().get("redriven")))
			.isEmpty();

		await().atMost(PATIENCE).until(() -> customerTotals(customer).equals(recomputed(valid)));
		assertThat(monthlyUsd("2180-03")).isEqualTo(recomputed(valid).get(0).replace(" x4", ""));
		assertThat(counter("tally.dead.letters.redriven")).isEqualTo(redrivenBefore + 3);

		// a second re-drive is refused without force and changes nothing with it
		JsonNode refused = this.http.post(BASE + "/" + id(transient_.get(0)) + "/redrive", null).expect(409).json();
		assertThat(refused.get("type").asString()).isEqualTo("urn:tally:problem:dead-letter-already-handled");
		JsonNode forced = this.http.post(BASE + "/" + id(transient_.get(0)) + "/redrive?force=true", null)
			.expect(200)
			.json();
		assertThat(forced.get("redriveCount").asInt()).isEqualTo(2);
		await().atMost(PATIENCE).until(() -> counter("tally.projection.events.stale") >= staleBefore + 1);
		assertThat(customerTotals(customer)).isEqualTo(recomputed(valid));
		assertThat(counter("tally.dead.letters.redriven")).isEqualTo(redrivenBefore + 4);

		// an invalid event re-driven unchanged fails again: a new pending entry
		this.http.post(BASE + "/" + id(invalidEntry) + "/redrive", null).expect(200);
		List<JsonNode> invalidEntries = awaitIndexed(invalid, 2);
		assertThat(invalidEntries).extracting((entry) -> entry.get("status").asString())
			.containsExactly("PENDING", "REDRIVEN");
		assertThat(invalidEntries.get(0).get("cause").get("exception").asString()).isEqualTo(INVALID_EVENT);
		assertThat(customerTotals(customer)).isEqualTo(recomputed(valid));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(pendingGauge()).isEqualTo(pendingInTable()));
	}

	@Test
	void discardMarksARecordHandledWithWhoWhenAndWhy() throws Exception {
		this.http = JsonHttp.localhost(this.port);
		UUID poisoned = UUID.randomUUID();
		events.sendRaw(poisoned.toString(), randomBytes(40));
		long id = id(single(awaitIndexed(poisoned, 1)));
		double discardedBefore = counter("tally.dead.letters.discarded");

		JsonNode missingReason = this.http.post(BASE + "/" + id + "/discard", "{}").expect(400).json();
		assertThat(missingReason.get("errors").get(0).get("field").asString()).isEqualTo("reason");
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("operator-9", null, "SCOPE_ops:admin"));
		JsonNode discarded = mvcPost(BASE + "/" + id + "/discard", "{\"reason\":\"test bytes, never an event\"}", 200);

		assertThat(discarded.get("status").asString()).isEqualTo("DISCARDED");
		assertThat(discarded.get("lastAction").get("by").asString()).isEqualTo("operator-9");
		assertThat(discarded.get("lastAction").get("reason").asString()).isEqualTo("test bytes, never an event");
		assertThat(discarded.get("lastAction").get("at").isNull()).isFalse();
		assertThat(counter("tally.dead.letters.discarded")).isEqualTo(discardedBefore + 1);
		assertThat(this.http.post(BASE + "/" + id + "/discard", "{\"reason\":\"again\"}")
			.expect(409)
			.json()
			.get("type")
			.asString()).isEqualTo("urn:tally:problem:dead-letter-already-handled");
		this.http.post(BASE + "/" + id + "/redrive", null).expect(409);
		JsonNode again = this.http.post(BASE + "/" + id + "/discard?force=true", "{\"reason\":\"again\"}")
			.expect(200)
			.json();
		assertThat(again.get("lastAction").get("reason").asString()).isEqualTo("again");
		assertThat(again.get("lastAction").get("by").isNull()).as("no authentication on this request").isTrue();
		assertThat(this.http.get(BASE + "?status=DISCARDED&invoiceId=" + poisoned)
			.expect(200)
			.json()
			.get("totalItems")
			.asLong()).isEqualTo(1);
	}

	@Test
	void listsNewestFirstByPageAndFilter() {
		this.http = JsonHttp.localhost(this.port);
		UUID customer = UUID.randomUUID();
		LocalDate issued = LocalDate.of(2181, 1, 1);
		List<UUID> invalid = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			UUID invoice = UUID.randomUUID();
			invalid.add(invoice);
			events.send(InvoiceEvents.paid(invoice, 1, customer, 500, "EUR", issued, null));
		}
		List<Long> ids = new ArrayList<>();
		for (UUID invoice : invalid) {
			ids.add(id(single(awaitIndexed(invoice, 1))));
		}

		JsonNode byType = this.http.get(BASE + "?type=InvoicePaid&cause=InvalidEvent&status=PENDING&size=2")
			.expect(200)
			.json();
		assertThat(byType.get("size").asInt()).isEqualTo(2);
		assertThat(byType.get("items")).hasSize(2);
		assertThat(byType.get("totalItems").asLong()).isGreaterThanOrEqualTo(3);
		assertThat(byType.get("totalPages").asLong()).isEqualTo((byType.get("totalItems").asLong() + 1) / 2);
		List<Long> seen = new ArrayList<>();
		for (int page = 0; page < byType.get("totalPages").asLong(); page++) {
			JsonNode items = this.http
				.get(BASE + "?type=InvoicePaid&cause=" + INVALID_EVENT + "&status=PENDING&size=2&page=" + page)
				.expect(200)
				.json()
				.get("items");
			items.forEach((item) -> {
				assertThat(item.get("eventType").asString()).isEqualTo("InvoicePaid");
				assertThat(item.get("cause").get("exception").asString()).isEqualTo(INVALID_EVENT);
				seen.add(item.get("id").asLong());
			});
		}
		assertThat(seen).doesNotHaveDuplicates().containsAll(ids);
		assertThat(seen).isSortedAccordingTo((a, b) -> Long.compare(b, a));
		assertThat(this.http.get(BASE + "?type=InvoiceDeleted&invoiceId=" + invalid.get(0))
			.expect(200)
			.json()
			.get("items")).isEmpty();
		assertThat(this.http.get(BASE + "?status=REDRIVEN&invoiceId=" + invalid.get(0))
			.expect(200)
			.json()
			.get("totalItems")
			.asLong()).isZero();
	}

	@Test
	void showsHeadersAndTheDecodedEventOrAHexPreviewOfAtMostOneKilobyte() {
		this.http = JsonHttp.localhost(this.port);
		UUID invalid = UUID.randomUUID();
		InvoiceCreated event = InvoiceEvents.created(invalid, UUID.randomUUID(), -5, "USD", LocalDate.of(2182, 2, 2));
		events.send(event);
		UUID small = UUID.randomUUID();
		byte[] smallBytes = randomBytes(64);
		events.sendRaw(small.toString(), smallBytes);
		UUID large = UUID.randomUUID();
		byte[] largeBytes = randomBytes(5_000);
		events.sendRaw(large.toString(), largeBytes);

		JsonNode decoded = detail(single(awaitIndexed(invalid, 1)));
		assertThat(decoded.get("event").get("type").asString()).isEqualTo("InvoiceCreated");
		assertThat(decoded.get("event").get("amountMinor").asLong()).isEqualTo(-5);
		assertThat(decoded.get("event").get("invoiceId").asString()).isEqualTo(invalid.toString());
		assertThat(decoded.get("event").get("issueDate").asString()).isEqualTo("2182-02-02");
		assertThat(decoded.get("valueHex").isNull()).isTrue();
		assertThat(header(decoded, "eventId")).isEqualTo(event.getEventId());
		assertThat(header(decoded, "kafka_dlt-original-topic")).isEqualTo(TOPIC);
		assertThat(header(decoded, "kafka_dlt-original-offset")).matches("\\d+");
		assertThat(header(decoded, "kafka_dlt-exception-message")).contains("amountMinor");

		JsonNode poison = detail(single(awaitIndexed(small, 1)));
		assertThat(poison.get("event").isNull()).isTrue();
		assertThat(poison.get("decodeFailure").asString()).isNotBlank();
		assertThat(poison.get("valueHex").asString()).isEqualTo(HexFormat.of().formatHex(smallBytes));
		assertThat(poison.get("valueHexTruncated").asBoolean()).isFalse();

		JsonNode preview = detail(single(awaitIndexed(large, 1)));
		assertThat(preview.get("valueHex").asString()).hasSize(1024)
			.isEqualTo(HexFormat.of().formatHex(largeBytes, 0, 512));
		assertThat(preview.get("valueHexTruncated").asBoolean()).isTrue();
	}

	@Test
	void answersProblemsForUnknownIdsBadFiltersAndRecordsThatCannotGoBack() throws Exception {
		this.http = JsonHttp.localhost(this.port);
		JsonNode unknown = this.http.get(BASE + "/987654321").expect(404).json();
		assertThat(unknown.get("type").asString()).isEqualTo("urn:tally:problem:dead-letter-not-found");
		this.http.post(BASE + "/987654321/redrive", null).expect(404);
		this.http.post(BASE + "/987654321/discard", "{\"reason\":\"x\"}").expect(404);
		for (String bad : List.of("status=LOST", "invoiceId=nope", "type=InvoiceLost", "cause=no%20class", "size=0",
				"size=101", "page=-1", "page=x")) {
			JsonNode problem = this.http.get(BASE + "?" + bad).expect(400).json();
			assertThat(problem.get("type").asString()).as(bad).isEqualTo("urn:tally:problem:invalid-parameter");
			assertThat(problem.get("errors").get(0).get("field").asString()).as(bad)
				.isEqualTo(bad.substring(0, bad.indexOf('=')));
		}
		this.http.post(BASE + "/redrive?status=REDRIVEN", null).expect(400);
		this.http.post(BASE + "/redrive?limit=0", null).expect(400);
		this.http.post(BASE + "/redrive?limit=101", null).expect(400);

		// a record without value would delete the invoice's history on a compacted topic
		UUID empty = UUID.randomUUID();
		events.sendRaw(empty.toString(), null);
		JsonNode entry = single(awaitIndexed(empty, 1));
		assertThat(entry.get("valueSize").isNull()).isTrue();
		JsonNode refused = this.http.post(BASE + "/" + id(entry) + "/redrive", null).expect(409).json();
		assertThat(refused.get("type").asString()).isEqualTo("urn:tally:problem:dead-letter-not-redrivable");
		assertThat(this.http.get(BASE + "/" + id(entry)).expect(200).json().get("deadLetter").get("status").asString())
			.isEqualTo("PENDING");
	}

	@Test
	void aRecordTheTopicNoLongerHoldsIsGone() throws Exception {
		this.http = JsonHttp.localhost(this.port);
		UUID poisoned = UUID.randomUUID();
		events.sendRaw(poisoned.toString(), randomBytes(16));
		JsonNode entry = single(awaitIndexed(poisoned, 1));
		JsonNode record = entry.get("record");
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
			// what retention does, on demand
			admin.deleteRecords(Map.of(new TopicPartition(DLT, record.get("partition").asInt()),
					RecordsToDelete.beforeOffset(record.get("offset").asLong() + 1)))
				.all()
				.get();
		}

		JsonNode detail = this.http.get(BASE + "/" + id(entry)).expect(200).json();
		assertThat(detail.get("content").get("available").asBoolean()).isFalse();
		JsonNode gone = this.http.post(BASE + "/" + id(entry) + "/redrive", null).expect(410).json();
		assertThat(gone.get("type").asString()).isEqualTo("urn:tally:problem:dead-letter-gone");
		this.http.post(BASE + "/" + id(entry) + "/discard", "{\"reason\":\"expired\"}").expect(200);
	}

	@Test
	void exposesTheMetricsAndDocumentsTheEndpoints() throws Exception {
		String scrape = this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(scrape).contains("tally_dead_letters_pending", "tally_dead_letters_redriven_total",
				"tally_dead_letters_discarded_total");
		String openApi = this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(openApi).contains("\"/api/ops/dead-letters\"", "\"/api/ops/dead-letters/{id}\"",
				"\"/api/ops/dead-letters/{id}/redrive\"", "\"/api/ops/dead-letters/redrive\"",
				"\"/api/ops/dead-letters/{id}/discard\"");
	}

	@Test
	void declaresTheDeadLetterTopicToKeepItsRecordsForever() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
			ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, DLT);
			Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
			assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
		}
	}

	/**
	 * The index entries of an invoice, newest first, once there are at least
	 * {@code count}.
	 */
	private List<JsonNode> awaitIndexed(UUID invoiceId, int count) {
		List<JsonNode> entries = new ArrayList<>();
		await().atMost(PATIENCE).until(() -> {
			entries.clear();
			this.http.get(BASE + "?invoiceId=" + invoiceId).expect(200).json().get("items").forEach(entries::add);
			return entries.size() >= count;
		});
		return entries;
	}

	private JsonNode detail(JsonNode entry) {
		JsonNode detail = this.http.get(BASE + "/" + id(entry)).expect(200).json();
		assertThat(detail.get("deadLetter").get("id").asLong()).isEqualTo(id(entry));
		assertThat(detail.get("content").get("available").asBoolean()).isTrue();
		return detail.get("content");
	}

	private JsonNode mvcPost(String path, String body, int expectedStatus) throws Exception {
		String response = this.mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().is(expectedStatus))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return this.json.readTree(response);
	}

	private List<String> customerTotals(UUID customer) {
		JsonHttp.Response response = this.http.get("/api/revenue/customers/" + customer);
		List<String> totals = new ArrayList<>();
		if (response.status() == 200) {
			response.json()
				.get("totals")
				.forEach((t) -> totals.add(t.get("currency").asString() + " " + t.get("invoicedMinor").asLong() + "/"
						+ t.get("collectedMinor").asLong() + "/" + t.get("pendingMinor").asLong() + " x"
						+ t.get("invoiceCount").asLong()));
		}
		return totals;
	}

	/** The customer's totals computed from the events themselves (all pending, USD). */
	private static List<String> recomputed(List<InvoiceCreated> events) {
		long sum = events.stream().mapToLong(InvoiceCreated::getAmountMinor).sum();
		return List.of("USD " + sum + "/0/" + sum + " x" + events.size());
	}

	/** All customers' figures of the month: only this test uses that year. */
	private String monthlyUsd(String month) {
		JsonNode entry = this.http.get("/api/revenue/monthly?from=" + month + "&to=" + month + "&currency=USD")
			.expect(200)
			.json()
			.get(0);
		return "USD " + entry.get("invoicedMinor").asLong() + "/" + entry.get("collectedMinor").asLong() + "/"
				+ entry.get("pendingMinor").asLong();
	}

	private double pendingGauge() {
		return this.meters.get("tally.dead.letters.pending").gauge().value();
	}

	private double pendingInTable() throws Exception {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				var rs = statement.executeQuery("SELECT count(*) FROM dead_letter WHERE status = 'PENDING'")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}

	private static String header(JsonNode content, String name) {
		Predicate<JsonNode> named = (header) -> header.get("name").asString().equals(name);
		List<String> values = new ArrayList<>();
		content.get("headers").forEach((header) -> {
			if (named.test(header)) {
				values.add(header.get("value").asString());
			}
		});
		assertThat(values).as("header %s", name).hasSize(1);
		return values.get(0);
	}

	private static long id(JsonNode entry) {
		return entry.get("id").asLong();
	}

	private static List<Long> ids(JsonNode array) {
		List<Long> ids = new ArrayList<>();
		array.forEach((id) -> ids.add(id.asLong()));
		return ids;
	}

	private static JsonNode single(List<JsonNode> entries) {
		assertThat(entries).hasSize(1);
		return entries.get(0);
	}

	private static String simpleName(String className) {
		return className.substring(className.lastIndexOf('.') + 1);
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random().nextBytes(bytes);
		bytes[0] = 7; // never the Confluent magic byte
		return bytes;
	}

	/**
	 * A database-side fault that can be switched off: a trigger refuses every write of
	 * the listed invoices' state rows until it is closed.
	 */
	static final class DatabaseOutage implements AutoCloseable {

		private final DataSource dataSource;

		DatabaseOutage(DataSource dataSource) throws Exception {
			this.dataSource = dataSource;
			execute("""
					CREATE TABLE IF NOT EXISTS test_failing_invoice (invoice_id uuid PRIMARY KEY);
					CREATE OR REPLACE FUNCTION test_refuse_failing_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN
						IF EXISTS (SELECT 1 FROM test_failing_invoice WHERE invoice_id = NEW.invoice_id) THEN
							RAISE EXCEPTION 'simulated outage for invoice %', NEW.invoice_id;
						END IF;
						RETURN NEW;
					END $$;
					DROP TRIGGER IF EXISTS test_refuse_failing_invoice ON invoice_state;
					CREATE TRIGGER test_refuse_failing_invoice BEFORE INSERT OR UPDATE ON invoice_state
						FOR EACH ROW EXECUTE FUNCTION test_refuse_failing_invoice();""");
		}

		void failWritesOf(UUID invoiceId) {
			try {
				execute("INSERT INTO test_failing_invoice VALUES ('" + invoiceId + "')");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() throws Exception {
			execute("""
					DROP TRIGGER IF EXISTS test_refuse_failing_invoice ON invoice_state;
					DROP FUNCTION IF EXISTS test_refuse_failing_invoice();
					DROP TABLE IF EXISTS test_failing_invoice;""");
		}

		private void execute(String sql) throws Exception {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
		}

	}

	/** This context's event topic, partitioned like the real one. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Topics {

		@Bean
		NewTopic deadLetterTestEvents() {
			return new NewTopic(TOPIC, 3, (short) 1);
		}

	}

}
