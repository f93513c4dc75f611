package io.tally.dashboard.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.SessionScope;

/**
 * The live pages of one session, by id: a page registers its figures when it is rendered
 * and its browser connects to {@code /live?view=<id>} right after. Only the newest few
 * are kept, so a session's memory stays bounded however many tabs it opens.
 */
@Component
@SessionScope
public class LiveViews {

	static final int MAX = 4;

	private final LiveHub hub;

	private final Map<String, TrackedView> views = new LinkedHashMap<>(8, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, TrackedView> eldest) {
			return size() > MAX;
		}

	};

	LiveViews(LiveHub hub) {
		this.hub = hub;
	}

	/**
	 * The hub's position; take it before reading the figures a view will show, so that no
	 * change committed after the read is missed.
	 */
	public long mark() {
		return this.hub.position();
	}

	/** Registers a rendered page's figures, read after {@code mark}; returns its id. */
	public synchronized String register(LiveView view, long mark) {
		String id = UUID.randomUUID().toString();
		this.views.put(id, new TrackedView(view, mark));
		return id;
	}

	synchronized TrackedView find(String id) {
		return this.views.get(id);
	}

}
