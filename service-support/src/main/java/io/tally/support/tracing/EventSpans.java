package io.tally.support.tracing;

/**
 * Names of the spans and span attributes both services record for invoice events, so a
 * trace reads the same on either side: OpenTelemetry's messaging conventions where they
 * have a name, {@code tally.*} for the rest. Values are ids, versions, types and
 * positions, never amounts, customers or payloads.
 */
public final class EventSpans {

	/** {@code kafka}. */
	public static final String MESSAGING_SYSTEM = "messaging.system";

	/** {@code send} (relay) or {@code process} (consumer). */
	public static final String OPERATION = "messaging.operation.type";

	/** The topic. */
	public static final String DESTINATION = "messaging.destination.name";

	/** The partition of the record. */
	public static final String PARTITION = "messaging.destination.partition.id";

	/** The offset of the record. */
	public static final String OFFSET = "messaging.kafka.offset";

	/** The event id. */
	public static final String MESSAGE_ID = "messaging.message.id";

	/** Records in a batch. */
	public static final String BATCH_COUNT = "messaging.batch.message_count";

	/** The invoice the event is about. */
	public static final String INVOICE_ID = "tally.invoice.id";

	/** The invoice version the event carries. */
	public static final String INVOICE_VERSION = "tally.invoice.version";

	/** The event type, e.g. {@code InvoiceUpdated}. */
	public static final String EVENT_TYPE = "tally.event.type";

	/**
	 * What became of the event: {@code acknowledged}/{@code failed} (relay);
	 * {@code applied}/{@code stale}/{@code dead-lettered}/{@code redelivered} (consumer).
	 */
	public static final String OUTCOME = "tally.outcome";

	private EventSpans() {
	}

}
