package io.tally.revenue.projection.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.tally.events.invoice.InvoiceEventHeaders;
import io.tally.revenue.projection.ProjectionProperties;
import io.tally.revenue.rules.RevenueProjection;
import io.tally.support.tracing.EventSpans;
import io.tally.support.tracing.TracePropagation;
import io.tally.support.tracing.W3cTraceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * What the projection leaves for operators. Each record of a batch gets a process span
 * continuing the trace its {@code traceparent} header carries, so the request that made
 * the change, the relay's send and this apply share one trace id; it ends with the
 * record's outcome (applied, stale, dead-lettered, or redelivered when the batch stopped
 * before it). The batch transaction gets a span of its own, a new trace, linked to every
 * process span, and one INFO line; each event a DEBUG line in its own span's scope. Ids,
 * versions, types and positions only.
 */
@Component
class ProjectionTracing {

	static final String BATCH_SPAN = "projection batch";

	static final String PROCESS_SPAN = "process";

	static final String DEAD_LETTER_SPAN = "send";

	private static final Logger log = LoggerFactory.getLogger(InvoiceEventListener.class);

	private final TracePropagation propagation;

	private final String topic;

	private final String deadLetterTopic;

	ProjectionTracing(TracePropagation propagation, ProjectionProperties properties) {
		this.propagation = propagation;
		this.topic = properties.topic();
		this.deadLetterTopic = properties.deadLetterTopic();
	}

	/**
	 * Starts the spans of a delivered batch; the batch span is current on this thread
	 * until it is closed.
	 */
	Batch batch(List<? extends ConsumerRecord<byte[], ?>> records) {
		return new Batch(records);
	}

	/**
	 * A span for publishing {@code record} to the dead-letter topic, in the record's own
	 * trace, recording why; current on this thread until the returned scope closes.
	 */
	Tracer.SpanInScope deadLettering(ConsumerRecord<?, ?> record, Throwable reason) {
		Span span = this.propagation.continuing(traceOf(record))
			.name(DEAD_LETTER_SPAN + " " + this.deadLetterTopic)
			.kind(Span.Kind.PRODUCER)
			.start();
		tagRecord(span, record).tag(EventSpans.DESTINATION, this.deadLetterTopic)
			.tag(EventSpans.OPERATION, "send")
			.tag(EventSpans.OUTCOME, "dead-lettered")
			.error(reason);
		Tracer.SpanInScope scope = this.propagation.tracer().withSpan(span);
		return () -> {
			scope.close();
			span.end();
		};
	}

	static W3cTraceContext traceOf(ConsumerRecord<?, ?> record) {
		return new W3cTraceContext(header(record, InvoiceEventHeaders.TRACEPARENT),
				header(record, InvoiceEventHeaders.TRACESTATE));
	}

	private Span tagRecord(Span span, ConsumerRecord<?, ?> record) {
		span.tag(EventSpans.MESSAGING_SYSTEM, "kafka")
			.tag(EventSpans.PARTITION, String.valueOf(record.partition()))
			.tag(EventSpans.OFFSET, record.offset());
		tagIfPresent(span, EventSpans.MESSAGE_ID, header(record, InvoiceEventHeaders.EVENT_ID));
		tagIfPresent(span, EventSpans.EVENT_TYPE, header(record, InvoiceEventHeaders.EVENT_TYPE));
		tagIfPresent(span, EventSpans.INVOICE_ID,
				(record.key() instanceof byte[] key) ? new String(key, StandardCharsets.UTF_8) : null);
		String version = header(record, InvoiceEventHeaders.INVOICE_VERSION);
		if (version != null && version.chars().allMatch(Character::isDigit) && version.length() < 19) {
			span.tag(EventSpans.INVOICE_VERSION, Long.parseLong(version));
		}
		return span;
	}

	private static void tagIfPresent(Span span, String key, String value) {
		if (value != null) {
			span.tag(key, value);
		}
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		return DeadLetters.header(record.headers(), name);
	}

	/** One delivered batch: its span, one process span per record, their outcomes. */
	final class Batch implements AutoCloseable {

		private final long startedNanos = System.nanoTime();

		private final List<? extends ConsumerRecord<byte[], ?>> records;

		private final Span span;

		private final Tracer.SpanInScope scope;

		private final Span[] events;

		private final String[] outcomes;

		private Batch(List<? extends ConsumerRecord<byte[], ?>> records) {
			Tracer tracer = ProjectionTracing.this.propagation.tracer();
			this.records = records;
			this.span = tracer.spanBuilder().setNoParent().name(BATCH_SPAN).start();
			this.events = new Span[records.size()];
			this.outcomes = new String[records.size()];
			// current first: a record without a traceparent gets the batch span as its
			// parent
			this.scope = tracer.withSpan(this.span);
			for (int i = 0; i < records.size(); i++) {
				ConsumerRecord<byte[], ?> record = records.get(i);
				Span event = ProjectionTracing.this.propagation.continuing(traceOf(record))
					.name(PROCESS_SPAN + " " + ProjectionTracing.this.topic)
					.kind(Span.Kind.CONSUMER)
					.start();
				tagRecord(event, record).tag(EventSpans.DESTINATION, ProjectionTracing.this.topic)
					.tag(EventSpans.OPERATION, "process");
				TracePropagation.link(this.span, event.context());
				this.events[i] = event;
			}
		}

		/**
		 * Record {@code index} was committed with {@code outcome}: its span is current on
		 * this thread (for the meters' exemplars and the DEBUG line) until the returned
		 * scope closes, which ends it.
		 */
		Tracer.SpanInScope committed(int index, RevenueProjection.Outcome outcome) {
			String name = (outcome == RevenueProjection.Outcome.APPLIED) ? "applied" : "stale";
			Span event = this.events[index];
			event.tag(EventSpans.OUTCOME, name);
			this.outcomes[index] = name;
			Tracer.SpanInScope eventScope = ProjectionTracing.this.propagation.tracer().withSpan(event);
			return () -> {
				eventScope.close();
				event.end();
			};
		}

		/**
		 * Record {@code index} failed: dead-lettered when no retry can help, else
		 * redelivered (retried) with the rest of the batch from it on.
		 */
		void failed(int index, Throwable failure) {
			String name = ProjectionKafkaConfiguration.isRetryable(failure) ? "redelivered" : "dead-lettered";
			this.events[index].tag(EventSpans.OUTCOME, name).error(failure);
			this.outcomes[index] = name;
			this.events[index].end();
		}

		/**
		 * Ends the spans (records not reached are redelivered with the next poll) and
		 * logs the batch.
		 */
		@Override
		public void close() {
			Map<String, Integer> counts = new TreeMap<>();
			Map<Integer, long[]> offsets = new TreeMap<>();
			for (int i = 0; i < this.events.length; i++) {
				if (this.outcomes[i] == null) {
					this.outcomes[i] = "redelivered";
					this.events[i].tag(EventSpans.OUTCOME, "redelivered").end();
				}
				counts.merge(this.outcomes[i], 1, Integer::sum);
				ConsumerRecord<byte[], ?> record = this.records.get(i);
				long[] range = offsets.computeIfAbsent(record.partition(),
						(partition) -> new long[] { record.offset(), record.offset() });
				range[0] = Math.min(range[0], record.offset());
				range[1] = Math.max(range[1], record.offset());
			}
			int applied = counts.getOrDefault("applied", 0);
			int stale = counts.getOrDefault("stale", 0);
			int deadLettered = counts.getOrDefault("dead-lettered", 0);
			int redelivered = counts.getOrDefault("redelivered", 0);
			String positions = offsets.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + "@" + entry.getValue()[0] + ".." + entry.getValue()[1])
				.collect(Collectors.joining(","));
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.startedNanos);
			this.span.tag(EventSpans.BATCH_COUNT, this.events.length)
				.tag("tally.applied", applied)
				.tag("tally.stale", stale)
				.tag("tally.dead_lettered", deadLettered)
				.tag("tally.redelivered", redelivered);
			log.atInfo()
				.addKeyValue("count", this.events.length)
				.addKeyValue("applied", applied)
				.addKeyValue("stale", stale)
				.addKeyValue("deadLettered", deadLettered)
				.addKeyValue("redelivered", redelivered)
				.addKeyValue("partitions", positions)
				.addKeyValue("durationMs", millis)
				.log("Batch of {} records from {}: {} applied, {} stale, {} dead-lettered, {} redelivered in {} ms",
						this.events.length, positions, applied, stale, deadLettered, redelivered, millis);
			this.scope.close();
			this.span.end();
		}

	}

}
