package io.tally.dashboard.live;

import java.util.List;

import io.tally.dashboard.api.RevenueChange;

/**
 * The figures one rendered page shows, kept on the server so that each change of the
 * revenue stream can be turned into the exact update (and announcement) that page needs,
 * in the page's language.
 */
public interface LiveView {

	/**
	 * Applies a change to the figures; the messages update the page, empty when nothing
	 * it shows changed.
	 */
	List<LiveMessage> apply(RevenueChange change);

	/** Everything the page shows, for a browser that (re)connects. */
	List<LiveMessage> snapshot();

	/**
	 * Reads the figures again from revenue-service, as the signed-in user (called on the
	 * request thread of the browser's reconnect when changes may have been missed).
	 */
	void reload();

}
