package io.tally.invoice.outbox;

import java.time.Instant;
import java.util.UUID;

import io.tally.support.tracing.W3cTraceContext;

/**
 * One outbox row: the ready-to-send record, what its headers say, and the trace context
 * of the request that wrote it.
 */
record OutboxRow(long id, String key, UUID eventId, String eventType, long invoiceVersion, byte[] payload,
		Instant createdAt, W3cTraceContext trace) {

}
