package io.tally.invoice.invoice;

import java.util.UUID;

/**
 * Another request changed the invoice between our read and our write (HTTP 409); the
 * client should re-read.
 */
public class InvoiceChangedConcurrently extends RuntimeException {

	public InvoiceChangedConcurrently(UUID id, Throwable cause) {
		super("Invoice " + id + " was changed concurrently; fetch it again and retry", cause);
	}

}
