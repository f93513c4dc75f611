package io.tally.invoice.invoice;

import java.util.UUID;

/** No invoice exists with the requested id. */
public class InvoiceNotFound extends RuntimeException {

	public InvoiceNotFound(UUID id) {
		super("Invoice " + id + " does not exist");
	}

}
