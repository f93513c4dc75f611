package io.tally.revenue.deadletter;

/**
 * Kafka did not answer in time while reading the dead-letter topic or re-driving a
 * record: nothing was marked, the operator may retry.
 */
public class DeadLetterTopicUnavailable extends RuntimeException {

	public DeadLetterTopicUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
