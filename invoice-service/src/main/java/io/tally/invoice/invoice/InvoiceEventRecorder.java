package io.tally.invoice.invoice;

/**
 * Records an invoice event inside the transaction that made the change (implemented by
 * the outbox), so the change and its event commit or roll back together.
 */
public interface InvoiceEventRecorder {

	void record(InvoiceEvent event);

}
