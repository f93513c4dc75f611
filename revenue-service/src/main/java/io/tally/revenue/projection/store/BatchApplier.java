package io.tally.revenue.projection.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import io.tally.revenue.freshness.ProjectionNotice;
import io.tally.revenue.projection.ProjectionProperties;
import io.tally.revenue.rules.InvoiceChange;
import io.tally.revenue.rules.InvoiceState;
import io.tally.revenue.rules.RevenueProjection;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of changes in one database transaction: lock the state rows, run the
 * pure {@link RevenueProjection}, store the newer states, add the bucket deltas and
 * announce what changed ({@link ProjectionNotice}, delivered on commit). Either all of it
 * commits or nothing does.
 */
@Service
public class BatchApplier {

	private final TransactionTemplate transaction;

	private final InvoiceStates states;

	private final RevenueBuckets buckets;

	private final ChangeNotices notices;

	private final long lockTimeoutMillis;

	BatchApplier(TransactionTemplate transaction, InvoiceStates states, RevenueBuckets buckets, ChangeNotices notices,
			ProjectionProperties properties) {
		this.transaction = transaction;
		this.states = states;
		this.buckets = buckets;
		this.notices = notices;
		this.lockTimeoutMillis = properties.lockTimeout().toMillis();
	}

	/**
	 * Applies the changes (in delivery order); returns only after the transaction
	 * committed.
	 */
	public RevenueProjection.Result apply(List<InvoiceChange> changes) {
		return this.transaction.execute((status) -> {
			this.states.lockTimeout(this.lockTimeoutMillis);
			TreeSet<UUID> ids = new TreeSet<>();
			changes.forEach((change) -> ids.add(change.invoiceId()));
			Map<UUID, InvoiceState> current = this.states.lock(new ArrayList<>(ids));
			RevenueProjection.Result result = RevenueProjection.apply(current, changes);
			if (!result.newestApplied().isEmpty()) {
				this.states.store(result.newestApplied().values());
				this.buckets.add(result.deltas());
				this.notices.announce(ProjectionNotice.of(watermark(result), result.deltas().monthly().keySet(),
						result.deltas().customer().keySet()));
			}
			return result;
		});
	}

	private static Instant watermark(RevenueProjection.Result result) {
		return result.newestApplied()
			.values()
			.stream()
			.map(InvoiceChange::occurredAt)
			.max(Instant::compareTo)
			.orElseThrow();
	}

}
