package io.tally.invoice.invoice;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Publishes an invoice's current state again, for operators repairing a consumer that
 * missed an event (the reconciliation names such invoices): a new event with a new id and
 * the invoice's current version, {@code InvoiceDeleted} for a deleted invoice, otherwise
 * {@code InvoiceUpdated}. Consumers holding that version already skip it.
 */
@Service
public class InvoiceRepublisher {

	private static final Logger log = LoggerFactory.getLogger(InvoiceRepublisher.class);

	private final Invoices invoices;

	private final DeletedInvoices deletedInvoices;

	private final InvoiceEventRecorder events;

	private final TransactionOperations transactions;

	private final Clock clock;

	InvoiceRepublisher(Invoices invoices, DeletedInvoices deletedInvoices, InvoiceEventRecorder events,
			TransactionOperations transactions, Clock clock) {
		this.invoices = invoices;
		this.deletedInvoices = deletedInvoices;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Writes the event to the outbox (in a transaction that reads the current state);
	 * empty when no invoice with that id ever existed (or it was deleted before
	 * tombstones were kept).
	 */
	public Optional<Republished> republish(UUID invoiceId) {
		return this.transactions.execute((tx) -> {
			Optional<InvoiceEvent> event = this.invoices.findById(invoiceId)
				.<InvoiceEvent>map((invoice) -> new InvoiceEvent.Updated(UUID.randomUUID(), now(), invoice))
				.or(() -> this.deletedInvoices.findById(invoiceId)
					.map((deleted) -> new InvoiceEvent.Deleted(UUID.randomUUID(), now(), deleted.lastState())));
			event.ifPresent((republished) -> {
				this.events.record(republished);
				log.atInfo()
					.addKeyValue("invoiceId", invoiceId)
					.addKeyValue("invoiceVersion", republished.invoice().version())
					.addKeyValue("eventId", republished.eventId())
					.log("Invoice {} republished at version {} ({})", invoiceId, republished.invoice().version(),
							republished.kind());
			});
			return event.map((republished) -> new Republished(invoiceId, republished.invoice().version(),
					republished.kind() == InvoiceEvent.Kind.DELETED));
		});
	}

	private java.time.Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * What was published again.
	 *
	 * @param invoiceId the invoice
	 * @param version its current version, carried by the event
	 * @param deleted whether it was deleted (an {@code InvoiceDeleted} event)
	 */
	public record Republished(UUID invoiceId, long version, boolean deleted) {
	}

}
