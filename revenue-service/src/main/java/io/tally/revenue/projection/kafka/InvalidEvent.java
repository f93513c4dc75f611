package io.tally.revenue.projection.kafka;

/**
 * An event that deserialized but breaks the contract (missing ids, amount out of range,
 * unknown currency, a date outside the window, PAID without paidAt, unknown record type).
 * Never retried: it goes straight to the dead-letter topic, its message in the
 * {@code kafka_dlt-exception-message} header.
 */
class InvalidEvent extends RuntimeException {

	InvalidEvent(String message) {
		super(message);
	}

}
