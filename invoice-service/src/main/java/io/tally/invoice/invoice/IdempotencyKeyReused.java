package io.tally.invoice.invoice;

/** An Idempotency-Key came back with a different request body (HTTP 422). */
public class IdempotencyKeyReused extends RuntimeException {

	public IdempotencyKeyReused() {
		super("This Idempotency-Key was already used with a different request body");
	}

}
