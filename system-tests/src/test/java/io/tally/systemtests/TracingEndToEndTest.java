package io.tally.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tally.localstack.KafkaCredentials;
import io.tally.localstack.LocalStack;
import io.tally.localstack.Service;
import io.tally.testsupport.http.JsonHttp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One invoice change followed through both services running as separate processes, which
 * export their spans over OTLP/HTTP to a receiver this test runs: the request, the
 * relay's send and revenue-service's apply share one trace id, each side's batch span
 * links its event spans, both services' ECS log lines for that change carry the trace id,
 * and a dead-lettered record's trace says why.
 */
@Order(8)
class TracingEndToEndTest {

	private static final Duration PATIENCE = Duration.ofMinutes(1);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern EXEMPLAR_TRACE_ID = Pattern.compile("# \\{[^}]*trace_id=\"([0-9a-f]{32})\"");

	private static OtlpReceiver receiver;

	private static LocalStack stack;

	private static JsonHttp invoices;

	@BeforeAll
	static void sharedStack() throws Exception {
		// the shared stack's services trace every request and export to its receiver,
		// with the relay's and the consumer's per-event DEBUG lines on
		SharedStack shared = SharedStack.get();
		stack = shared.stack();
		receiver = shared.traces();
		invoices = new JsonHttp(stack.url(Service.INVOICE_SERVICE), stack.accessTokens()::authorization);
	}

	@Test
	void oneChangeIsOneTraceFromTheRequestThroughTheOutboxAndKafkaToTheProjection() throws IOException {
		String customer = UUID.randomUUID().toString();
		String id = invoices
			.post("/api/invoices",
					"{\"customerId\":\"" + customer + "\",\"amountMinor\":4200,\"currency\":\"EUR\","
							+ "\"issueDate\":\"2026-11-02\"}")
			.expect(201)
			.json()
			.get("id")
			.asString();
		JsonHttp.Response update = invoices.put("/api/invoices/" + id, "{\"customerId\":\"" + customer
				+ "\",\"amountMinor\":4300,\"currency\":\"EUR\",\"status\":\"PENDING\",\"issueDate\":\"2026-11-02\"}")
			.expect(200);
		String[] traceresponse = update.header("traceresponse").orElseThrow().split("-");
		String traceId = traceresponse[1];
		String serverSpanId = traceresponse[2];

		ReceivedSpan request = awaitSpan((span) -> span.spanId().equals(serverSpanId));
		ReceivedSpan send = awaitSpan(
				(span) -> span.traceId().equals(traceId) && span.name().equals("send invoice-events"));
		ReceivedSpan apply = awaitSpan(
				(span) -> span.traceId().equals(traceId) && span.name().equals("process invoice-events"));

		assertThat(request.service()).isEqualTo("invoice-service");
		assertThat(request.kind()).isEqualTo("SPAN_KIND_SERVER");
		assertThat(request.traceId()).isEqualTo(traceId);
		assertThat(send.service()).isEqualTo("invoice-service");
		assertThat(send.kind()).isEqualTo("SPAN_KIND_PRODUCER");
		assertThat(send.parentSpanId()).as("the send continues the request").isEqualTo(serverSpanId);
		assertThat(send.attributes()).containsEntry("tally.invoice.id", id)
			.containsEntry("tally.invoice.version", "2")
			.containsEntry("tally.event.type", "InvoiceUpdated")
			.containsEntry("tally.outcome", "acknowledged");
		assertThat(apply.service()).isEqualTo("revenue-service");
		assertThat(apply.kind()).isEqualTo("SPAN_KIND_CONSUMER");
		assertThat(apply.parentSpanId()).as("the apply continues the send").isEqualTo(send.spanId());
		assertThat(apply.attributes()).containsEntry("tally.invoice.id", id)
			.containsEntry("tally.invoice.version", "2")
			.containsEntry("tally.event.type", "InvoiceUpdated")
			.containsEntry("tally.outcome", "applied")
			.containsKeys("messaging.destination.partition.id", "messaging.kafka.offset");

		ReceivedSpan round = awaitSpan(
				(span) -> span.name().equals("outbox relay round") && span.links().contains(send.spanId()));
		ReceivedSpan batch = awaitSpan(
				(span) -> span.name().equals("projection batch") && span.links().contains(apply.spanId()));
		assertThat(round.service()).isEqualTo("invoice-service");
		assertThat(round.traceId()).as("each round is a trace of its own").isNotEqualTo(traceId);
		assertThat(batch.service()).isEqualTo("revenue-service");
		assertThat(batch.traceId()).as("each batch is a trace of its own").isNotEqualTo(traceId);

		await().atMost(PATIENCE).untilAsserted(() -> {
			List<JsonNode> invoiceLines = linesOfTrace(Service.INVOICE_SERVICE, traceId);
			assertThat(invoiceLines).as("invoice-service's request line")
				.anySatisfy((line) -> assertThat(line.get("message").asString())
					.isEqualTo("Invoice " + id + " updated at version 2"));
			assertThat(invoiceLines).as("the relay's line for the send").anySatisfy((line) -> {
				assertThat(line.at("/log/logger").asString()).isEqualTo("io.tally.invoice.outbox.OutboxRelay");
				assertThat(line.get("invoiceId").asString()).isEqualTo(id);
				assertThat(line.get("span.id").asString()).isEqualTo(send.spanId());
			});
			assertThat(linesOfTrace(Service.REVENUE_SERVICE, traceId)).as("revenue-service's line for the apply")
				.anySatisfy((line) -> {
					assertThat(line.get("invoiceId").asString()).isEqualTo(id);
					assertThat(line.get("invoiceVersion").asString()).isEqualTo("2");
					assertThat(line.get("span.id").asString()).isEqualTo(apply.spanId());
				});
		});
	}

	@Test
	void aDeadLetteredRecordsTraceShowsWhy() throws Exception {
		String key = UUID.randomUUID().toString();
		Random random = new Random();
		String traceId = hex(random, 16);
		String producerSpanId = hex(random, 8);
		byte[] notAvro = "not an invoice event".getBytes(StandardCharsets.UTF_8);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				stack.kafkaClientConfig(KafkaCredentials.ADMIN), new StringSerializer(), new ByteArraySerializer())) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>("invoice-events", key, notAvro);
			record.headers()
				.add("traceparent", ("00-" + traceId + "-" + producerSpanId + "-01").getBytes(StandardCharsets.UTF_8));
			producer.send(record).get();
		}

		ReceivedSpan apply = awaitSpan(
				(span) -> span.traceId().equals(traceId) && span.name().equals("process invoice-events"));
		ReceivedSpan deadLetter = awaitSpan(
				(span) -> span.traceId().equals(traceId) && span.name().equals("send invoice-events-dlt"));

		assertThat(apply.parentSpanId()).isEqualTo(producerSpanId);
		assertThat(apply.attribute("tally.outcome")).isEqualTo("dead-lettered");
		assertThat(apply.error()).isTrue();
		assertThat(apply.events()).anySatisfy((event) -> {
			assertThat(event.name()).isEqualTo("exception");
			assertThat(event.attributes().get("exception.type")).endsWith("DeserializationException");
		});
		assertThat(deadLetter.service()).isEqualTo("revenue-service");
		assertThat(deadLetter.attribute("tally.outcome")).isEqualTo("dead-lettered");
		assertThat(deadLetter.error()).isTrue();
		assertThat(deadLetter.events())
			.anySatisfy((event) -> assertThat(event.attributes().get("exception.message")).isNotBlank());

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(linesOfTrace(Service.REVENUE_SERVICE, traceId)).anySatisfy((line) -> {
				assertThat(line.at("/log/level").asString()).isEqualTo("WARN");
				assertThat(line.get("message").asString()).startsWith("Dead-lettered record invoice-events-");
			}));
	}

	@Test
	void latencyExemplarsInOpenMetricsPointAtTheTracesOfRequestsAndChanges() {
		String customer = UUID.randomUUID().toString();
		String id = invoices
			.post("/api/invoices",
					"{\"customerId\":\"" + customer + "\",\"amountMinor\":900,\"issueDate\":\"2026-11-03\"}")
			.expect(201)
			.json()
			.get("id")
			.asString();
		awaitSpan((span) -> span.name().equals("process invoice-events")
				&& id.equals(span.attribute("tally.invoice.id")));

		await().atMost(PATIENCE).untilAsserted(() -> {
			List<String> lag = exemplarTraceIds(Service.REVENUE_SERVICE, "tally_projection_event_lag_seconds_bucket");
			assertThat(lag).as("the lag histogram's exemplars").isNotEmpty();
			assertThat(lag).as("each points at the trace of a change the projection applied")
				.allSatisfy((traceId) -> assertThat(receiver
					.spans((span) -> span.traceId().equals(traceId) && span.name().equals("process invoice-events")))
					.isNotEmpty());
			List<String> http = exemplarTraceIds(Service.INVOICE_SERVICE, "http_server_requests_seconds_bucket");
			assertThat(http).as("the HTTP latency histogram's exemplars").isNotEmpty();
			assertThat(http).as("each points at the trace of a request")
				.allSatisfy((traceId) -> assertThat(receiver
					.spans((span) -> span.traceId().equals(traceId) && span.kind().equals("SPAN_KIND_SERVER")))
					.isNotEmpty());
		});
	}

	/**
	 * The trace ids of the exemplars on {@code series} lines of the service's OpenMetrics
	 * scrape (the Prometheus text format has no exemplars).
	 */
	private static List<String> exemplarTraceIds(Service service, String series) {
		String scrape = new JsonHttp(stack.managementUrl(service))
			.get("/actuator/prometheus", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
			.expect(200)
			.body();
		return scrape.lines()
			.filter((line) -> line.startsWith(series + "{") && line.contains(" # {"))
			.map((line) -> EXEMPLAR_TRACE_ID.matcher(line))
			.filter(Matcher::find)
			.map((match) -> match.group(1))
			.toList();
	}

	private static ReceivedSpan awaitSpan(Predicate<ReceivedSpan> filter) {
		return await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> receiver.spans(filter), (found) -> !found.isEmpty())
			.get(0);
	}

	/** The ECS lines of {@code service}'s log file that carry {@code traceId}. */
	private static List<JsonNode> linesOfTrace(Service service, String traceId) throws IOException {
		try (var lines = Files.lines(stack.logFile(service))) {
			return lines.filter((line) -> line.startsWith("{") && line.contains(traceId))
				.map(json::readTree)
				.filter((line) -> line.has("trace.id") && line.get("trace.id").asString().equals(traceId))
				.toList();
		}
	}

	private static String hex(Random random, int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		value[0] |= 1;
		return HexFormat.of().formatHex(value);
	}

}
