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

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of changes in one database transaction: lock the state rows, run the
 * pure {@link RevenueProjection}, store the newer states, add the deltas to the buckets
 * and the totals, advance the topic positions and, for the live tables, announce what
 * changed ({@link ProjectionNotice}, delivered on commit). Either all of it commits or
 * nothing does. The statements go to the database in two round trips ({@link Pipeline}):
 * the locking read, and the writes. The same code fills the live tables and a rebuild's
 * shadow tables ({@link TableSet}).
 */
@Service
public class BatchApplier {

	private final TransactionTemplate transaction;

	private final JdbcOperations jdbc;

	private final InvoiceStates states;

	private final RevenueBuckets buckets;

	private final RevenueTotals totals;

	private final ProjectionOffsets offsets;

	private final ChangeNotices notices;

	private final long lockTimeoutMillis;

	BatchApplier(TransactionTemplate transaction, JdbcOperations jdbc, InvoiceStates states, RevenueBuckets buckets,
			RevenueTotals totals, ProjectionOffsets offsets, ChangeNotices notices, ProjectionProperties properties) {
		this.transaction = transaction;
		this.jdbc = jdbc;
		this.states = states;
		this.buckets = buckets;
		this.totals = totals;
		this.offsets = offsets;
		this.notices = notices;
		this.lockTimeoutMillis = properties.lockTimeout().toMillis();
	}

	/**
	 * Applies the changes (in delivery order) to the live tables and records the
	 * positions they were read up to; returns only after the transaction committed.
	 */
	public RevenueProjection.Result apply(List<InvoiceChange> changes, SourcePositions positions) {
		return apply(TableSet.LIVE, changes, positions);
	}

	/**
	 * Applies the changes to the given table set; joins a transaction the caller has
	 * begun (so the caller can add its own statements to it).
	 */
	public RevenueProjection.Result apply(TableSet tables, List<InvoiceChange> changes, SourcePositions positions) {
		return this.transaction.execute((status) -> {
			// the shadow set differs only by schema: the search path points every
			// statement below at it, so the projection's SQL exists once
			String searchPath = enter(tables);
			RevenueProjection.Result result = RevenueProjection.apply(Map.of(), List.of());
			// two round trips: the locking read, then every write
			Pipeline next = new Pipeline();
			InvoiceStates.lockTimeout(this.lockTimeoutMillis, next);
			if (!changes.isEmpty()) {
				TreeSet<UUID> ids = new TreeSet<>();
				changes.forEach((change) -> ids.add(change.invoiceId()));
				Map<UUID, InvoiceState> current = this.states.lock(new ArrayList<>(ids), next);
				next = new Pipeline();
				result = RevenueProjection.apply(current, changes);
				if (!result.newestApplied().isEmpty()) {
					this.states.store(result.newestApplied().values(), next);
					this.buckets.add(result.deltas(), next);
					this.totals.add(result.deltas(), slot(positions), next);
					if (tables == TableSet.LIVE) {
						// nobody reads the shadow tables: a switch announces them as a
						// whole
						this.notices.announce(ProjectionNotice.of(watermark(result), result.deltas().monthly().keySet(),
								result.deltas().customer().keySet()), next);
					}
				}
			}
			this.offsets.advance(positions, next);
			next.execute(this.jdbc);
			leave(searchPath);
			return result;
		});
	}

	private String enter(TableSet tables) {
		if (tables.schema() == null) {
			return null;
		}
		String previous = this.jdbc.queryForObject("SELECT current_setting('search_path')", String.class);
		this.jdbc.queryForObject("SELECT set_config('search_path', ?, true)", String.class, tables.schema());
		return previous;
	}

	private void leave(String previousSearchPath) {
		if (previousSearchPath != null) {
			this.jdbc.queryForObject("SELECT set_config('search_path', ?, true)", String.class, previousSearchPath);
		}
	}

	/**
	 * The totals row a batch adds to: that of the lowest partition it read, so that
	 * consumers of disjoint partitions never wait for each other there.
	 */
	private static int slot(SourcePositions positions) {
		return positions.nextOffsets().keySet().stream().mapToInt(Integer::intValue).min().orElse(0);
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
