package io.tally.revenue.freshness;

import java.time.YearMonth;
import java.time.ZoneOffset;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServletServerHttpRequest;

/**
 * HTTP validators of the revenue reads, derived from the projection's {@link Watermark}
 * version: an answer cannot change while the version stays the same. Weak tags, because
 * an answer may already include changes whose notice has not arrived yet, so two answers
 * with the same tag can differ (the newer one is never older than the tag).
 */
final class ProjectionETags {

	/** Request attribute: the tag of the version the answer is computed at. */
	static final String ATTRIBUTE = ProjectionETags.class.getName() + ".tag";

	/** No caching without asking: a cache must revalidate before every reuse. */
	static final String CACHE_CONTROL = "private, no-cache";

	private ProjectionETags() {
	}

	/**
	 * The tag of a version. It names the current month too: monthly answers without an
	 * explicit range depend on it.
	 */
	static String tag(String version) {
		return "W/\"" + version + "." + YearMonth.now(ZoneOffset.UTC) + "\"";
	}

	/**
	 * Whether {@code ifNoneMatch} (a request's {@code If-None-Match}, possibly null)
	 * names {@code tag}, by the weak comparison of RFC 9110.
	 */
	static boolean matches(String ifNoneMatch, String tag) {
		if (ifNoneMatch == null) {
			return false;
		}
		String opaque = opaque(tag);
		for (String candidate : ifNoneMatch.split(",")) {
			String trimmed = candidate.trim();
			if (trimmed.equals("*") || opaque(trimmed).equals(opaque)) {
				return true;
			}
		}
		return false;
	}

	/** The tag the filter chose for this request, or null. */
	static String of(ServerHttpRequest request) {
		return (request instanceof ServletServerHttpRequest servlet
				&& servlet.getServletRequest().getAttribute(ATTRIBUTE) instanceof String tag) ? tag : null;
	}

	private static String opaque(String tag) {
		return tag.startsWith("W/") ? tag.substring(2) : tag;
	}

}
