package io.tally.revenue.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The idempotent projection step: applies changes in delivery order to the known states,
 * skipping any change that is not newer than what is held (the version guard), and yields
 * the changes to store plus the bucket deltas (old contribution out, new one in).
 * Duplicates, reordering and gaps are therefore harmless.
 */
public final class RevenueProjection {

	private RevenueProjection() {
	}

	/**
	 * Applies {@code changes} on top of {@code current}.
	 * @param current the stored states of (at least) the invoices the changes touch;
	 * absent means never seen
	 * @param changes the changes in delivery order
	 * @return the outcome
	 */
	public static Result apply(Map<UUID, InvoiceState> current, List<InvoiceChange> changes) {
		Map<UUID, InvoiceState> working = new HashMap<>(current);
		Map<UUID, InvoiceChange> applied = new LinkedHashMap<>();
		List<Outcome> outcomes = new ArrayList<>(changes.size());
		BucketDeltas deltas = new BucketDeltas();
		for (InvoiceChange change : changes) {
			InvoiceState old = working.get(change.invoiceId());
			InvoiceState next = change.state();
			if (!next.isNewerThan(old)) {
				outcomes.add(Outcome.STALE);
				continue;
			}
			deltas.subtract(RevenueRules.contributionOf(old));
			deltas.add(RevenueRules.contributionOf(next));
			working.put(change.invoiceId(), next);
			applied.put(change.invoiceId(), change);
			outcomes.add(Outcome.APPLIED);
		}
		return new Result(applied, deltas, outcomes);
	}

	/**
	 * Whether a change was applied or skipped as stale (older than or equal to the held
	 * version).
	 */
	public enum Outcome {

		APPLIED, STALE

	}

	/**
	 * The effect of a batch.
	 *
	 * @param newestApplied per invoice that changed, the newest applied change: its state
	 * is the one to store, with the id and time of the event that carried it
	 * @param deltas what to add to the buckets
	 * @param outcomes one outcome per change, in delivery order
	 */
	public record Result(Map<UUID, InvoiceChange> newestApplied, BucketDeltas deltas, List<Outcome> outcomes) {

		/** The newest state of every invoice that changed. */
		public Map<UUID, InvoiceState> changedStates() {
			Map<UUID, InvoiceState> states = new LinkedHashMap<>();
			this.newestApplied.forEach((invoiceId, change) -> states.put(invoiceId, change.state()));
			return states;
		}

		/** Number of changes with the given outcome. */
		public long count(Outcome outcome) {
			return this.outcomes.stream().filter(outcome::equals).count();
		}

	}

}
