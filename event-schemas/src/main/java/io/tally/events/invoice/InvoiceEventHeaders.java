package io.tally.events.invoice;

/**
 * Names of the Kafka headers every invoice event record carries besides its Avro value.
 */
public final class InvoiceEventHeaders {

	/** The event's {@code eventId}. */
	public static final String EVENT_ID = "eventId";

	/** The record name, {@link InvoiceEventType#recordName()}. */
	public static final String EVENT_TYPE = "eventType";

	/** The event's {@code invoiceVersion}, in decimal. */
	public static final String INVOICE_VERSION = "invoiceVersion";

	private InvoiceEventHeaders() {
	}

}
