package io.tally.invoice.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The JSON form of an invoice; {@code createdBy}/{@code updatedBy} are token subjects
 * (opaque ids), null where unknown.
 */
record InvoiceResource(UUID id, UUID customerId, long amountMinor, String currency, InvoiceStatus status,
		LocalDate issueDate, Instant paidAt, long version, Instant createdAt, Instant updatedAt, String createdBy,
		String updatedBy) {

	static InvoiceResource of(Invoice invoice) {
		return new InvoiceResource(invoice.id(), invoice.customerId(), invoice.amountMinor(), invoice.currency(),
				invoice.status(), invoice.issueDate(), invoice.paidAt(), invoice.version(), invoice.createdAt(),
				invoice.updatedAt(), invoice.createdBy(), invoice.updatedBy());
	}

	/** The JSON form of a page of invoices. */
	record Page(List<InvoiceResource> content, int page, int size, long totalElements) {

		static Page of(InvoicePage page) {
			return new Page(page.content().stream().map(InvoiceResource::of).toList(), page.page(), page.size(),
					page.totalElements());
		}

	}

}
