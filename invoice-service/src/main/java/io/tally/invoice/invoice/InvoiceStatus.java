package io.tally.invoice.invoice;

/** Payment status of an invoice. */
public enum InvoiceStatus {

	PENDING, PAID

}
