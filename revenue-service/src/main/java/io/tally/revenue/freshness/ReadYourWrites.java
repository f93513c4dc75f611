package io.tally.revenue.freshness;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: tells when the projection includes given invoice changes. A request
 * registers what it waits for and is completed by the next notice (or recheck) after
 * which the database holds those versions, or with {@link Consistency#STALE} after its
 * timeout. Waiting holds no database connection and no request thread.
 */
@Component
public class ReadYourWrites {

	private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

	private final JdbcTemplate jdbc;

	private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

	private final Counter included;

	private final Counter stale;

	ReadYourWrites(JdbcTemplate jdbc, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.included = Counter.builder("tally.read.your.writes")
			.description("Requests carrying Tally-After, by whether their answer included the changes")
			.tag("outcome", "included")
			.register(meters);
		this.stale = Counter.builder("tally.read.your.writes")
			.description("Requests carrying Tally-After, by whether their answer included the changes")
			.tag("outcome", "stale")
			.register(meters);
	}

	/** Whether an answer included the changes it was asked to include. */
	public enum Consistency {

		/** The projection included every named change when the answer was read. */
		INCLUDED,
		/** The wait timed out: the answer holds the figures of that moment. */
		STALE;

		/** The value of the {@code Tally-Consistency} response header. */
		public String headerValue() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * Completes with {@link Consistency#INCLUDED} once the projection holds every change
	 * (at once if it already does), or with {@link Consistency#STALE} after
	 * {@code timeout}.
	 * @throws DataAccessException if the first look at the database fails
	 */
	public CompletableFuture<Consistency> await(List<ChangeRef> changes, Duration timeout) {
		Waiter waiter = new Waiter(changes, new CompletableFuture<>());
		waiter.result().completeOnTimeout(Consistency.STALE, timeout.toMillis(), TimeUnit.MILLISECONDS);
		waiter.result().whenComplete((consistency, ex) -> {
			this.waiters.remove(waiter);
			if (consistency != null) {
				((consistency == Consistency.INCLUDED) ? this.included : this.stale).increment();
			}
		});
		// registered before the first look, so a commit in between is not missed
		this.waiters.add(waiter);
		try {
			check(Set.of(waiter));
		}
		catch (DataAccessException ex) {
			waiter.result().cancel(false);
			throw ex;
		}
		return waiter.result();
	}

	/**
	 * Looks again, with one query, at everything pending requests wait for; a failing
	 * database is left to the requests' timeouts.
	 */
	void recheck() {
		if (!this.waiters.isEmpty()) {
			try {
				check(Set.copyOf(this.waiters));
			}
			catch (DataAccessException ex) {
				log.debug("Read-your-writes recheck failed: {}", ex.getMessage());
			}
		}
	}

	private void check(Set<Waiter> pending) {
		UUID[] ids = pending.stream()
			.flatMap((waiter) -> waiter.changes().stream())
			.map(ChangeRef::invoiceId)
			.distinct()
			.toArray(UUID[]::new);
		Map<UUID, Long> versions = new HashMap<>();
		this.jdbc.query("SELECT invoice_id, version FROM invoice_state WHERE invoice_id = ANY(?)",
				(ps) -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids)), (rs) -> {
					versions.put(rs.getObject(1, UUID.class), rs.getLong(2));
				});
		for (Waiter waiter : pending) {
			boolean all = waiter.changes()
				.stream()
				.allMatch((change) -> versions.getOrDefault(change.invoiceId(), 0L) >= change.version());
			if (all) {
				waiter.result().complete(Consistency.INCLUDED);
			}
		}
	}

	/** Number of requests waiting right now. */
	int pending() {
		return this.waiters.size();
	}

	private record Waiter(List<ChangeRef> changes, CompletableFuture<Consistency> result) {

		// identity, not value equality: two requests may wait for the same changes
		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

	}

}
