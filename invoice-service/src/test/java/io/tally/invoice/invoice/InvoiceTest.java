package io.tally.invoice.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InvoiceTest {

	private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

	private static final InvoiceState PENDING = new InvoiceState(UUID.randomUUID(), 100, "USD", InvoiceStatus.PENDING,
			LocalDate.parse("2026-11-02"), null);

	private final Invoice stored = new Invoice(UUID.randomUUID(), PENDING.customerId(), 100, "USD",
			InvoiceStatus.PENDING, PENDING.issueDate(), null, 3, T0, T0);

	@Test
	void identicalContentIsNoChange() {
		assertThat(this.stored.replacedBy(PENDING, T0.plusSeconds(1))).isEmpty();
	}

	@Test
	void differentContentIsAChangeKeepingVersionForTheRepository() {
		InvoiceState next = new InvoiceState(PENDING.customerId(), 200, "USD", InvoiceStatus.PENDING,
				PENDING.issueDate(), null);
		Invoice changed = this.stored.replacedBy(next, T0.plusSeconds(1)).orElseThrow();
		assertThat(changed.amountMinor()).isEqualTo(200);
		assertThat(changed.version()).isEqualTo(3);
		assertThat(changed.createdAt()).isEqualTo(T0);
		assertThat(changed.updatedAt()).isEqualTo(T0.plusSeconds(1));
	}

	@Test
	void payingSetsPaidAtAndPayingAgainIsNoChange() {
		Invoice paid = this.stored.paid(T0, T0).orElseThrow();
		assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
		assertThat(paid.paidAt()).isEqualTo(T0);
		assertThat(paid.paid(T0.plusSeconds(5), T0.plusSeconds(5))).isEmpty();
	}

	@Test
	void deletionIsOneVersionLater() {
		assertThat(this.stored.deleted(T0).version()).isEqualTo(4);
	}

	@Test
	void paidAtGoesWithPaidOnly() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InvoiceState(UUID.randomUUID(), 1, "USD",
				InvoiceStatus.PENDING, LocalDate.parse("2026-11-02"), T0));
		assertThatIllegalArgumentException().isThrownBy(() -> new InvoiceState(UUID.randomUUID(), 1, "USD",
				InvoiceStatus.PAID, LocalDate.parse("2026-11-02"), null));
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

}
