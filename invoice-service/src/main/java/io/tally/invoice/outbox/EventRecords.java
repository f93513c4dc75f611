package io.tally.invoice.outbox;

import io.tally.events.InvoiceStatus;
import io.tally.events.invoice.InvoiceEventData;
import io.tally.events.invoice.InvoiceEventType;
import io.tally.invoice.invoice.Invoice;
import io.tally.invoice.invoice.InvoiceEvent;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one place where domain events become wire records (Avro classes of event-schemas,
 * whose shared fields {@link InvoiceEventData} lists).
 */
final class EventRecords {

	private EventRecords() {
	}

	/**
	 * The record of an event; {@code changedBy} is whoever made this change, i.e. the
	 * invoice's {@code updatedBy} after it.
	 */
	static SpecificRecord toAvro(InvoiceEvent event) {
		Invoice invoice = event.invoice();
		return new InvoiceEventData(event.eventId().toString(), event.occurredAt(), invoice.id().toString(),
				invoice.version(), invoice.customerId().toString(), invoice.amountMinor(), invoice.currency(),
				InvoiceStatus.valueOf(invoice.status().name()), invoice.issueDate(), invoice.paidAt(),
				invoice.updatedBy())
			.toRecord(type(event));
	}

	/**
	 * Exhaustive: a new {@link InvoiceEvent.Kind} does not compile until it is mapped
	 * here.
	 */
	static InvoiceEventType type(InvoiceEvent event) {
		return switch (event.kind()) {
			case CREATED -> InvoiceEventType.CREATED;
			case UPDATED -> InvoiceEventType.UPDATED;
			case PAID -> InvoiceEventType.PAID;
			case DELETED -> InvoiceEventType.DELETED;
		};
	}

}
