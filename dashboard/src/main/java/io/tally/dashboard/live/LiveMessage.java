package io.tally.dashboard.live;

/**
 * One server-sent event for a browser: HTML that htmx swaps in (out-of-band, by element
 * id).
 *
 * @param event the event name
 * @param html the fragment, on one line
 */
public record LiveMessage(String event, String html) {

	/** The event the pages listen to. */
	public static final String REVENUE = "revenue";

	public LiveMessage {
		// SSE data lines end at a line break; HTML does not need them
		html = html.replaceAll("\\s*[\\r\\n]+\\s*", " ");
	}

	/** A fragment for the pages' {@code revenue} listener. */
	public static LiveMessage revenue(String html) {
		return new LiveMessage(REVENUE, html);
	}

}
