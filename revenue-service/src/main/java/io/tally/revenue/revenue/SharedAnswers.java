package io.tally.revenue.revenue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tally.revenue.freshness.Watermark;

import org.springframework.stereotype.Component;

/**
 * The answers every dashboard asks for alike — the summary and the monthly figures — kept
 * for the projection version they were read at ({@link Watermark#version()}): until this
 * instance hears of the next projection commit, a request for the same figures gets the
 * same answer without going to the database. The version is taken before the read, so a
 * kept answer is never older than its version; like the {@code ETag}, it may already
 * include a commit whose notice is still on its way.
 * <p>
 * Read from the database every time: while the instance does not hear the notices (no
 * version), and for a request that waited for its changes ({@code Tally-After}), since
 * whether they are included is read from the database, possibly before their notice
 * arrives.
 */
@Component
class SharedAnswers {

	/**
	 * Distinct answers kept: the summary and one per month range and currency asked for;
	 * a dashboard asks for a handful.
	 */
	private static final int MAX_KEPT = 256;

	private final Watermark watermark;

	private final Cache<Object, Kept> kept = Caffeine.newBuilder().maximumSize(MAX_KEPT).build();

	/** Numbers the reads in the order they start. */
	private final AtomicLong reads = new AtomicLong();

	private final Counter fromCache;

	private final Counter fromDatabase;

	SharedAnswers(Watermark watermark, MeterRegistry meters) {
		this.watermark = watermark;
		this.fromCache = counter(meters, "kept");
		this.fromDatabase = counter(meters, "read");
	}

	/**
	 * The answer for {@code key}: the one kept for the projection's current version, or
	 * {@code read} (then kept for that version).
	 * @param waited whether the request waited for changes to be included
	 */
	<T> T answer(Object key, boolean waited, Supplier<T> read) {
		String version = waited ? null : this.watermark.version().orElse(null);
		if (version != null) {
			Kept held = this.kept.getIfPresent(key);
			if (held != null && held.version().equals(version)) {
				this.fromCache.increment();
				return cast(held.answer());
			}
		}
		long started = this.reads.incrementAndGet();
		T answer = read.get();
		this.fromDatabase.increment();
		if (version != null) {
			// of two reads of one key, the one that started later saw at least as much:
			// an answer that took longer never replaces a newer one, so a key's answers
			// never go back in time
			this.kept.asMap()
				.merge(key, new Kept(version, started, answer),
						(held, fresh) -> (held.started() > fresh.started()) ? held : fresh);
		}
		return answer;
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object answer) {
		// every key is put with the answer of one and the same read
		return (T) answer;
	}

	private static Counter counter(MeterRegistry meters, String source) {
		return Counter.builder("tally.revenue.shared.answers")
			.description("Summary and monthly answers, by whether they were kept for the projection's version "
					+ "or read from the database")
			.tag("source", source)
			.register(meters);
	}

	private record Kept(String version, long started, Object answer) {
	}

}
