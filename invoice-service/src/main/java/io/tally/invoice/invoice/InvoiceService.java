package io.tally.invoice.invoice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

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
 * Manages invoices: every change is stored together with exactly one event in one
 * transaction; a change that would alter nothing stores nothing.
 */
@Service
class InvoiceService {

	private static final Logger log = LoggerFactory.getLogger(InvoiceService.class);

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

	private final Invoices invoices;

	private final IdempotencyKeys idempotencyKeys;

	private final InvoiceEventRecorder events;

	private final TransactionOperations transactions;

	private final Clock clock;

	InvoiceService(Invoices invoices, IdempotencyKeys idempotencyKeys, InvoiceEventRecorder events,
			TransactionOperations transactions, Clock clock) {
		this.invoices = invoices;
		this.idempotencyKeys = idempotencyKeys;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Creates an invoice, or returns the one an earlier request with the same
	 * Idempotency-Key created.
	 */
	CreateResult create(NewInvoice request, String idempotencyKey) {
		if (idempotencyKey == null) {
			return new CreateResult(this.transactions.execute((tx) -> insert(request, null)), false);
		}
		String fingerprint = request.fingerprint();
		try {
			return this.transactions.execute((tx) -> {
				Optional<CreateResult> replay = replay(idempotencyKey, fingerprint);
				return replay.orElseGet(() -> new CreateResult(
						insert(request, new IdempotencyKey(idempotencyKey, null, fingerprint, now())), false));
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

	private Invoice insert(NewInvoice request, IdempotencyKey key) {
		Instant now = now();
		InvoiceStatus status = (request.status() != null) ? request.status() : InvoiceStatus.PENDING;
		Instant paidAt = (status == InvoiceStatus.PAID) ? ((request.paidAt() != null) ? millis(request.paidAt()) : now)
				: null;
		LocalDate issueDate = (request.issueDate() != null) ? request.issueDate()
				: LocalDate.ofInstant(now, ZoneOffset.UTC);
		String currency = (request.currency() != null) ? request.currency() : "USD";
		UUID id = UUID.randomUUID();
		if (key != null) {
			// Inserted first: a concurrent twin blocks on the unique key and then fails
			// instead of creating twice.
			this.idempotencyKeys.save(new IdempotencyKey(key.key(), id, key.requestHash(), key.createdAt()));
		}
		Invoice created = this.invoices.save(Invoice.create(id,
				new InvoiceState(request.customerId(), request.amountMinor(), currency, status, issueDate, paidAt),
				now));
		recorded(new InvoiceEvent.Created(UUID.randomUUID(), now, created));
		return created;
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
	 * Replaces the content of an invoice. Becoming PAID sets paidAt (given, else kept if
	 * already paid, else now); becoming PENDING clears it. Identical content changes
	 * nothing.
	 */
	Invoice replace(UUID id, ReplaceInvoice request, Long expectedVersion) {
		return changeOptimistically(id, expectedVersion, () -> this.transactions.execute((tx) -> {
			Invoice current = load(id, expectedVersion);
			Instant now = now();
			Instant paidAt = null;
			if (request.status() == InvoiceStatus.PAID) {
				paidAt = (request.paidAt() != null) ? millis(request.paidAt())
						: (current.paidAt() != null) ? current.paidAt() : now;
			}
			InvoiceState next = new InvoiceState(request.customerId(), request.amountMinor(), request.currency(),
					request.status(), request.issueDate(), paidAt);
			return current.replacedBy(next, now).map((changed) -> {
				Invoice saved = this.invoices.save(changed);
				recorded(new InvoiceEvent.Updated(UUID.randomUUID(), now, saved));
				return saved;
			}).orElse(current);
		}));
	}

	/** Marks an invoice paid; an already paid invoice stays as it is. */
	Invoice pay(UUID id, Instant paidAt) {
		return changeOptimistically(id, null, () -> this.transactions.execute((tx) -> {
			Invoice current = load(id, null);
			Instant now = now();
			return current.paid((paidAt != null) ? millis(paidAt) : now, now).map((changed) -> {
				Invoice saved = this.invoices.save(changed);
				recorded(new InvoiceEvent.Paid(UUID.randomUUID(), now, saved));
				return saved;
			}).orElse(current);
		}));
	}

	void delete(UUID id) {
		changeOptimistically(id, null, () -> this.transactions.execute((tx) -> {
			Invoice current = load(id, null);
			this.invoices.delete(current);
			Invoice last = current.deleted(now());
			recorded(new InvoiceEvent.Deleted(UUID.randomUUID(), last.updatedAt(), last));
			return last;
		}));
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

	private Invoice changeOptimistically(UUID id, Long expectedVersion, Supplier<Invoice> change) {
		try {
			return change.get();
		}
		catch (OptimisticLockingFailureException ex) {
			// Someone committed a change after our read: never overwrite it silently.
			if (expectedVersion != null) {
				throw new InvoiceVersionMismatch(id, expectedVersion);
			}
			throw new InvoiceChangedConcurrently(id, ex);
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * Events carry millisecond timestamps; storing the same precision keeps API, database
	 * and events equal.
	 */
	private static Instant millis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

	/** The invoice a creation returns, and whether it is a replay of an earlier one. */
	record CreateResult(Invoice invoice, boolean replayed) {
	}

}
