package io.tally.invoice.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Persistable;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The last state of a deleted invoice at the version of its deletion: what its
 * {@code InvoiceDeleted} event carried, kept so that the event can be published again.
 */
@Table("deleted_invoice")
record DeletedInvoice(@Id UUID id, UUID customerId, long amountMinor, String currency, InvoiceStatus status,
		LocalDate issueDate, Instant paidAt, long version, Instant createdAt, Instant deletedAt, String createdBy,
		String deletedBy) implements Persistable<UUID> {

	/** The tombstone of a deletion. */
	static DeletedInvoice of(InvoiceEvent.Deleted deletion) {
		Invoice last = deletion.invoice();
		return new DeletedInvoice(last.id(), last.customerId(), last.amountMinor(), last.currency(), last.status(),
				last.issueDate(), last.paidAt(), last.version(), last.createdAt(), deletion.occurredAt(),
				last.createdBy(), last.updatedBy());
	}

	/** The invoice as its deletion event carried it. */
	Invoice lastState() {
		return new Invoice(this.id, this.customerId, this.amountMinor, this.currency, this.status, this.issueDate,
				this.paidAt, this.version, this.createdAt, this.deletedAt, this.createdBy, this.deletedBy);
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	/** Only ever inserted: an invoice is deleted once. */
	@Override
	public boolean isNew() {
		return true;
	}

}
