package io.tally.dashboard.live;

/**
 * A page's {@link LiveView} with the position of the last change of the hub it includes.
 * Guarded by its own monitor: the sender thread applies changes while a reconnect may
 * read.
 */
final class TrackedView {

	private final LiveView view;

	private long position;

	private boolean connected;

	TrackedView(LiveView view, long position) {
		this.view = view;
		this.position = position;
	}

	LiveView view() {
		return this.view;
	}

	long position() {
		return this.position;
	}

	void position(long position) {
		this.position = position;
	}

	/**
	 * Notes a browser connection; {@code true} for the first one, whose page shows the
	 * figures as rendered and needs no snapshot.
	 */
	boolean firstConnection() {
		boolean first = !this.connected;
		this.connected = true;
		return first;
	}

}
