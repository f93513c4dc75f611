package io.tally.revenue.deadletter;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the dead-letter index as operators see it.
 *
 * @param id the entry's id
 * @param status pending, or handled one of two ways
 * @param key the record key as text (the invoice id)
 * @param invoiceId the invoice, when the key or the event names one
 * @param eventId the event's id, when known
 * @param eventType the event's record name, when known
 * @param invoiceVersion the event's invoice version, when known
 * @param valueSize number of value bytes (null: no value)
 * @param cause why the record failed
 * @param record where the record is in the dead-letter topic
 * @param original where it was when it failed
 * @param firstSeenAt when the index learnt of it
 * @param redriveCount how often it was re-driven
 * @param redrivenTo where the last re-drive put it, e.g. {@code invoice-events-3@1042}
 * @param lastAction who did the last re-drive or discard, when and why (null: nobody yet)
 */
record DeadLetter(long id, DeadLetterStatus status, String key, UUID invoiceId, String eventId, String eventType,
		Long invoiceVersion, Integer valueSize, Cause cause, Location record, Location original, Instant firstSeenAt,
		int redriveCount, String redrivenTo, LastAction lastAction) {

	/** The record's position in the dead-letter topic. */
	RecordPosition position() {
		return new RecordPosition(this.record.topic(), this.record.partition(), this.record.offset());
	}

	/**
	 * Why a record failed, from Spring's {@code kafka_dlt-exception-*} headers.
	 *
	 * @param exception class of the failure
	 * @param message the failure's message
	 * @param rootException class of its innermost cause, from the stack trace (null: the
	 * failure is its own root)
	 * @param rootMessage that cause's message
	 */
	record Cause(String exception, String message, String rootException, String rootMessage) {
	}

	/**
	 * A record's place in a topic.
	 *
	 * @param topic the topic
	 * @param partition the partition
	 * @param offset the offset
	 * @param timestamp the record's timestamp
	 */
	record Location(String topic, Integer partition, Long offset, Instant timestamp) {
	}

	/**
	 * The last operator action.
	 *
	 * @param by the subject of the caller's token (null while the API takes no token)
	 * @param at when
	 * @param reason why, as the operator gave it
	 */
	record LastAction(String by, Instant at, String reason) {
	}

}
