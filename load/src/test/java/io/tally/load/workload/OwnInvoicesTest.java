package io.tally.load.workload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnInvoicesTest {

	private final SplittableRandom random = new SplittableRandom(3);

	@Test
	void anInvoiceTakenOutIsNotHandedOutAgainUntilPutBack() {
		OwnInvoices own = new OwnInvoices(100);
		OwnInvoice invoice = invoice(false);
		own.add(invoice, this.random);
		assertThat(own.takeAny(this.random)).isEqualTo(invoice);
		assertThat(own.takeAny(this.random)).isNull();
		own.add(invoice.withAmount(5, 2), this.random);
		assertThat(own.takeAny(this.random).version()).isEqualTo(2);
	}

	@Test
	void paymentsOnlyTakePendingInvoices() {
		OwnInvoices own = new OwnInvoices(100);
		own.add(invoice(true), this.random);
		assertThat(own.takePending(this.random)).isNull();
		OwnInvoice pending = invoice(false);
		own.add(pending, this.random);
		assertThat(own.takePending(this.random)).isEqualTo(pending);
		assertThat(own.size()).isEqualTo(1);
	}

	@Test
	void handsOutEveryInvoiceExactlyOnce() {
		OwnInvoices own = new OwnInvoices(1000);
		Set<UUID> added = new HashSet<>();
		for (int i = 0; i < 500; i++) {
			OwnInvoice invoice = invoice(i % 3 == 0);
			added.add(invoice.id());
			own.add(invoice, this.random);
		}
		Set<UUID> taken = new HashSet<>();
		for (OwnInvoice next = own.takeAny(this.random); next != null; next = own.takeAny(this.random)) {
			assertThat(taken.add(next.id())).isTrue();
		}
		assertThat(taken).isEqualTo(added);
	}

	@Test
	void keepsAtMostItsCapacity() {
		OwnInvoices own = new OwnInvoices(10);
		for (int i = 0; i < 50; i++) {
			own.add(invoice(i % 2 == 0), this.random);
		}
		assertThat(own.size()).isEqualTo(10);
	}

	private static OwnInvoice invoice(boolean paid) {
		return new OwnInvoice(UUID.randomUUID(), UUID.randomUUID(), 100, "USD", LocalDate.of(2026, 12, 1),
				paid ? Instant.parse("2026-12-01T10:00:00Z") : null, 1);
	}

}
