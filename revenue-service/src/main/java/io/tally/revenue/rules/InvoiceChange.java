package io.tally.revenue.rules;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One change of an invoice as delivered by the event stream: the full state after the
 * change.
 *
 * @param eventId id of the event that carried the change
 * @param type what happened
 * @param occurredAt when invoice-service committed the change
 * @param state the invoice state after the change
 */
public record InvoiceChange(UUID eventId, ChangeType type, Instant occurredAt, InvoiceState state) {

	public InvoiceChange {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(state, "state");
	}

	/** The invoice this change belongs to. */
	public UUID invoiceId() {
		return this.state.invoiceId();
	}

	/** The invoice version after the change. */
	public long version() {
		return this.state.version();
	}

}
