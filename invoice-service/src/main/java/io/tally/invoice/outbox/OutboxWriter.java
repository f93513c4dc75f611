package io.tally.invoice.outbox;

import java.util.UUID;

import io.tally.events.registry.SchemaRegistryUnavailableException;
import io.tally.events.serde.KafkaAvroSerializer;
import io.tally.invoice.invoice.InvoiceEvent;
import io.tally.invoice.invoice.InvoiceEventRecorder;
import io.tally.support.tracing.TracePropagation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes an event's Confluent-framed Avro bytes to the outbox in the caller's
 * transaction; a trigger on the table issues {@code pg_notify} in that same transaction,
 * so the relay wakes exactly when the change commits. The bytes come from the
 * serializer's cache only ({@link EventSchemaRegistration} fills it at start-up): the
 * registry is never called while the transaction, and the row locks it took, are held.
 */
class OutboxWriter implements InvoiceEventRecorder {

	static final String INSERT = "INSERT INTO outbox (record_key, event_id, event_type, invoice_version, payload, traceparent, tracestate) VALUES (?, ?, ?, ?, ?, ?, ?)";

	private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);

	private final JdbcOperations jdbc;

	private final KafkaAvroSerializer serializer;

	private final String topic;

	private final TracePropagation tracing;

	OutboxWriter(JdbcOperations jdbc, KafkaAvroSerializer serializer, String topic, TracePropagation tracing) {
		this.jdbc = jdbc;
		this.serializer = serializer;
		this.topic = topic;
		this.tracing = tracing;
	}

	@Override
	public void record(InvoiceEvent event) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			// Outside a transaction the event could commit without its change, or the
			// other way round.
			throw new IllegalStateException("Outbox rows must be written in the transaction of the change");
		}
		OutboxRow row = toRow(event);
		this.jdbc.update(INSERT, row.key(), row.eventId(), row.eventType(), row.invoiceVersion(), row.payload(),
				row.trace().traceparent(), row.trace().tracestate());
		log.debug("Outbox row for invoice {} version {} event {}", row.key(), row.invoiceVersion(), row.eventId());
	}

	/**
	 * The row for an event, not yet stored (id and creation time are the database's),
	 * with the trace context of the request making the change.
	 */
	OutboxRow toRow(InvoiceEvent event) {
		byte[] payload;
		try {
			payload = this.serializer.serializePrepared(this.topic, EventRecords.toAvro(event));
		}
		catch (SchemaRegistryUnavailableException ex) {
			// the schemas are not registered yet: as transient as a lost database
			// connection, the change rolls back and may be retried
			throw new DataAccessResourceFailureException("Schema registry unavailable: " + ex.getMessage(), ex);
		}
		UUID eventId = event.eventId();
		return new OutboxRow(0, event.invoice().id().toString(), eventId, EventRecords.type(event).recordName(),
				event.invoice().version(), payload, null, this.tracing.current());
	}

}
