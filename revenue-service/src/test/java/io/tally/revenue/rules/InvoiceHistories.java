package io.tally.revenue.rules;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates random invoice histories and delivers them the way Kafka at-least-once may:
 * with duplicates, reordered, and with intermediate versions dropped (the final version
 * of each invoice always arrives).
 */
public final class InvoiceHistories {

	private static final String[] CURRENCIES = { "USD", "EUR", "JPY" };

	private InvoiceHistories() {
	}

	/**
	 * A random scenario whose months all lie in {@code [firstYear, firstYear + 1]}.
	 * @param random source of randomness
	 * @param firstYear first year months are drawn from
	 * @return the scenario
	 */
	public static Scenario generate(Random random, int firstYear) {
		List<UUID> customers = new ArrayList<>();
		for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
			customers.add(UUID.randomUUID());
		}
		List<InvoiceState> finals = new ArrayList<>();
		List<InvoiceChange> deliveries = new ArrayList<>();
		for (int i = 0, invoices = 1 + random.nextInt(8); i < invoices; i++) {
			List<InvoiceChange> history = history(random, UUID.randomUUID(), customers, firstYear);
			finals.add(history.get(history.size() - 1).state());
			for (int v = 0; v < history.size(); v++) {
				boolean last = v == history.size() - 1;
				if (!last && random.nextInt(10) < 3) {
					continue; // a dropped intermediate version
				}
				for (int copies = 1 + ((random.nextInt(4) == 0) ? 1 + random.nextInt(2) : 0); copies > 0; copies--) {
					deliveries.add(history.get(v));
				}
			}
		}
		// reordering: within a partition Kafka keeps order, but redeliveries after
		// rebalances and retries do not
		if (random.nextBoolean()) {
			Collections.shuffle(deliveries, random);
		}
		else {
			partialShuffle(random, deliveries);
		}
		return new Scenario(customers, finals, deliveries);
	}

	/**
	 * Splits deliveries into random batches of 1 to 12.
	 * @param random source of randomness
	 * @param deliveries what to split
	 * @return the batches in order
	 */
	public static List<List<InvoiceChange>> batches(Random random, List<InvoiceChange> deliveries) {
		List<List<InvoiceChange>> batches = new ArrayList<>();
		for (int i = 0; i < deliveries.size();) {
			int size = Math.min(1 + random.nextInt(12), deliveries.size() - i);
			batches.add(deliveries.subList(i, i + size));
			i += size;
		}
		return batches;
	}

	/**
	 * The buckets recomputed from scratch from final states by the revenue rules.
	 * @param finalStates the final state of every invoice
	 * @return the expected buckets
	 */
	public static BucketDeltas recompute(Collection<InvoiceState> finalStates) {
		BucketDeltas expected = new BucketDeltas();
		finalStates.forEach((state) -> expected.add(RevenueRules.contributionOf(state)));
		return expected;
	}

	private static List<InvoiceChange> history(Random random, UUID invoiceId, List<UUID> customers, int firstYear) {
		List<InvoiceChange> history = new ArrayList<>();
		boolean paid = random.nextInt(4) == 0;
		InvoiceState state = new InvoiceState(invoiceId, 1, pick(random, customers), pick(random, CURRENCIES),
				amount(random), paid ? PaymentStatus.PAID : PaymentStatus.PENDING, month(random, firstYear),
				paid ? month(random, firstYear) : null, false);
		history.add(change(ChangeType.CREATED, state));
		for (int changes = random.nextInt(8); changes > 0; changes--) {
			long version = state.version() + 1;
			int op = random.nextInt(10);
			if (op == 0) {
				history.add(change(ChangeType.DELETED,
						new InvoiceState(invoiceId, version, state.customerId(), state.currency(), state.amountMinor(),
								state.status(), state.issueMonth(), state.paidMonth(), true)));
				break;
			}
			if (op <= 2) {
				state = new InvoiceState(invoiceId, version, state.customerId(), state.currency(), state.amountMinor(),
						PaymentStatus.PAID, state.issueMonth(), month(random, firstYear), false);
				history.add(change(ChangeType.PAID, state));
			}
			else if (op <= 3) {
				state = new InvoiceState(invoiceId, version, state.customerId(), state.currency(), state.amountMinor(),
						PaymentStatus.PENDING, state.issueMonth(), null, false);
				history.add(change(ChangeType.UPDATED, state));
			}
			else {
				state = new InvoiceState(invoiceId, version,
						random.nextBoolean() ? pick(random, customers) : state.customerId(),
						random.nextBoolean() ? pick(random, CURRENCIES) : state.currency(),
						random.nextBoolean() ? amount(random) : state.amountMinor(), state.status(),
						random.nextBoolean() ? month(random, firstYear) : state.issueMonth(), state.paidMonth(), false);
				history.add(change(ChangeType.UPDATED, state));
			}
		}
		return history;
	}

	private static void partialShuffle(Random random, List<InvoiceChange> deliveries) {
		for (int swaps = random.nextInt(deliveries.size() + 1); swaps > 0; swaps--) {
			int i = random.nextInt(deliveries.size());
			int j = Math.min(deliveries.size() - 1, i + 1 + random.nextInt(3));
			Collections.swap(deliveries, i, j);
		}
	}

	private static InvoiceChange change(ChangeType type, InvoiceState state) {
		return new InvoiceChange(UUID.randomUUID(), type, Instant.parse("2026-11-27T10:15:30Z"), state);
	}

	private static long amount(Random random) {
		return 1 + random.nextInt(1_000_000);
	}

	private static YearMonth month(Random random, int firstYear) {
		return YearMonth.of(firstYear + random.nextInt(2), 1 + random.nextInt(12));
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	private static <T> T pick(Random random, T[] values) {
		return values[random.nextInt(values.length)];
	}

	/**
	 * A generated scenario.
	 *
	 * @param customers the customers the invoices are billed to
	 * @param finalStates the final state of every invoice
	 * @param deliveries the changes as delivered
	 */
	public record Scenario(List<UUID> customers, List<InvoiceState> finalStates, List<InvoiceChange> deliveries) {
	}

}
