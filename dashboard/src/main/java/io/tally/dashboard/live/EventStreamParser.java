package io.tally.dashboard.live;

import java.util.Optional;

/**
 * Reads {@code text/event-stream} line by line: fields {@code event}, {@code id},
 * {@code data} (several lines join with a line break), comments ignored, a blank line
 * ends an event.
 */
final class EventStreamParser {

	private String id;

	private String name;

	private StringBuilder data;

	/**
	 * One server-sent event.
	 *
	 * @param id its {@code id}, or {@code null}
	 * @param name its {@code event}, {@code message} when absent
	 * @param data its {@code data}
	 */
	record Event(String id, String name, String data) {
	}

	/** Feeds one line (without its line break); an event is complete at a blank line. */
	Optional<Event> line(String line) {
		if (line.isEmpty()) {
			return dispatch();
		}
		if (line.startsWith(":")) {
			return Optional.empty();
		}
		int colon = line.indexOf(':');
		String field = (colon < 0) ? line : line.substring(0, colon);
		String value = (colon < 0) ? "" : line.substring(colon + 1);
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		switch (field) {
			case "id" -> this.id = value;
			case "event" -> this.name = value;
			case "data" -> {
				if (this.data == null) {
					this.data = new StringBuilder(value);
				}
				else {
					this.data.append('\n').append(value);
				}
			}
			default -> {
				// "retry" and unknown fields: nothing to do for a server-side reader
			}
		}
		return Optional.empty();
	}

	private Optional<Event> dispatch() {
		Optional<Event> event = (this.data != null)
				? Optional.of(new Event(this.id, (this.name != null) ? this.name : "message", this.data.toString()))
				: Optional.empty();
		this.name = null;
		this.data = null;
		return event;
	}

}
