package io.tally.load.bulk;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import io.tally.events.InvoiceCreated;
import io.tally.events.InvoiceStatus;
import io.tally.events.invoice.InvoiceEventData;
import io.tally.events.invoice.InvoiceEventType;

/**
 * The {@code InvoiceCreated} events of a bulk load, as invoice-service would write them
 * for {@code POST /api/invoices} (version 1, the whole state): new invoices of new
 * customers, taken in turn, issued on a random day of the last {@value #MONTHS} months,
 * {@value #PAID_PERCENT} % of them paid within {@value #PAYMENT_DAYS} days of issue
 * (never in the future), random amounts and currencies. Not thread-safe.
 */
public final class BulkInvoices {

	/**
	 * Who made the change, as the events say: no user, no client of the identity
	 * provider.
	 */
	public static final String CHANGED_BY = "tally-load-bulk";

	/** The issue dates span this many months, ending today. */
	static final int MONTHS = 24;

	/** The share of invoices created paid. */
	static final int PAID_PERCENT = 60;

	/** A paid invoice is paid at most this many days after its issue date. */
	static final int PAYMENT_DAYS = 60;

	/** The amounts, in minor units: as the HTTP harness's creates. */
	static final long MIN_AMOUNT = 100;

	static final long MAX_AMOUNT = 1_000_000;

	private final SplittableRandom random;

	private final Clock clock;

	private final List<String> currencies;

	private final String[] customers;

	private final LocalDate firstDay;

	private final long days;

	private long next;

	/**
	 * Events for {@code customers} new customers.
	 * @param customers how many customers the invoices spread over, in turn
	 * @param currencies the currencies, drawn evenly
	 * @param clock today, and each event's {@code occurredAt}
	 * @param random the source of ids, dates and amounts (ids are random, so a seeded
	 * source repeats them: seed it afresh for each load)
	 */
	public BulkInvoices(int customers, List<String> currencies, Clock clock, SplittableRandom random) {
		this.random = random;
		this.clock = clock;
		this.currencies = List.copyOf(currencies);
		this.customers = new String[customers];
		for (int i = 0; i < customers; i++) {
			this.customers[i] = uuid(random);
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		this.firstDay = today.minusMonths(MONTHS).plusDays(1);
		this.days = ChronoUnit.DAYS.between(this.firstDay, today) + 1;
	}

	/** The next event: a new invoice of the next customer in turn. */
	public InvoiceCreated next() {
		String customer = this.customers[(int) (this.next++ % this.customers.length)];
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		LocalDate issueDate = this.firstDay.plusDays(this.random.nextLong(this.days));
		boolean paid = this.random.nextInt(100) < PAID_PERCENT;
		Instant paidAt = null;
		if (paid) {
			Instant candidate = issueDate.atStartOfDay(ZoneOffset.UTC)
				.toInstant()
				.plusMillis(this.random.nextLong(PAYMENT_DAYS * 86_400_000L));
			paidAt = candidate.isAfter(now) ? now : candidate;
		}
		String currency = this.currencies.get(this.random.nextInt(this.currencies.size()));
		return new InvoiceEventData(uuid(this.random), now, uuid(this.random), 1, customer,
				this.random.nextLong(MIN_AMOUNT, MAX_AMOUNT + 1), currency,
				paid ? InvoiceStatus.PAID : InvoiceStatus.PENDING, issueDate, paidAt, CHANGED_BY)
			.toRecord(InvoiceEventType.CREATED);
	}

	/** How many events {@link #next} has made. */
	public long count() {
		return this.next;
	}

	// a random (version 4) UUID from the fast source: SecureRandom per id would cost more
	// than the rest of the event
	static String uuid(SplittableRandom random) {
		long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
		long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

}
