package io.tally.invoice.web;

import java.io.IOException;

/**
 * A request body exceeded the configured limit (HTTP 413); an IOException so body readers
 * pass it through.
 */
class PayloadTooLarge extends IOException {

	PayloadTooLarge(long limit) {
		super("Request body exceeds " + limit + " bytes");
	}

}
