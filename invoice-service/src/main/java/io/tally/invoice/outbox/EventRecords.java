package io.tally.invoice.outbox;

import java.time.Instant;
import java.time.LocalDate;

import io.tally.events.InvoiceCreated;
import io.tally.events.InvoiceDeleted;
import io.tally.events.InvoicePaid;
import io.tally.events.InvoiceStatus;
import io.tally.events.InvoiceUpdated;
import io.tally.invoice.invoice.Invoice;
import io.tally.invoice.invoice.InvoiceEvent;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one place where domain events become wire records (Avro classes of event-schemas).
 */
final class EventRecords {

	private EventRecords() {
	}

	/**
	 * Exhaustive: a new {@link InvoiceEvent.Kind} does not compile until it is mapped
	 * here.
	 */
	static SpecificRecord toAvro(InvoiceEvent event) {
		// the four records share one field list: pick the type, fill the fields once
		RecordConstructor type = switch (event.kind()) {
			case CREATED -> InvoiceCreated::new;
			case UPDATED -> InvoiceUpdated::new;
			case PAID -> InvoicePaid::new;
			case DELETED -> InvoiceDeleted::new;
		};
		Invoice invoice = event.invoice();
		return type.create(event.eventId().toString(), event.occurredAt(), invoice.id().toString(), invoice.version(),
				invoice.customerId().toString(), invoice.amountMinor(), invoice.currency(),
				InvoiceStatus.valueOf(invoice.status().name()), invoice.issueDate(), invoice.paidAt());
	}

	/**
	 * The all-arguments constructor every generated invoice event has, in schema field
	 * order.
	 */
	@FunctionalInterface
	private interface RecordConstructor {

		SpecificRecord create(String eventId, Instant occurredAt, String invoiceId, Long invoiceVersion,
				String customerId, Long amountMinor, String currency, InvoiceStatus status, LocalDate issueDate,
				Instant paidAt);

	}

	/** The {@code eventType} header: the record's simple name, as consumers see it. */
	static String eventType(InvoiceEvent event) {
		return switch (event.kind()) {
			case CREATED -> "InvoiceCreated";
			case UPDATED -> "InvoiceUpdated";
			case PAID -> "InvoicePaid";
			case DELETED -> "InvoiceDeleted";
		};
	}

}
