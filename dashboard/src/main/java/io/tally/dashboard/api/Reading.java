package io.tally.dashboard.api;

import java.time.Instant;

/**
 * Figures read from revenue-service with what it said about their freshness.
 *
 * @param <T> the figures
 * @param value the figures
 * @param watermark time of the newest event they include
 * ({@code Tally-Projection-Watermark}), {@code null} when the service did not say
 * @param consistency whether the user's recent changes are included
 */
public record Reading<T>(T value, Instant watermark, Consistency consistency) {

	/** The answer to a {@code Tally-After} request. */
	public enum Consistency {

		/** No change of the user's was waited for. */
		NOT_ASKED,

		/** The figures include the user's recent changes. */
		INCLUDED,

		/**
		 * The service waited and timed out: the figures may miss the user's recent
		 * changes.
		 */
		STALE;

		static Consistency of(String header, boolean asked) {
			if (!asked || header == null) {
				// a service that does not answer Tally-After says nothing either way
				return NOT_ASKED;
			}
			return "stale".equalsIgnoreCase(header.strip()) ? STALE : INCLUDED;
		}

	}

}
