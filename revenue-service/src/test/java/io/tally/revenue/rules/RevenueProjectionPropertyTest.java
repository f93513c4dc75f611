package io.tally.revenue.rules;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property: whatever the delivery (duplicates, reordering, dropped intermediate versions,
 * any batching), the buckets equal a recomputation from the final invoice states. A
 * seeded random loop; set {@code -Dtally.seed=<seed>} to replay a failure.
 */
class RevenueProjectionPropertyTest {

	private static final int CASES = 2_000;

	@Test
	void bucketsEqualARecomputationFromFinalStatesWhateverTheDelivery() {
		long seed = Long.getLong("tally.seed", System.nanoTime());
		Random random = new Random(seed);
		for (int i = 0; i < CASES; i++) {
			try {
				runCase(random);
			}
			catch (AssertionError | RuntimeException ex) {
				fail("case " + i + " failed; replay with -Dtally.seed=" + seed, ex);
			}
		}
	}

	private static void runCase(Random random) {
		InvoiceHistories.Scenario scenario = InvoiceHistories.generate(random, 2025);
		Map<UUID, InvoiceState> store = new HashMap<>();
		BucketDeltas buckets = new BucketDeltas();
		long applied = 0;
		for (var batch : InvoiceHistories.batches(random, scenario.deliveries())) {
			RevenueProjection.Result result = RevenueProjection.apply(store, batch);
			store.putAll(result.changedStates());
			buckets.addAll(result.deltas());
			applied += result.count(RevenueProjection.Outcome.APPLIED);
		}
		BucketDeltas expected = InvoiceHistories.recompute(scenario.finalStates());
		assertThat(buckets.monthly()).isEqualTo(expected.monthly());
		assertThat(buckets.customer()).isEqualTo(expected.customer());
		assertThat(store.values()).containsExactlyInAnyOrderElementsOf(scenario.finalStates());
		// each applied change raised one invoice's version: never more applications than
		// distinct versions
		assertThat(applied).isLessThanOrEqualTo(scenario.deliveries().stream().distinct().count());
	}

}
