package io.tally.revenue.projection.kafka;

import java.nio.charset.StandardCharsets;

import io.micrometer.tracing.Tracer;
import io.tally.events.invoice.InvoiceEventHeaders;
import io.tally.support.Causes;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Publishes unprocessable records to the dead-letter topic with their original key and
 * value bytes plus Spring's exception headers, and counts them. The partition is left to
 * the producer (hash of the key), so the dead-letter topic may have any number of
 * partitions.
 */
class DeadLetters extends DeadLetterPublishingRecoverer {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private final ProjectionMetrics metrics;

	private final ProjectionTracing tracing;

	DeadLetters(KafkaOperations<byte[], byte[]> rawTemplate, String deadLetterTopic, ProjectionMetrics metrics,
			ProjectionTracing tracing) {
		super(rawTemplate, (record, exception) -> new TopicPartition(deadLetterTopic, -1));
		this.metrics = metrics;
		this.tracing = tracing;
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
		Exception cause = unwrap(exception);
		// in the record's trace: the span says why, the WARN line carries its trace id
		try (Tracer.SpanInScope span = this.tracing.deadLettering(record, cause)) {
			// the exception headers then name the real failure (e.g. InvalidEvent), not
			// the container's wrappers
			super.accept(record, consumer, cause);
			this.metrics.deadLettered();
			withRecordIds(log.atWarn(), record).log("Dead-lettered record {}-{}@{}: {}", record.topic(),
					record.partition(), record.offset(), rootMessage(cause));
		}
	}

	@Override
	protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
			TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
		Header raw = record.headers().lastHeader(RawValueKeepingDeserializer.RAW_VALUE_HEADER);
		headers.remove(RawValueKeepingDeserializer.RAW_VALUE_HEADER);
		byte[] originalValue = (value != null) ? value : ((raw != null) ? raw.value() : null);
		byte[] originalKey = (key != null) ? key : ((record.key() instanceof byte[] bytes) ? bytes : null);
		return super.createProducerRecord(record, topicPartition, headers, originalKey, originalValue);
	}

	/** Adds the ids of a record (never its payload) to a structured log line. */
	static LoggingEventBuilder withRecordIds(LoggingEventBuilder builder, ConsumerRecord<?, ?> record) {
		return builder.addKeyValue("eventId", header(record.headers(), InvoiceEventHeaders.EVENT_ID))
			.addKeyValue("invoiceId", (record.key() instanceof byte[] key) ? utf8(key) : null)
			.addKeyValue("invoiceVersion", header(record.headers(), InvoiceEventHeaders.INVOICE_VERSION))
			.addKeyValue("partition", record.partition())
			.addKeyValue("offset", record.offset());
	}

	private static Exception unwrap(Exception exception) {
		Exception current = exception;
		while ((current instanceof ListenerExecutionFailedException || current instanceof BatchListenerFailedException)
				&& current.getCause() instanceof Exception cause) {
			current = cause;
		}
		return current;
	}

	/** A header as UTF-8 text, or null. */
	static String header(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? utf8(header.value()) : null;
	}

	private static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	static String rootMessage(Throwable throwable) {
		Throwable root = Causes.root(throwable);
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
