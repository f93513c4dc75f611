package io.tally.invoice.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.tally.support.validation.DateWindow;
import io.tally.support.validation.FieldViolation;
import io.tally.support.validation.InvalidRequest;
import io.tally.support.validation.Money;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An invoice aggregate and the one home of its rules: defaults, validation (money and
 * dates as service-support's {@link Money} and {@link DateWindow} define them), the
 * {@code paidAt} rules and the transitions, each of which raises the event it makes.
 * {@code version} is the optimistic-lock column and the {@code invoiceVersion} of the
 * events: 1 on creation, +1 per change.
 */
@Table("invoice")
public record Invoice(@Id UUID id, UUID customerId, long amountMinor, String currency, InvoiceStatus status,
		LocalDate issueDate, Instant paidAt, @Version long version, Instant createdAt, Instant updatedAt) {

	/** Currency of a creation that names none. */
	static final String DEFAULT_CURRENCY = "USD";

	public Invoice {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(currency, "currency");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(issueDate, "issueDate");
		if ((status == InvoiceStatus.PAID) != (paidAt != null)) {
			throw new IllegalArgumentException("paidAt must be set exactly when the invoice is PAID");
		}
	}

	/**
	 * Creates an invoice. Defaults: currency USD, status PENDING, issue date today (UTC);
	 * a PAID invoice without {@code paidAt} was paid now.
	 * @throws InvalidRequest listing every rule the request breaks
	 */
	static InvoiceEvent.Created create(InvoiceDetails request, Instant now) {
		checkCreation(request, now);
		Instant at = millis(now);
		InvoiceStatus status = (request.status() != null) ? request.status() : InvoiceStatus.PENDING;
		Invoice created = new Invoice(UUID.randomUUID(), request.customerId(), request.amountMinor(),
				(request.currency() != null) ? request.currency() : DEFAULT_CURRENCY, status,
				(request.issueDate() != null) ? request.issueDate() : LocalDate.ofInstant(at, ZoneOffset.UTC),
				paidAt(status, request.paidAt(), null, at), 1, at, at);
		return new InvoiceEvent.Created(UUID.randomUUID(), at, created);
	}

	/**
	 * Replaces the content. Becoming PAID sets {@code paidAt} (given, else kept if
	 * already paid, else now); PENDING clears it. Identical content is no change: empty.
	 * @throws InvalidRequest listing every rule the request breaks
	 */
	Optional<InvoiceEvent> replace(InvoiceDetails request, Instant now) {
		checkReplacement(request, now);
		Instant at = millis(now);
		Invoice next = new Invoice(this.id, request.customerId(), request.amountMinor(), request.currency(),
				request.status(), request.issueDate(), paidAt(request.status(), request.paidAt(), this.paidAt, at),
				this.version + 1, this.createdAt, at);
		if (next.hasContentOf(this)) {
			return Optional.empty();
		}
		return Optional.of(new InvoiceEvent.Updated(UUID.randomUUID(), at, next));
	}

	/**
	 * Marks the invoice paid at {@code paidAt} (null: now); paying a paid invoice is no
	 * change: empty.
	 * @throws InvalidRequest if {@code paidAt} lies in the future
	 */
	Optional<InvoiceEvent> pay(Instant paidAt, Instant now) {
		checkPayment(paidAt, now);
		if (this.status == InvoiceStatus.PAID) {
			return Optional.empty();
		}
		Instant at = millis(now);
		Invoice next = new Invoice(this.id, this.customerId, this.amountMinor, this.currency, InvoiceStatus.PAID,
				this.issueDate, paidAt(InvoiceStatus.PAID, paidAt, null, at), this.version + 1, this.createdAt, at);
		return Optional.of(new InvoiceEvent.Paid(UUID.randomUUID(), at, next));
	}

	/**
	 * Deletes the invoice: the deletion is a change of its own, carrying the last state
	 * one version later.
	 */
	InvoiceEvent delete(Instant now) {
		Instant at = millis(now);
		return new InvoiceEvent.Deleted(UUID.randomUUID(), at, new Invoice(this.id, this.customerId, this.amountMinor,
				this.currency, this.status, this.issueDate, this.paidAt, this.version + 1, this.createdAt, at));
	}

	/**
	 * The same invoice at another version (what the repository's optimistic lock
	 * expects).
	 */
	Invoice atVersion(long otherVersion) {
		return new Invoice(this.id, this.customerId, this.amountMinor, this.currency, this.status, this.issueDate,
				this.paidAt, otherVersion, this.createdAt, this.updatedAt);
	}

	/**
	 * Checks a creation request against the rules without touching anything.
	 * @throws InvalidRequest listing every rule it breaks
	 */
	static void checkCreation(InvoiceDetails request, Instant now) {
		List<FieldViolation> errors = new ArrayList<>();
		required(errors, "customerId", request.customerId());
		checkAmount(errors, request.amountMinor());
		if (request.currency() != null) {
			checkCurrency(errors, request.currency());
		}
		if (request.issueDate() != null) {
			checkIssueDate(errors, request.issueDate());
		}
		checkPaidAt(errors, (request.status() != null) ? request.status() : InvoiceStatus.PENDING, request.paidAt(),
				now);
		reject(errors);
	}

	/**
	 * Checks a replacement request (every field but {@code paidAt} is required) without
	 * touching anything.
	 * @throws InvalidRequest listing every rule it breaks
	 */
	static void checkReplacement(InvoiceDetails request, Instant now) {
		List<FieldViolation> errors = new ArrayList<>();
		required(errors, "customerId", request.customerId());
		checkAmount(errors, request.amountMinor());
		if (required(errors, "currency", request.currency())) {
			checkCurrency(errors, request.currency());
		}
		required(errors, "status", request.status());
		if (required(errors, "issueDate", request.issueDate())) {
			checkIssueDate(errors, request.issueDate());
		}
		if (request.status() != null) {
			checkPaidAt(errors, request.status(), request.paidAt(), now);
		}
		reject(errors);
	}

	/**
	 * Checks the time of a payment without touching anything.
	 * @throws InvalidRequest if it lies in the future
	 */
	static void checkPayment(Instant paidAt, Instant now) {
		List<FieldViolation> errors = new ArrayList<>();
		checkPaidAt(errors, InvoiceStatus.PAID, paidAt, now);
		reject(errors);
	}

	private boolean hasContentOf(Invoice other) {
		return this.customerId.equals(other.customerId) && this.amountMinor == other.amountMinor
				&& this.currency.equals(other.currency) && this.status == other.status
				&& this.issueDate.equals(other.issueDate) && Objects.equals(this.paidAt, other.paidAt);
	}

	/** PAID: given (in milliseconds), else kept, else now; PENDING: none. */
	private static Instant paidAt(InvoiceStatus status, Instant given, Instant kept, Instant now) {
		if (status != InvoiceStatus.PAID) {
			return null;
		}
		if (given != null) {
			return millis(given);
		}
		return (kept != null) ? kept : now;
	}

	/**
	 * Events carry millisecond timestamps; storing the same precision keeps API, database
	 * and events equal.
	 */
	private static Instant millis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

	private static boolean required(List<FieldViolation> errors, String field, Object value) {
		if (value == null) {
			errors.add(new FieldViolation(field, "is required"));
			return false;
		}
		return true;
	}

	private static void checkAmount(List<FieldViolation> errors, Long amountMinor) {
		if (required(errors, "amountMinor", amountMinor) && !Money.isValidAmount(amountMinor)) {
			errors.add(new FieldViolation("amountMinor", "must be between 1 and " + Money.MAX_AMOUNT_MINOR));
		}
	}

	private static void checkCurrency(List<FieldViolation> errors, String currency) {
		if (!Money.isKnownCurrency(currency)) {
			errors.add(new FieldViolation("currency", "must be a known ISO 4217 currency code"));
		}
	}

	private static void checkIssueDate(List<FieldViolation> errors, LocalDate issueDate) {
		if (!DateWindow.contains(issueDate)) {
			errors.add(new FieldViolation("issueDate", DateWindow.MESSAGE));
		}
	}

	private static void checkPaidAt(List<FieldViolation> errors, InvoiceStatus status, Instant paidAt, Instant now) {
		if (paidAt == null) {
			return;
		}
		if (status != InvoiceStatus.PAID) {
			errors.add(new FieldViolation("paidAt", "is only allowed when status is PAID"));
		}
		else if (!DateWindow.contains(paidAt)) {
			errors.add(new FieldViolation("paidAt", DateWindow.MESSAGE));
		}
		else if (paidAt.isAfter(now)) {
			errors.add(new FieldViolation("paidAt", "must not be in the future"));
		}
	}

	private static void reject(List<FieldViolation> errors) {
		if (!errors.isEmpty()) {
			throw new InvalidRequest(errors);
		}
	}

}
