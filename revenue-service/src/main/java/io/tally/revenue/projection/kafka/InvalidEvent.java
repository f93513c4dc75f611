package io.tally.revenue.projection.kafka;

/**
 * An event that deserialized but breaks the contract (missing ids, non-positive amount,
 * unknown currency, PAID without paidAt, unknown record type). Never retried: it goes
 * straight to the dead-letter topic.
 */
class InvalidEvent extends RuntimeException {

	InvalidEvent(String message) {
		super(message);
	}

}
