package io.tally.events.invoice;

/**
 * Names of the Kafka headers an invoice event record carries besides its Avro value:
 * three on every record, and the W3C trace context of its send when tracing is on.
 */
public final class InvoiceEventHeaders {

	/** The event's {@code eventId}. */
	public static final String EVENT_ID = "eventId";

	/** The record name, {@link InvoiceEventType#recordName()}. */
	public static final String EVENT_TYPE = "eventType";

	/** The event's {@code invoiceVersion}, in decimal. */
	public static final String INVOICE_VERSION = "invoiceVersion";

	/**
	 * Optional: the W3C {@code traceparent} of the relay's send span, so a consumer's
	 * span joins the trace of the request that made the change.
	 */
	public static final String TRACEPARENT = "traceparent";

	/** Optional: the W3C {@code tracestate} going with {@link #TRACEPARENT}, if any. */
	public static final String TRACESTATE = "tracestate";

	private InvoiceEventHeaders() {
	}

}
