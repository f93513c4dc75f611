package io.tally.invoice.invoice;

import java.time.Instant;
import java.util.UUID;

/**
 * A change that happened to an invoice, carrying the full invoice state after the change.
 * Sealed: the wire mapping switches over {@link #kind()} exhaustively, so a new event
 * type cannot be forgotten there.
 */
public sealed interface InvoiceEvent {

	UUID eventId();

	Instant occurredAt();

	/** The invoice after the change; its version is the event's invoice version. */
	Invoice invoice();

	/**
	 * The kind of this event. Java 17 has no pattern-matching switch, so the sealed
	 * hierarchy exposes its case as an enum; a switch expression over it without
	 * {@code default} is checked for exhaustiveness by the compiler.
	 */
	Kind kind();

	/** One constant per permitted subtype. */
	enum Kind {

		CREATED, UPDATED, PAID, DELETED

	}

	/** An invoice was created (version 1). */
	record Created(UUID eventId, Instant occurredAt, Invoice invoice) implements InvoiceEvent {
		@Override
		public Kind kind() {
			return Kind.CREATED;
		}
	}

	/** An invoice was replaced by different content. */
	record Updated(UUID eventId, Instant occurredAt, Invoice invoice) implements InvoiceEvent {
		@Override
		public Kind kind() {
			return Kind.UPDATED;
		}
	}

	/** An invoice was marked paid. */
	record Paid(UUID eventId, Instant occurredAt, Invoice invoice) implements InvoiceEvent {
		@Override
		public Kind kind() {
			return Kind.PAID;
		}
	}

	/** An invoice was deleted; carries its last state one version later. */
	record Deleted(UUID eventId, Instant occurredAt, Invoice invoice) implements InvoiceEvent {
		@Override
		public Kind kind() {
			return Kind.DELETED;
		}
	}

}
