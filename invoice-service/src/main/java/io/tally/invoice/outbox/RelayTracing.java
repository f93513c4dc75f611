package io.tally.invoice.outbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.tally.support.tracing.EventSpans;
import io.tally.support.tracing.TracePropagation;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the relay's rounds leave for operators. Each sent row gets a send span that
 * continues the trace stored with the row, so the request, the send and the consumer's
 * apply share one trace id; the record carries the send span's W3C context. Each round
 * gets a span of its own, a new trace, linked to every send span: the rows of one round
 * come from many requests, so no single trace can be its parent. The round logs each
 * published batch at INFO, each event at DEBUG: ids, versions, types, never payloads.
 */
final class RelayTracing {

	static final String ROUND_SPAN = "outbox relay round";

	static final String SEND_SPAN = "send";

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final TracePropagation propagation;

	private final String topic;

	RelayTracing(TracePropagation propagation, String topic) {
		this.propagation = propagation;
		this.topic = topic;
	}

	/**
	 * Starts a round: its span is the current one on this thread until the round is
	 * closed.
	 */
	Round round() {
		return new Round();
	}

	/** One round of the relay. */
	final class Round implements AutoCloseable {

		private final long startedNanos = System.nanoTime();

		private final Span span;

		private final Tracer.SpanInScope scope;

		private final Set<Integer> partitions = new ConcurrentSkipListSet<>();

		private final AtomicInteger sent = new AtomicInteger();

		private boolean failed;

		private Round() {
			Tracer tracer = RelayTracing.this.propagation.tracer();
			this.span = tracer.spanBuilder().setNoParent().name(ROUND_SPAN).start();
			this.scope = tracer.withSpan(this.span);
		}

		/**
		 * Starts the send span of {@code row}, puts its trace context on {@code record},
		 * and returns the callback that ends the span with the broker's answer.
		 */
		Callback sending(OutboxRow row, ProducerRecord<byte[], byte[]> record) {
			Span send = RelayTracing.this.propagation.continuing(row.trace())
				.name(SEND_SPAN + " " + RelayTracing.this.topic)
				.kind(Span.Kind.PRODUCER)
				.start();
			send.tag(EventSpans.MESSAGING_SYSTEM, "kafka")
				.tag(EventSpans.OPERATION, "send")
				.tag(EventSpans.DESTINATION, RelayTracing.this.topic)
				.tag(EventSpans.MESSAGE_ID, row.eventId().toString())
				.tag(EventSpans.INVOICE_ID, row.key())
				.tag(EventSpans.INVOICE_VERSION, row.invoiceVersion())
				.tag(EventSpans.EVENT_TYPE, row.eventType())
				.tag("tally.outbox.id", row.id());
			TracePropagation.link(this.span, send.context());
			RelayTracing.this.propagation.fieldsOf(send.context())
				.forEach((name, value) -> record.headers()
					.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
			this.sent.incrementAndGet();
			return (metadata, failure) -> {
				if (failure != null) {
					send.tag(EventSpans.OUTCOME, "failed").error(failure);
				}
				else {
					this.partitions.add(metadata.partition());
					send.tag(EventSpans.OUTCOME, "acknowledged")
						.tag(EventSpans.PARTITION, String.valueOf(metadata.partition()))
						.tag(EventSpans.OFFSET, metadata.offset());
				}
				if (log.isDebugEnabled()) {
					debug(send, row, (failure == null) ? metadata.partition() : -1,
							(failure == null) ? metadata.offset() : -1, failure);
				}
				send.end();
			};
		}

		private void debug(Span send, OutboxRow row, int partition, long offset, Exception failure) {
			// in the send span's scope, so the line carries the request's trace id
			try (Tracer.SpanInScope sendScope = RelayTracing.this.propagation.tracer().withSpan(send)) {
				log.atDebug()
					.addKeyValue("outboxId", row.id())
					.addKeyValue("invoiceId", row.key())
					.addKeyValue("invoiceVersion", row.invoiceVersion())
					.addKeyValue("eventType", row.eventType())
					.addKeyValue("eventId", row.eventId())
					.addKeyValue("partition", partition)
					.addKeyValue("offset", offset)
					.log((failure == null) ? "Sent {} of invoice {} version {} (outbox row {})"
							: "Send of {} of invoice {} version {} (outbox row {}) failed", row.eventType(), row.key(),
							row.invoiceVersion(), row.id());
			}
		}

		/** The round published these rows (acknowledged, deleted): one INFO line. */
		void published(List<OutboxRow> acknowledged) {
			if (acknowledged.isEmpty()) {
				return;
			}
			long first = acknowledged.get(0).id();
			long last = acknowledged.get(acknowledged.size() - 1).id();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.startedNanos);
			String partitions = new TreeSet<>(this.partitions).toString();
			this.span.tag(EventSpans.BATCH_COUNT, acknowledged.size())
				.tag("tally.outbox.first_id", first)
				.tag("tally.outbox.last_id", last);
			log.atInfo()
				.addKeyValue("count", acknowledged.size())
				.addKeyValue("firstOutboxId", first)
				.addKeyValue("lastOutboxId", last)
				.addKeyValue("partitions", partitions)
				.addKeyValue("durationMs", millis)
				.log("Published {} events (outbox rows {}..{}) to partitions {} in {} ms", acknowledged.size(), first,
						last, partitions, millis);
		}

		/** The round failed before or while talking to the broker. */
		void failed(Throwable failure) {
			this.failed = true;
			this.span.error(failure);
		}

		/**
		 * Ends the round; a round that neither sent nor failed leaves no span (an idle
		 * relay looks at the table every second).
		 */
		@Override
		public void close() {
			this.scope.close();
			if (this.sent.get() == 0 && !this.failed) {
				this.span.abandon();
			}
			else {
				this.span.end();
			}
		}

	}

}
