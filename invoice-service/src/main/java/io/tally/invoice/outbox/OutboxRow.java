package io.tally.invoice.outbox;

import java.time.Instant;
import java.util.UUID;

/** One outbox row: the ready-to-send record and what its headers say. */
record OutboxRow(long id, String key, UUID eventId, String eventType, long invoiceVersion, byte[] payload,
		Instant createdAt) {

}
