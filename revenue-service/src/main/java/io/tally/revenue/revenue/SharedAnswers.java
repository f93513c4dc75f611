package io.tally.revenue.revenue;

import java.util.Locale;
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
 * version); for a request that waited for its changes ({@code Tally-After}), since
 * whether they are included is read from the database, possibly before their notice
 * arrives; and for a request that asks for no stored answer ({@code Cache-Control:
 * no-cache} or {@code max-age=0}): a client that learned of a change from another
 * instance (a rebuild's {@code refresh}) gets figures that include it even here, before
 * this instance has heard of it.
 */
@Component
class SharedAnswers {

	/**
	 * Distinct answers kept: the summary and one per month range and currency asked for;
	 * a dashboard asks for a handful.
	 */
	private static final int MAX_KEPT = 256;

	private static final String MAX_AGE = "max-age=";

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
	 * Whether a request must be answered from the database rather than with a kept
	 * answer: it waited for its changes, or its {@code Cache-Control} has the directive
	 * {@code no-cache} or {@code max-age=0} (RFC 9111, 5.2.1).
	 * @param waitedFor the request's {@code Tally-After}, or {@code null}
	 * @param cacheControl the request's {@code Cache-Control}, or {@code null}
	 */
	static boolean mustRead(String waitedFor, String cacheControl) {
		if (waitedFor != null) {
			return true;
		}
		if (cacheControl == null) {
			return false;
		}
		for (String directive : cacheControl.split(",")) {
			String name = directive.strip().toLowerCase(Locale.ROOT);
			if (name.equals("no-cache") || (name.startsWith(MAX_AGE) && isZero(name.substring(MAX_AGE.length())))) {
				return true;
			}
		}
		return false;
	}

	/** Whether delta-seconds, possibly quoted, are zero. */
	private static boolean isZero(String seconds) {
		String digits = (seconds.length() > 1 && seconds.startsWith("\"") && seconds.endsWith("\""))
				? seconds.substring(1, seconds.length() - 1) : seconds;
		return !digits.isEmpty() && digits.chars().allMatch((c) -> c == '0');
	}

	/**
	 * The answer for {@code key}: the one kept for the projection's current version, or
	 * {@code read} (then kept for that version, also when the request had to read: its
	 * answer is at least as new as the one it replaces).
	 * @param mustRead whether the request must be answered from the database
	 * ({@link #mustRead(String, String)})
	 */
	<T> T answer(Object key, boolean mustRead, Supplier<T> read) {
		String version = this.watermark.version().orElse(null);
		if (version != null && !mustRead) {
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
