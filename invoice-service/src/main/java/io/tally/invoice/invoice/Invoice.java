package io.tally.invoice.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An invoice aggregate; {@code version} is the optimistic-lock column and the
 * {@code invoiceVersion} of its events.
 */
@Table("invoice")
public record Invoice(@Id UUID id, UUID customerId, long amountMinor, String currency, InvoiceStatus status,
		LocalDate issueDate, Instant paidAt, @Version long version, Instant createdAt, Instant updatedAt) {

	/** A new, not yet stored invoice; the repository assigns version 1 on insert. */
	static Invoice create(UUID id, InvoiceState state, Instant now) {
		return new Invoice(id, state.customerId(), state.amountMinor(), state.currency(), state.status(),
				state.issueDate(), state.paidAt(), 0, now, now);
	}

	public InvoiceState state() {
		return new InvoiceState(this.customerId, this.amountMinor, this.currency, this.status, this.issueDate,
				this.paidAt);
	}

	/**
	 * The invoice with {@code next} as its content, or empty when nothing would change.
	 */
	Optional<Invoice> replacedBy(InvoiceState next, Instant now) {
		if (next.equals(state())) {
			return Optional.empty();
		}
		return Optional.of(new Invoice(this.id, next.customerId(), next.amountMinor(), next.currency(), next.status(),
				next.issueDate(), next.paidAt(), this.version, this.createdAt, now));
	}

	/** The invoice marked paid at {@code paidAt}, or empty when it is already paid. */
	Optional<Invoice> paid(Instant paidAt, Instant now) {
		if (this.status == InvoiceStatus.PAID) {
			return Optional.empty();
		}
		return replacedBy(new InvoiceState(this.customerId, this.amountMinor, this.currency, InvoiceStatus.PAID,
				this.issueDate, paidAt), now);
	}

	/**
	 * The last state of a deleted invoice: the deletion is a change of its own, one
	 * version later.
	 */
	Invoice deleted(Instant now) {
		return new Invoice(this.id, this.customerId, this.amountMinor, this.currency, this.status, this.issueDate,
				this.paidAt, this.version + 1, this.createdAt, now);
	}

}
