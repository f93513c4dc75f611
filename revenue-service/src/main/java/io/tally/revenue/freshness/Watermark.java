package io.tally.revenue.freshness;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * The time of the newest event the projection has applied, as far as this instance knows
 * (read from the database when the notification listener connects, then advanced by every
 * notice): what every revenue answer says about its freshness.
 */
@Component
public class Watermark {

	/** Response header carrying the watermark (ISO-8601 instant). */
	public static final String HEADER = "Tally-Projection-Watermark";

	private final AtomicReference<Instant> newest = new AtomicReference<>();

	// tells this instance's versions from those of other instances and earlier runs
	private final String instance = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);

	private final AtomicLong changes = new AtomicLong();

	private volatile boolean listening;

	/** The watermark, empty while nothing has been applied (or not yet read). */
	public Optional<Instant> current() {
		return Optional.ofNullable(this.newest.get());
	}

	/**
	 * An opaque version of the projection as this instance knows it: it changes with
	 * every notice of a committed projection transaction (including one that applied only
	 * events older than the watermark, which leaves the time where it is) and whenever
	 * the notices resume after a gap. Empty while no notices are heard, because then
	 * changes could go unnoticed.
	 */
	public Optional<String> version() {
		return this.listening ? Optional.of(this.instance + "." + this.changes.get()) : Optional.empty();
	}

	/**
	 * The projection moved (a notice arrived): at most {@code time}, the newest event it
	 * applied.
	 */
	void changed(Instant time) {
		// the version first: a reader that sees the new time (read before the version)
		// also sees the new version, so nothing kept for the old one goes out under it
		this.changes.incrementAndGet();
		advance(time);
	}

	/**
	 * Notices are heard (again): whatever committed before counts as a change, since it
	 * may not have been heard.
	 */
	void listening() {
		this.changes.incrementAndGet();
		this.listening = true;
	}

	/** Notices are not heard (connection lost or stopped): no version until they are. */
	void deaf() {
		this.listening = false;
	}

	/** Moves the watermark forward to {@code time}; never back. */
	public void advance(Instant time) {
		if (time != null) {
			this.newest.accumulateAndGet(time, (held, next) -> (held == null || next.isAfter(held)) ? next : held);
		}
	}

}
