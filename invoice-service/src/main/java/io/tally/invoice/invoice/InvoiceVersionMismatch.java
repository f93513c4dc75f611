package io.tally.invoice.invoice;

import java.util.UUID;

/** The client's If-Match version is not the invoice's current version (HTTP 412). */
public class InvoiceVersionMismatch extends RuntimeException {

	public InvoiceVersionMismatch(UUID id, long expected, long actual) {
		super("Invoice " + id + " is at version " + actual + ", not " + expected);
	}

	/** The version moved on between our read and our write. */
	public InvoiceVersionMismatch(UUID id, long expected) {
		super("Invoice " + id + " is no longer at version " + expected);
	}

}
