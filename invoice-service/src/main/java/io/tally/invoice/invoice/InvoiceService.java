package io.tally.invoice.invoice;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Manages invoices: orchestrates transactions, Idempotency-Keys and persistence, while
 * the {@link Invoice} aggregate decides each change and its event. Every change is stored
 * together with exactly one event in one transaction; a change that would alter nothing
 * stores nothing.
 */
@Service
class InvoiceService {

	private static final Logger log = LoggerFactory.getLogger(InvoiceService.class);

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

	private final Invoices invoices;

	private final InvoiceInsert inserts;

	private final IdempotencyKeys idempotencyKeys;

	private final DeletedInvoices deletedInvoices;

	private final InvoiceEventRecorder events;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final CurrentActor actor;

	InvoiceService(Invoices invoices, InvoiceInsert inserts, IdempotencyKeys idempotencyKeys,
			DeletedInvoices deletedInvoices, InvoiceEventRecorder events, TransactionOperations transactions,
			Clock clock, CurrentActor actor) {
		this.invoices = invoices;
		this.inserts = inserts;
		this.idempotencyKeys = idempotencyKeys;
		this.deletedInvoices = deletedInvoices;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		this.actor = actor;
	}

	/**
	 * Creates an invoice, or returns the one an earlier request with the same
	 * Idempotency-Key created.
	 */
	CreateResult create(InvoiceDetails request, String idempotencyKey) {
		Invoice.checkCreation(request, this.clock.instant());
		if (idempotencyKey == null) {
			return new CreateResult(this.transactions.execute((tx) -> insert(request, null)), false);
		}
		String fingerprint = request.fingerprint();
		try {
			return this.transactions.execute((tx) -> {
				Optional<CreateResult> replay = replay(idempotencyKey, fingerprint);
				return replay.orElseGet(() -> new CreateResult(insert(request, new IdempotencyKey(idempotencyKey, null,
						fingerprint, this.clock.instant().truncatedTo(ChronoUnit.MILLIS))), false));
			});
		}
		catch (DuplicateKeyException ex) {
			// A concurrent request with the same key won the race; its transaction has
			// committed by now.
			return this.transactions.execute((tx) -> replay(idempotencyKey, fingerprint)).orElseThrow(() -> ex);
		}
	}

	private Optional<CreateResult> replay(String idempotencyKey, String fingerprint) {
		return this.idempotencyKeys.findById(idempotencyKey).map((key) -> {
			if (!key.requestHash().equals(fingerprint)) {
				throw new IdempotencyKeyReused();
			}
			Invoice invoice = this.invoices.findById(key.invoiceId())
				.orElseThrow(() -> new InvoiceNotFound(key.invoiceId()));
			log.atInfo()
				.addKeyValue("invoiceId", invoice.id())
				.log("Replayed creation of invoice {} for a repeated Idempotency-Key", invoice.id());
			return new CreateResult(invoice, true);
		});
	}

	private Invoice insert(InvoiceDetails request, IdempotencyKey key) {
		InvoiceEvent.Created created = Invoice.create(request, this.clock.instant(), actor());
		if (key != null) {
			// Inserted first: a concurrent twin blocks on the unique key and then fails
			// instead of creating twice.
			this.idempotencyKeys
				.save(new IdempotencyKey(key.key(), created.invoice().id(), key.requestHash(), key.createdAt()));
		}
		return store(created);
	}

	Invoice get(UUID id) {
		return this.invoices.findById(id).orElseThrow(() -> new InvoiceNotFound(id));
	}

	InvoicePage list(UUID customerId, InvoiceStatus status, int page, int size) {
		PageRequest pageable = PageRequest.of(page, size, NEWEST_FIRST);
		Page<Invoice> result;
		if (customerId != null && status != null) {
			result = this.invoices.findByCustomerIdAndStatus(customerId, status, pageable);
		}
		else if (customerId != null) {
			result = this.invoices.findByCustomerId(customerId, pageable);
		}
		else if (status != null) {
			result = this.invoices.findByStatus(status, pageable);
		}
		else {
			result = this.invoices.findAll(pageable);
		}
		return new InvoicePage(result.getContent(), page, size, result.getTotalElements());
	}

	/**
	 * Replaces the content of an invoice (rules: {@link Invoice#replace}); identical
	 * content changes nothing.
	 */
	Invoice replace(UUID id, InvoiceDetails request, Long expectedVersion) {
		// a broken request is refused before the invoice is even looked up
		Invoice.checkReplacement(request, this.clock.instant());
		return change(id, expectedVersion, (current) -> current.replace(request, this.clock.instant(), actor()));
	}

	/**
	 * Marks an invoice paid; an already paid invoice stays as it is. With
	 * {@code expectedVersion}, only if the invoice is still at that version.
	 */
	Invoice pay(UUID id, Instant paidAt, Long expectedVersion) {
		Invoice.checkPayment(paidAt, this.clock.instant());
		return change(id, expectedVersion, (current) -> current.pay(paidAt, this.clock.instant(), actor()));
	}

	/**
	 * Deletes an invoice; with {@code expectedVersion}, only if it is still at that
	 * version.
	 */
	void delete(UUID id, Long expectedVersion) {
		change(id, expectedVersion, (current) -> Optional.of(current.delete(this.clock.instant(), actor())));
	}

	/** Who makes the change (nullable); read on the request's thread. */
	private String actor() {
		return this.actor.id().orElse(null);
	}

	/**
	 * Loads the invoice, lets it decide the change and stores the change with its event,
	 * all in one transaction; no change stores nothing.
	 */
	private Invoice change(UUID id, Long expectedVersion, Function<Invoice, Optional<InvoiceEvent>> decision) {
		try {
			return this.transactions.execute((tx) -> {
				Invoice current = load(id, expectedVersion);
				return decision.apply(current).map(this::store).orElse(current);
			});
		}
		catch (OptimisticLockingFailureException ex) {
			// Someone committed a change after our read: never overwrite it silently.
			if (expectedVersion != null) {
				throw new InvoiceVersionMismatch(id, expectedVersion);
			}
			throw new InvoiceChangedConcurrently(id, ex);
		}
	}

	/**
	 * Stores the invoice as the event left it, and the event with it. A new invoice is
	 * inserted as it is; for a change the repository's optimistic lock bumps the version
	 * itself, so it is handed the version the change started from.
	 */
	private Invoice store(InvoiceEvent event) {
		Invoice before = event.invoice().atVersion(event.invoice().version() - 1);
		Invoice stored = switch (event.kind()) {
			case CREATED -> {
				this.inserts.insert(event.invoice());
				yield event.invoice();
			}
			case UPDATED, PAID -> this.invoices.save(before);
			case DELETED -> {
				this.invoices.delete(before);
				// the tombstone keeps the deletion visible to the reconciliation digest
				this.deletedInvoices.save(DeletedInvoice.of((InvoiceEvent.Deleted) event));
				yield event.invoice();
			}
		};
		recorded(event);
		return stored;
	}

	/**
	 * Hands the event to the outbox and logs the change by ids only, never the content.
	 */
	private void recorded(InvoiceEvent event) {
		this.events.record(event);
		log.atInfo()
			.addKeyValue("invoiceId", event.invoice().id())
			.addKeyValue("invoiceVersion", event.invoice().version())
			.addKeyValue("eventId", event.eventId())
			.addKeyValue("eventType", event.kind())
			.log("Invoice {} {} at version {}", event.invoice().id(), event.kind().name().toLowerCase(Locale.ROOT),
					event.invoice().version());
	}

	private Invoice load(UUID id, Long expectedVersion) {
		Invoice current = get(id);
		if (expectedVersion != null && current.version() != expectedVersion) {
			throw new InvoiceVersionMismatch(id, expectedVersion, current.version());
		}
		return current;
	}

	/** The invoice a creation returns, and whether it is a replay of an earlier one. */
	record CreateResult(Invoice invoice, boolean replayed) {
	}

}
