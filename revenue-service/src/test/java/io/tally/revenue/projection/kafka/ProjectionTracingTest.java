package io.tally.revenue.projection.kafka;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tally.events.InvoiceCreated;
import io.tally.events.testing.InvoiceEvents;
import io.tally.revenue.IntegrationTestBase;
import io.tally.support.tracing.EventSpans;
import io.tally.support.tracing.testing.RecordedSpans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer continues the trace a record carries: one process span per record, child
 * of its {@code traceparent}, with the record's ids, position and outcome; a batch span
 * of its own linking them; a dead-lettered record's trace says why; the listener's log
 * lines carry the matching trace ids. Real broker and PostgreSQL, spans kept in memory.
 */
class ProjectionTracingTest extends IntegrationTestBase {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final Random random = new Random();

	private static EventProducer events;

	@Autowired
	RecordedSpans spans;

	private final ListAppender<ILoggingEvent> listenerLog = new ListAppender<>();

	private Logger listenerLogger;

	private Level listenerLevel;

	@BeforeAll
	static void producers() {
		events = new EventProducer();
	}

	@AfterAll
	static void closeProducers() {
		events.close();
	}

	@BeforeEach
	void captureListenerLog() {
		this.listenerLogger = (Logger) LoggerFactory.getLogger(InvoiceEventListener.class);
		// DEBUG for the per-event lines, whatever an application another test started
		// in this JVM left the logging system at
		this.listenerLevel = this.listenerLogger.getLevel();
		this.listenerLogger.setLevel(Level.DEBUG);
		this.listenerLog.start();
		this.listenerLogger.addAppender(this.listenerLog);
	}

	@AfterEach
	void releaseListenerLog() {
		this.listenerLogger.detachAppender(this.listenerLog);
		this.listenerLogger.setLevel(this.listenerLevel);
	}

	@Test
	void eachRecordIsProcessedInTheTraceItCarriesAndTheBatchLinksThem() {
		UUID invoice = UUID.randomUUID();
		String traceId = hex(16);
		String sendSpanId = hex(8);
		InvoiceCreated created = InvoiceEvents.created(invoice, UUID.randomUUID(), 4_200, "EUR",
				LocalDate.of(2162, 5, 1));
		events.send(created, "00-" + traceId + "-" + sendSpanId + "-01");
		SpanData applied = awaitProcessSpan(invoice, "applied");
		// the same event again (a redelivery) is stale, in a trace of its own
		String secondTraceId = hex(16);
		events.send(created, "00-" + secondTraceId + "-" + hex(8) + "-01");
		SpanData stale = awaitProcessSpan(invoice, "stale");

		assertThat(applied.getName()).isEqualTo("process invoice-events");
		assertThat(applied.getKind()).isEqualTo(SpanKind.CONSUMER);
		assertThat(applied.getTraceId()).isEqualTo(traceId);
		assertThat(applied.getParentSpanId()).as("child of the relay's send span").isEqualTo(sendSpanId);
		assertThat(string(applied, EventSpans.EVENT_TYPE)).isEqualTo("InvoiceCreated");
		assertThat(string(applied, EventSpans.MESSAGE_ID)).isEqualTo(created.getEventId());
		assertThat(applied.getAttributes().get(AttributeKey.longKey(EventSpans.INVOICE_VERSION))).isEqualTo(1L);
		assertThat(string(applied, EventSpans.PARTITION)).matches("[0-5]");
		assertThat(applied.getAttributes().get(AttributeKey.longKey(EventSpans.OFFSET))).isNotNull();
		assertThat(stale.getTraceId()).isEqualTo(secondTraceId);

		SpanData batch = batchLinking(applied);
		assertThat(batch.getTraceId()).as("a trace of its own").isNotEqualTo(traceId);
		assertThat(batch.getParentSpanContext().isValid()).isFalse();
		assertThat(batch.getAttributes().get(AttributeKey.longKey(EventSpans.BATCH_COUNT)))
			.isEqualTo(batch.getLinks().size());
		assertThat(batch.getAttributes().get(AttributeKey.longKey("tally.applied"))).isPositive();

		await().atMost(PATIENCE).untilAsserted(() -> {
			List<ILoggingEvent> lines = List.copyOf(this.listenerLog.list);
			assertThat(lines).as("the DEBUG line of the event carries the change's trace").anySatisfy((line) -> {
				assertThat(line.getLevel()).isEqualTo(Level.DEBUG);
				assertThat(line.getFormattedMessage()).contains("APPLIED", invoice.toString());
				assertThat(line.getMDCPropertyMap()).containsEntry("traceId", traceId)
					.containsEntry("spanId", applied.getSpanId());
			});
			assertThat(lines).as("the INFO line of the batch carries the batch's trace").anySatisfy((line) -> {
				assertThat(line.getLevel()).isEqualTo(Level.INFO);
				assertThat(line.getMDCPropertyMap()).containsEntry("traceId", batch.getTraceId());
				assertThat(line.getKeyValuePairs()).extracting((pair) -> pair.key)
					.contains("count", "applied", "stale", "deadLettered", "partitions", "durationMs");
			});
		});
	}

	@Test
	void aDeadLetteredRecordsTraceShowsWhy() {
		UUID invoice = UUID.randomUUID();
		String traceId = hex(16);
		events.send(InvoiceEvents.created(invoice, UUID.randomUUID(), 0, "USD", LocalDate.of(2162, 6, 1)),
				"00-" + traceId + "-" + hex(8) + "-01");

		SpanData process = awaitProcessSpan(invoice, "dead-lettered");
		assertThat(process.getTraceId()).isEqualTo(traceId);
		assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(exception(process).getAttributes().get(AttributeKey.stringKey("exception.type")))
			.isEqualTo(InvalidEvent.class.getName());
		assertThat(exception(process).getAttributes().get(AttributeKey.stringKey("exception.message")))
			.contains("amountMinor");

		SpanData deadLetter = await().atMost(PATIENCE)
			.until(() -> this.spans.finished((span) -> span.getName().equals("send invoice-events-dlt")
					&& invoice.toString().equals(string(span, EventSpans.INVOICE_ID))), (found) -> !found.isEmpty())
			.get(0);
		assertThat(deadLetter.getTraceId()).isEqualTo(traceId);
		assertThat(deadLetter.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(string(deadLetter, EventSpans.OUTCOME)).isEqualTo("dead-lettered");
		assertThat(deadLetter.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(exception(deadLetter).getAttributes().get(AttributeKey.stringKey("exception.message")))
			.contains("amountMinor");
		assertThat(batchLinking(process).getAttributes().get(AttributeKey.longKey("tally.dead_lettered")))
			.isEqualTo(1L);
	}

	@Test
	void aRecordWithoutTraceparentIsProcessedInTheBatchTrace() {
		UUID invoice = UUID.randomUUID();
		events.send(InvoiceEvents.created(invoice, UUID.randomUUID(), 1_000, "USD", LocalDate.of(2162, 7, 1)));

		SpanData process = awaitProcessSpan(invoice, "applied");
		SpanData batch = batchLinking(process);
		assertThat(process.getTraceId()).isEqualTo(batch.getTraceId());
		assertThat(process.getParentSpanId()).isEqualTo(batch.getSpanId());
	}

	private SpanData awaitProcessSpan(UUID invoice, String outcome) {
		return await().atMost(PATIENCE)
			.until(() -> this.spans.finished((span) -> span.getName().equals("process invoice-events")
					&& invoice.toString().equals(string(span, EventSpans.INVOICE_ID))
					&& outcome.equals(string(span, EventSpans.OUTCOME))), (found) -> !found.isEmpty())
			.get(0);
	}

	private SpanData batchLinking(SpanData event) {
		return await().atMost(PATIENCE)
			.until(() -> this.spans.finished((span) -> span.getName().equals("projection batch") && span.getLinks()
				.stream()
				.anyMatch((link) -> link.getSpanContext().getSpanId().equals(event.getSpanId()))),
					(found) -> !found.isEmpty())
			.get(0);
	}

	private static EventData exception(SpanData span) {
		return span.getEvents()
			.stream()
			.filter((event) -> event.getName().equals("exception"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no exception event on " + span));
	}

	private static String string(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	private static String hex(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		value[0] |= 1; // never all zero: an invalid id
		return HexFormat.of().formatHex(value);
	}

}
