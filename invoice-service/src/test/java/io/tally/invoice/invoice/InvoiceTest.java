package io.tally.invoice.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.tally.support.validation.FieldViolation;
import io.tally.support.validation.InvalidRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InvoiceTest {

	private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

	private static final UUID CUSTOMER = UUID.randomUUID();

	private static final LocalDate ISSUED = LocalDate.parse("2026-11-02");

	private final Invoice stored = new Invoice(UUID.randomUUID(), CUSTOMER, 100, "USD", InvoiceStatus.PENDING, ISSUED,
			null, 3, T0, T0);

	private static InvoiceDetails replacement(long amount, InvoiceStatus status, Instant paidAt) {
		return new InvoiceDetails(CUSTOMER, amount, "USD", status, ISSUED, paidAt);
	}

	private static InvoiceDetails creation(Long amount, String currency, InvoiceStatus status, Instant paidAt) {
		return new InvoiceDetails(CUSTOMER, amount, currency, status, null, paidAt);
	}

	private static void assertRefused(ThrowingCallable request, String... fields) {
		assertThatExceptionOfType(InvalidRequest.class).isThrownBy(request)
			.satisfies((ex) -> assertThat(ex.errors()).extracting(FieldViolation::field).contains(fields));
	}

	@Test
	void creationFillsInTheDefaultsAndRaisesCreatedAtVersionOne() {
		InvoiceEvent.Created created = Invoice.create(new InvoiceDetails(CUSTOMER, 15795L, null, null, null, null),
				Instant.parse("2026-11-02T23:59:59.999999Z"));

		Invoice invoice = created.invoice();
		assertThat(invoice.currency()).isEqualTo("USD");
		assertThat(invoice.status()).isEqualTo(InvoiceStatus.PENDING);
		assertThat(invoice.issueDate()).isEqualTo(LocalDate.parse("2026-11-02"));
		assertThat(invoice.paidAt()).isNull();
		assertThat(invoice.version()).isEqualTo(1);
		assertThat(invoice.createdAt()).isEqualTo(Instant.parse("2026-11-02T23:59:59.999Z"));
		assertThat(created.occurredAt()).isEqualTo(invoice.createdAt());
	}

	@Test
	void aPaidCreationWithoutPaidAtWasPaidNow() {
		Invoice invoice = Invoice.create(creation(1L, "EUR", InvoiceStatus.PAID, null), T0).invoice();
		assertThat(invoice.paidAt()).isEqualTo(T0);
	}

	@Test
	void identicalContentIsNoChange() {
		assertThat(this.stored.replace(replacement(100, InvoiceStatus.PENDING, null), T0.plusSeconds(1))).isEmpty();
	}

	@Test
	void differentContentIsAnUpdateOneVersionLater() {
		InvoiceEvent updated = this.stored.replace(replacement(200, InvoiceStatus.PENDING, null), T0.plusSeconds(1))
			.orElseThrow();
		assertThat(updated.kind()).isEqualTo(InvoiceEvent.Kind.UPDATED);
		Invoice changed = updated.invoice();
		assertThat(changed.amountMinor()).isEqualTo(200);
		assertThat(changed.version()).isEqualTo(4);
		assertThat(changed.createdAt()).isEqualTo(T0);
		assertThat(changed.updatedAt()).isEqualTo(T0.plusSeconds(1));
	}

	@Test
	void becomingPaidSetsPaidAtGivenElseKeptElseNowAndPendingClearsIt() {
		Instant given = T0.minusSeconds(60);
		Invoice paid = this.stored.replace(replacement(100, InvoiceStatus.PAID, given), T0).orElseThrow().invoice();
		assertThat(paid.paidAt()).isEqualTo(given);
		Invoice kept = paid.replace(replacement(300, InvoiceStatus.PAID, null), T0.plusSeconds(5))
			.orElseThrow()
			.invoice();
		assertThat(kept.paidAt()).isEqualTo(given);
		assertThat(this.stored.replace(replacement(100, InvoiceStatus.PAID, null), T0).orElseThrow().invoice().paidAt())
			.isEqualTo(T0);
		assertThat(paid.replace(replacement(100, InvoiceStatus.PENDING, null), T0).orElseThrow().invoice().paidAt())
			.isNull();
	}

	@Test
	void payingSetsPaidAtAndPayingAgainIsNoChange() {
		InvoiceEvent event = this.stored.pay(T0, T0).orElseThrow();
		assertThat(event.kind()).isEqualTo(InvoiceEvent.Kind.PAID);
		Invoice paid = event.invoice();
		assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(paid.paidAt()).isEqualTo(T0);
		assertThat(paid.version()).isEqualTo(4);
		assertThat(paid.pay(T0.plusSeconds(5), T0.plusSeconds(5))).isEmpty();
	}

	@Test
	void deletionIsOneVersionLater() {
		InvoiceEvent deleted = this.stored.delete(T0);
		assertThat(deleted.kind()).isEqualTo(InvoiceEvent.Kind.DELETED);
		assertThat(deleted.invoice().version()).isEqualTo(4);
	}

	@Test
	void paidAtGoesWithPaidOnly() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new Invoice(UUID.randomUUID(), CUSTOMER, 1, "USD", InvoiceStatus.PENDING, ISSUED, T0, 1, T0, T0));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new Invoice(UUID.randomUUID(), CUSTOMER, 1, "USD", InvoiceStatus.PAID, ISSUED, null, 1, T0, T0));
	}

	@Test
	void everyEventKindIsItsOwnType() {
		Invoice invoice = this.stored;
		assertThat(new InvoiceEvent.Created(UUID.randomUUID(), T0, invoice).kind())
			.isEqualTo(InvoiceEvent.Kind.CREATED);
		assertThat(new InvoiceEvent.Updated(UUID.randomUUID(), T0, invoice).kind())
			.isEqualTo(InvoiceEvent.Kind.UPDATED);
		assertThat(new InvoiceEvent.Paid(UUID.randomUUID(), T0, invoice).kind()).isEqualTo(InvoiceEvent.Kind.PAID);
		assertThat(new InvoiceEvent.Deleted(UUID.randomUUID(), T0, invoice).kind())
			.isEqualTo(InvoiceEvent.Kind.DELETED);
	}

	@Test
	void rejectsUnknownCurrency() {
		assertRefused(() -> Invoice.create(creation(1L, "ABC", null, null), T0), "currency");
		assertRefused(() -> Invoice.create(creation(1L, "usd", null, null), T0), "currency");
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1, 10_000_000_000_001L })
	void rejectsAmountOutOfRange(long amount) {
		assertRefused(() -> Invoice.create(creation(amount, null, null, null), T0), "amountMinor");
		assertRefused(() -> this.stored.replace(replacement(amount, InvoiceStatus.PENDING, null), T0), "amountMinor");
	}

	@Test
	void acceptsAmountBounds() {
		assertThatCode(() -> Invoice.create(creation(1L, null, null, null), T0)).doesNotThrowAnyException();
		assertThatCode(() -> Invoice.create(creation(10_000_000_000_000L, null, null, null), T0))
			.doesNotThrowAnyException();
	}

	@Test
	void rejectsMissingRequiredFieldsAllAtOnce() {
		assertRefused(() -> Invoice.create(new InvoiceDetails(null, null, null, null, null, null), T0), "customerId",
				"amountMinor");
	}

	@Test
	void rejectsPaidAtInTheFuture() {
		assertRefused(() -> Invoice.create(creation(1L, null, InvoiceStatus.PAID, T0.plusSeconds(3600)), T0), "paidAt");
	}

	@Test
	void rejectsPaidAtWithPending() {
		assertRefused(() -> Invoice.create(creation(1L, null, InvoiceStatus.PENDING, T0.minusSeconds(60)), T0),
				"paidAt");
		assertRefused(() -> Invoice.create(creation(1L, null, null, T0.minusSeconds(60)), T0), "paidAt");
	}

	@Test
	void rejectsIncompleteReplacementAllAtOnce() {
		assertRefused(() -> this.stored.replace(new InvoiceDetails(CUSTOMER, 5L, null, null, null, null), T0),
				"currency", "status", "issueDate");
	}

	@Test
	void rejectsReplacementPendingWithPaidAt() {
		assertRefused(() -> this.stored.replace(replacement(100, InvoiceStatus.PENDING, T0.minusSeconds(60)), T0),
				"paidAt");
	}

	@Test
	void rejectsPaymentInTheFuture() {
		assertRefused(() -> this.stored.pay(T0.plusSeconds(600), T0), "paidAt");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "1899-12-31", "2200-01-01", "0000-01-01", "-0001-12-31", "+10000-01-01", "+999999999-12-31" })
	void rejectsIssueDatesOutsideTheWindow(String date) {
		LocalDate issued = LocalDate.parse(date);

		assertRefused(() -> Invoice.create(new InvoiceDetails(CUSTOMER, 1L, null, null, issued, null), T0),
				"issueDate");
		assertRefused(() -> this.stored
			.replace(new InvoiceDetails(CUSTOMER, 1L, "USD", InvoiceStatus.PENDING, issued, null), T0), "issueDate");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1899-12-31T23:59:59.999Z", "0000-06-01T00:00:00Z", "-1000000000-01-01T00:00:00Z" })
	void rejectsPaymentsBeforeTheWindow(String instant) {
		Instant paidAt = Instant.parse(instant);

		assertRefused(() -> Invoice.create(creation(1L, null, InvoiceStatus.PAID, paidAt), T0), "paidAt");
		assertRefused(() -> this.stored.replace(replacement(100, InvoiceStatus.PAID, paidAt), T0), "paidAt");
		assertRefused(() -> this.stored.pay(paidAt, T0), "paidAt");
	}

	@Test
	void acceptsTheWindowsEdges() {
		Instant endOfWindow = Instant.parse("2199-12-31T23:59:59.999Z");

		assertThatCode(() -> Invoice.create(new InvoiceDetails(CUSTOMER, 1L, null, InvoiceStatus.PAID,
				LocalDate.parse("1900-01-01"), Instant.parse("1900-01-01T00:00:00Z")), T0))
			.doesNotThrowAnyException();
		assertThatCode(() -> Invoice.create(
				new InvoiceDetails(CUSTOMER, 1L, null, InvoiceStatus.PAID, LocalDate.parse("2199-12-31"), endOfWindow),
				endOfWindow))
			.doesNotThrowAnyException();
	}

	@Test
	void theChecksRefuseWhatTheTransitionsRefuse() {
		assertRefused(() -> Invoice.checkCreation(creation(0L, "ABC", null, null), T0), "amountMinor", "currency");
		assertRefused(() -> Invoice.checkReplacement(new InvoiceDetails(null, 5L, "USD", null, ISSUED, null), T0),
				"customerId", "status");
		assertRefused(() -> Invoice.checkPayment(T0.plusMillis(1), T0), "paidAt");
	}

}
