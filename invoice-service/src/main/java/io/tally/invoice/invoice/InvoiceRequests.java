package io.tally.invoice.invoice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Request bodies of the invoice API and the validation rules of api.md, checked in one
 * place.
 */
final class InvoiceRequests {

	static final long MAX_AMOUNT_MINOR = 10_000_000_000_000L;

	private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies()
		.stream()
		.map(Currency::getCurrencyCode)
		.collect(Collectors.toUnmodifiableSet());

	private InvoiceRequests() {
	}

	/** Body of {@code POST /api/invoices}. */
	record Create(UUID customerId, Long amountMinor, String currency, InvoiceStatus status, LocalDate issueDate,
			Instant paidAt) {

		NewInvoice validated(Clock clock) {
			List<FieldViolation> errors = new ArrayList<>();
			required(errors, "customerId", this.customerId);
			checkAmount(errors, this.amountMinor);
			if (this.currency != null) {
				checkCurrency(errors, this.currency);
			}
			checkPaidAt(errors, (this.status != null) ? this.status : InvoiceStatus.PENDING, this.paidAt, clock);
			check(errors);
			return new NewInvoice(this.customerId, this.amountMinor, this.currency, this.status, this.issueDate,
					this.paidAt);
		}

	}

	/** Body of {@code PUT /api/invoices/{id}}. */
	record Replace(UUID customerId, Long amountMinor, String currency, InvoiceStatus status, LocalDate issueDate,
			Instant paidAt) {

		ReplaceInvoice validated(Clock clock) {
			List<FieldViolation> errors = new ArrayList<>();
			required(errors, "customerId", this.customerId);
			checkAmount(errors, this.amountMinor);
			if (required(errors, "currency", this.currency)) {
				checkCurrency(errors, this.currency);
			}
			required(errors, "status", this.status);
			required(errors, "issueDate", this.issueDate);
			if (this.status != null) {
				checkPaidAt(errors, this.status, this.paidAt, clock);
			}
			check(errors);
			return new ReplaceInvoice(this.customerId, this.amountMinor, this.currency, this.status, this.issueDate,
					this.paidAt);
		}

	}

	/** Optional body of {@code POST /api/invoices/{id}/payment}. */
	record Payment(Instant paidAt) {

		Instant validated(Clock clock) {
			List<FieldViolation> errors = new ArrayList<>();
			checkPaidAt(errors, InvoiceStatus.PAID, this.paidAt, clock);
			check(errors);
			return this.paidAt;
		}

	}

	private static boolean required(List<FieldViolation> errors, String field, Object value) {
		if (value == null) {
			errors.add(new FieldViolation(field, "is required"));
			return false;
		}
		return true;
	}

	private static void checkAmount(List<FieldViolation> errors, Long amountMinor) {
		if (required(errors, "amountMinor", amountMinor) && (amountMinor < 1 || amountMinor > MAX_AMOUNT_MINOR)) {
			errors.add(new FieldViolation("amountMinor", "must be between 1 and " + MAX_AMOUNT_MINOR));
		}
	}

	private static void checkCurrency(List<FieldViolation> errors, String currency) {
		if (!CURRENCIES.contains(currency)) {
			errors.add(new FieldViolation("currency", "must be a known ISO 4217 currency code"));
		}
	}

	private static void checkPaidAt(List<FieldViolation> errors, InvoiceStatus status, Instant paidAt, Clock clock) {
		if (paidAt == null) {
			return;
		}
		if (status != InvoiceStatus.PAID) {
			errors.add(new FieldViolation("paidAt", "is only allowed when status is PAID"));
		}
		else if (paidAt.isAfter(clock.instant())) {
			errors.add(new FieldViolation("paidAt", "must not be in the future"));
		}
	}

	private static void check(List<FieldViolation> errors) {
		if (!errors.isEmpty()) {
			throw new InvalidRequest(errors);
		}
	}

}
