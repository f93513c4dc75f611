package io.tally.invoice.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tally.invoice.EventProbe;
import io.tally.invoice.ServiceIntegrationTest;
import io.tally.invoice.invoice.Invoice;
import io.tally.invoice.invoice.InvoiceEvent;
import io.tally.invoice.invoice.InvoiceStatus;
import io.tally.support.tracing.EventSpans;
import io.tally.support.tracing.testing.RecordedSpans;
import io.tally.testsupport.http.JsonHttp;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionOperations;

import static io.tally.invoice.EventProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One change traced across the outbox: the request's trace context is stored with the
 * row, the relay's send span continues it and travels on the record, the round's own span
 * links the send, and the relay's log lines carry the matching trace ids.
 */
class OutboxTracingTest extends ServiceIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	RecordedSpans spans;

	@Autowired
	OutboxWriter writer;

	@Autowired
	TransactionOperations transactions;

	private final ListAppender<ILoggingEvent> relayLog = new ListAppender<>();

	private Logger relayLogger;

	private Level relayLevel;

	@BeforeEach
	void captureRelayLog() {
		this.relayLogger = (Logger) LoggerFactory.getLogger(OutboxRelay.class);
		this.relayLevel = this.relayLogger.getLevel();
		this.relayLogger.setLevel(Level.DEBUG);
		this.relayLog.start();
		this.relayLogger.addAppender(this.relayLog);
	}

	@AfterEach
	void restoreRelayLog() {
		this.relayLogger.detachAppender(this.relayLog);
		this.relayLogger.setLevel(this.relayLevel);
	}

	@Test
	void theRequestTheSendAndTheRecordShareOneTraceWhileTheRoundLinksTheSend() {
		UUID customer = UUID.randomUUID();
		String id = send("POST", "/api/invoices",
				"{\"customerId\":\"" + customer + "\",\"amountMinor\":1200,\"issueDate\":\"2026-11-02\"}")
			.expect(201)
			.json()
			.get("id")
			.asString();
		JsonHttp.Response update = send("PUT", "/api/invoices/" + id, "{\"customerId\":\"" + customer
				+ "\",\"amountMinor\":1300,\"currency\":\"USD\",\"status\":\"PENDING\",\"issueDate\":\"2026-11-02\"}")
			.expect(200);
		String[] traceresponse = update.header("traceresponse").orElseThrow().split("-");
		String traceId = traceresponse[1];
		String serverSpanId = traceresponse[2];
		assertThat(traceresponse[3]).as("sampled").isEqualTo("01");

		ConsumerRecord<String, Object> record;
		try (EventProbe probe = EventProbe.forInvoices("invoice-events", Set.of(id))) {
			record = probe.awaitCount(2, WAIT).get(1);
		}
		String traceparent = header(record, "traceparent");
		assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01");
		String sendSpanId = traceparent.split("-")[2];

		SpanData send = await().atMost(WAIT).until(() -> this.spans.span(sendSpanId), (span) -> span.isPresent()).get();
		assertThat(send.getName()).isEqualTo("send invoice-events");
		assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(send.getTraceId()).isEqualTo(traceId);
		assertThat(send.getParentSpanId()).as("child of the request's server span").isEqualTo(serverSpanId);
		assertThat(attribute(send, EventSpans.INVOICE_ID)).isEqualTo(id);
		assertThat(send.getAttributes().get(AttributeKey.longKey(EventSpans.INVOICE_VERSION))).isEqualTo(2L);
		assertThat(attribute(send, EventSpans.EVENT_TYPE)).isEqualTo("InvoiceUpdated");
		assertThat(attribute(send, EventSpans.MESSAGE_ID)).isEqualTo(header(record, "eventId"));
		assertThat(attribute(send, EventSpans.OUTCOME)).isEqualTo("acknowledged");
		assertThat(attribute(send, EventSpans.PARTITION)).isEqualTo(String.valueOf(record.partition()));
		assertThat(send.getAttributes().get(AttributeKey.longKey(EventSpans.OFFSET))).isEqualTo(record.offset());

		SpanData server = this.spans.span(serverSpanId).orElseThrow();
		assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(server.getTraceId()).isEqualTo(traceId);

		SpanData round = await().atMost(WAIT)
			.until(() -> this.spans.finished((span) -> span.getName().equals(RelayTracing.ROUND_SPAN) && span.getLinks()
				.stream()
				.anyMatch((link) -> link.getSpanContext().getSpanId().equals(sendSpanId))),
					(rounds) -> !rounds.isEmpty())
			.get(0);
		assertThat(round.getTraceId()).as("a trace of its own").isNotEqualTo(traceId);
		assertThat(round.getParentSpanContext().isValid()).isFalse();
		assertThat(round.getAttributes().get(AttributeKey.longKey(EventSpans.BATCH_COUNT))).isPositive();

		await().atMost(WAIT).untilAsserted(() -> {
			List<ILoggingEvent> lines = List.copyOf(this.relayLog.list);
			assertThat(lines).as("the DEBUG line of the send carries the request's trace").anySatisfy((line) -> {
				assertThat(line.getLevel()).isEqualTo(Level.DEBUG);
				assertThat(line.getFormattedMessage()).contains(id, "version 2");
				assertThat(line.getMDCPropertyMap()).containsEntry("traceId", traceId)
					.containsEntry("spanId", sendSpanId);
			});
			assertThat(lines).as("the INFO line of the round carries the round's trace").anySatisfy((line) -> {
				assertThat(line.getLevel()).isEqualTo(Level.INFO);
				assertThat(line.getFormattedMessage()).startsWith("Published ");
				assertThat(line.getMDCPropertyMap()).containsEntry("traceId", round.getTraceId());
				assertThat(line.getKeyValuePairs()).extracting((pair) -> pair.key)
					.contains("count", "firstOutboxId", "lastOutboxId", "partitions", "durationMs");
			});
		});
	}

	@Test
	void aRowWrittenWithoutAnActiveSpanIsSentInTheRoundsTrace() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Invoice invoice = new Invoice(UUID.randomUUID(), UUID.randomUUID(), 100, "USD", InvoiceStatus.PENDING,
				LocalDate.parse("2026-11-02"), null, 1, now, now, null, null);
		String id = invoice.id().toString();
		// no span on this thread, as for rows written before tracing existed
		this.transactions.executeWithoutResult(
				(tx) -> this.writer.record(new InvoiceEvent.Created(UUID.randomUUID(), now, invoice)));

		ConsumerRecord<String, Object> record;
		try (EventProbe probe = EventProbe.forInvoices("invoice-events", Set.of(id))) {
			record = probe.awaitCount(1, WAIT).get(0);
		}
		String sendSpanId = header(record, "traceparent").split("-")[2];
		SpanData send = await().atMost(WAIT).until(() -> this.spans.span(sendSpanId), (span) -> span.isPresent()).get();
		SpanData round = await().atMost(WAIT)
			.until(() -> this.spans.span(send.getParentSpanId()), (span) -> span.isPresent())
			.get();
		assertThat(round.getName()).isEqualTo(RelayTracing.ROUND_SPAN);
		assertThat(send.getTraceId()).isEqualTo(round.getTraceId());
	}

	private static String attribute(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

}
