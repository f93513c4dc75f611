package io.tally.invoice.outbox;

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
		Invoice invoice = event.invoice();
		String eventId = event.eventId().toString();
		String invoiceId = invoice.id().toString();
		String customerId = invoice.customerId().toString();
		InvoiceStatus status = InvoiceStatus.valueOf(invoice.status().name());
		return switch (event.kind()) {
			case CREATED -> InvoiceCreated.newBuilder()
				.setEventId(eventId)
				.setOccurredAt(event.occurredAt())
				.setInvoiceId(invoiceId)
				.setInvoiceVersion(invoice.version())
				.setCustomerId(customerId)
				.setAmountMinor(invoice.amountMinor())
				.setCurrency(invoice.currency())
				.setStatus(status)
				.setIssueDate(invoice.issueDate())
				.setPaidAt(invoice.paidAt())
				.build();
			case UPDATED -> InvoiceUpdated.newBuilder()
				.setEventId(eventId)
				.setOccurredAt(event.occurredAt())
				.setInvoiceId(invoiceId)
				.setInvoiceVersion(invoice.version())
				.setCustomerId(customerId)
				.setAmountMinor(invoice.amountMinor())
				.setCurrency(invoice.currency())
				.setStatus(status)
				.setIssueDate(invoice.issueDate())
				.setPaidAt(invoice.paidAt())
				.build();
			case PAID -> InvoicePaid.newBuilder()
				.setEventId(eventId)
				.setOccurredAt(event.occurredAt())
				.setInvoiceId(invoiceId)
				.setInvoiceVersion(invoice.version())
				.setCustomerId(customerId)
				.setAmountMinor(invoice.amountMinor())
				.setCurrency(invoice.currency())
				.setStatus(status)
				.setIssueDate(invoice.issueDate())
				.setPaidAt(invoice.paidAt())
				.build();
			case DELETED -> InvoiceDeleted.newBuilder()
				.setEventId(eventId)
				.setOccurredAt(event.occurredAt())
				.setInvoiceId(invoiceId)
				.setInvoiceVersion(invoice.version())
				.setCustomerId(customerId)
				.setAmountMinor(invoice.amountMinor())
				.setCurrency(invoice.currency())
				.setStatus(status)
				.setIssueDate(invoice.issueDate())
				.setPaidAt(invoice.paidAt())
				.build();
		};
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
