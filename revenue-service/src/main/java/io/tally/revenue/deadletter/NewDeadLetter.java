package io.tally.revenue.deadletter;

import java.time.Instant;
import java.util.UUID;

/**
 * What the index learns from a record of the dead-letter topic: its position, what it
 * carried (when the headers or the bytes say) and why it failed (Spring's
 * {@code kafka_dlt-*} headers). Every field but the position may be null.
 *
 * @param position the record in the dead-letter topic
 * @param timestamp the record's timestamp in the dead-letter topic
 * @param key the record key as text (the invoice id)
 * @param invoiceId the invoice, from the key or else the decoded event
 * @param eventId the event's id
 * @param eventType the event's record name, e.g. {@code InvoiceCreated}
 * @param invoiceVersion the event's invoice version
 * @param valueSize the number of value bytes (null for a record without value)
 * @param original where the record was when it failed
 * @param originalTimestamp its timestamp there
 * @param exceptionClass class of the failure
 * @param exceptionMessage the failure's message
 * @param rootCauseClass class of the failure's innermost cause (null: the failure is its
 * own root)
 * @param rootCauseMessage that cause's message
 */
public record NewDeadLetter(RecordPosition position, Instant timestamp, String key, UUID invoiceId, String eventId,
		String eventType, Long invoiceVersion, Integer valueSize, RecordPosition original, Instant originalTimestamp,
		String exceptionClass, String exceptionMessage, String rootCauseClass, String rootCauseMessage) {

}
