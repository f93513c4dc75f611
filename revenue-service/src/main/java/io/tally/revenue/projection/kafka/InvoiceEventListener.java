package io.tally.revenue.projection.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Tracer;
import io.tally.events.registry.SchemaRegistryUnavailableException;
import io.tally.revenue.projection.ProjectionProperties;
import io.tally.revenue.projection.store.BatchApplier;
import io.tally.revenue.projection.store.SourcePositions;
import io.tally.revenue.rules.InvoiceChange;
import io.tally.revenue.rules.RevenueProjection;
import io.tally.support.Causes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogAccessor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code invoice-events} in batches and applies each batch in one projection
 * transaction; the container commits the offsets only after this method returns, i.e.
 * after the transaction committed (at-least-once, made exactly-once in effect by the
 * version guard).
 * <p>
 * A record that cannot be applied is pinpointed with a
 * {@link BatchListenerFailedException}: the records before it are committed first, and
 * the container's error handler then retries (transient failures) or dead-letters it
 * (deserialization and validation failures) and carries on with the rest. No try/catch
 * retries live here.
 */
@Component
class InvoiceEventListener {

	/** The listener container's id. */
	static final String ID = "revenue-projection";

	private static final Logger log = LoggerFactory.getLogger(InvoiceEventListener.class);

	private static final LogAccessor logAccessor = new LogAccessor(InvoiceEventListener.class);

	private final BatchApplier batches;

	private final ProjectionMetrics metrics;

	private final ProjectionProperties properties;

	private final ProjectionTracing tracing;

	InvoiceEventListener(BatchApplier batches, ProjectionMetrics metrics, ProjectionProperties properties,
			ProjectionTracing tracing) {
		this.batches = batches;
		this.metrics = metrics;
		this.properties = properties;
		this.tracing = tracing;
	}

	/** The topic consumed ({@code tally.projection.topic}). */
	public String getTopic() {
		return this.properties.topic();
	}

	/** The consumer group ({@code tally.projection.group-id}). */
	public String getGroupId() {
		return this.properties.groupId();
	}

	/**
	 * Whether the listener starts with the application
	 * ({@code tally.projection.auto-startup}).
	 */
	public boolean isAutoStartup() {
		return this.properties.autoStartup();
	}

	// topic, group and start-up are read from ProjectionProperties through this bean
	// (__listener), so each setting is declared once, in the properties record
	@KafkaListener(id = ID, topics = "#{__listener.topic}", groupId = "#{__listener.groupId}", batch = "true",
			autoStartup = "#{__listener.autoStartup}")
	void onEvents(List<ConsumerRecord<byte[], Object>> records) {
		try (ProjectionTracing.Batch trace = this.tracing.batch(records)) {
			List<InvoiceChange> changes = new ArrayList<>(records.size());
			for (int i = 0; i < records.size(); i++) {
				ConsumerRecord<byte[], Object> record = records.get(i);
				InvoiceChange change;
				try {
					change = toChange(record);
				}
				catch (DeserializationException | InvalidEvent ex) {
					project(records, changes, trace);
					RuntimeException failure = registryOutage(ex);
					trace.failed(i, failure);
					throw new BatchListenerFailedException("Unprocessable record at " + position(record), failure, i);
				}
				changes.add(change);
			}
			project(records, changes, trace);
		}
	}

	/**
	 * The change a record carries (also read this way by a rebuild).
	 * @throws DeserializationException if the value could not be decoded
	 * @throws InvalidEvent if it breaks the contract
	 */
	static InvoiceChange toChange(ConsumerRecord<byte[], Object> record) {
		if (record.value() == null) {
			DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
					SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
			if (failure != null) {
				throw failure;
			}
		}
		return EventMapper.toChange(record.value());
	}

	/**
	 * A deserialization failure caused by an unreachable registry, re-thrown as the
	 * retryable {@link RegistryUnavailable} (without the non-retryable
	 * DeserializationException in its causes); any other failure as it is.
	 */
	static RuntimeException registryOutage(RuntimeException failure) {
		return Causes.find(failure.getCause(), SchemaRegistryUnavailableException.class)
			.<RuntimeException>map(
					(cause) -> new RegistryUnavailable("Schema registry unavailable: " + cause.getMessage(), cause))
			.orElse(failure);
	}

	/**
	 * Applies the changes of records [0, changes.size()) or throws a
	 * BatchListenerFailedException.
	 */
	private void project(List<ConsumerRecord<byte[], Object>> records, List<InvoiceChange> changes,
			ProjectionTracing.Batch trace) {
		if (changes.isEmpty()) {
			return;
		}
		try {
			applied(records, changes, 0, this.batches.apply(changes, positions(records.subList(0, changes.size()))),
					trace);
		}
		catch (DataIntegrityViolationException | ArithmeticException recordSpecific) {
			// one record's data breaks the database (e.g. an overflowing sum): find it by
			// applying one at a time
			for (int i = 0; i < changes.size(); i++) {
				try {
					applied(records, changes.subList(i, i + 1), i,
							this.batches.apply(changes.subList(i, i + 1), positions(records.subList(i, i + 1))), trace);
				}
				catch (RuntimeException ex) {
					trace.failed(i, ex);
					throw new BatchListenerFailedException("Projection failed at " + position(records.get(i)), ex, i);
				}
			}
		}
		catch (RuntimeException transientFailure) {
			// the database is unavailable or a lock timed out: retry from the first
			// record of this batch
			trace.failed(0, transientFailure);
			throw new BatchListenerFailedException("Projection failed at " + position(records.get(0)), transientFailure,
					0);
		}
	}

	/**
	 * Recorded with the changes: a rebuild compares them with its shadow tables'
	 * positions before it switches.
	 */
	private SourcePositions positions(List<ConsumerRecord<byte[], Object>> applied) {
		return TopicPositions.after(this.properties.topic(), applied);
	}

	private void applied(List<ConsumerRecord<byte[], Object>> records, List<InvoiceChange> changes, int offset,
			RevenueProjection.Result result, ProjectionTracing.Batch trace) {
		Instant committedAt = Instant.now();
		for (int i = 0; i < changes.size(); i++) {
			InvoiceChange change = changes.get(i);
			RevenueProjection.Outcome outcome = result.outcomes().get(i);
			// in the event's span: the lag exemplar and the DEBUG line carry its trace
			try (Tracer.SpanInScope scope = trace.committed(offset + i, outcome)) {
				this.metrics.committed(change, outcome, committedAt);
				if (log.isDebugEnabled()) {
					ConsumerRecord<byte[], Object> record = records.get(offset + i);
					log.atDebug()
						.addKeyValue("eventId", change.eventId())
						.addKeyValue("invoiceId", change.invoiceId())
						.addKeyValue("invoiceVersion", change.version())
						.addKeyValue("eventType", ProjectionMetrics.typeTag(change.type()))
						.addKeyValue("partition", record.partition())
						.addKeyValue("offset", record.offset())
						.log("{} {} of invoice {} version {}", outcome, change.type(), change.invoiceId(),
								change.version());
				}
			}
		}
	}

	private static String position(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

}
