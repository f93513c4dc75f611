package io.tally.revenue.freshness;

import java.time.Instant;
import java.util.Optional;
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

	/** The watermark, empty while nothing has been applied (or not yet read). */
	public Optional<Instant> current() {
		return Optional.ofNullable(this.newest.get());
	}

	/** Moves the watermark forward to {@code time}; never back. */
	public void advance(Instant time) {
		if (time != null) {
			this.newest.accumulateAndGet(time, (held, next) -> (held == null || next.isAfter(held)) ? next : held);
		}
	}

}
