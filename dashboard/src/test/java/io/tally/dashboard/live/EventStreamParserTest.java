package io.tally.dashboard.live;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventStreamParserTest {

	@Test
	void readsNamedEventsWithIdsAndJoinsDataLines() {
		List<EventStreamParser.Event> events = parse(": heartbeat", "", "event: revenue-changed", "id: 7",
				"data: {\"a\":", "data: 1}", "", "data:plain", "");

		assertThat(events).containsExactly(new EventStreamParser.Event("7", "revenue-changed", "{\"a\":\n1}"),
				new EventStreamParser.Event("7", "message", "plain"));
	}

	@Test
	void ignoresCommentsAndEventsWithoutData() {
		assertThat(parse(": keep-alive", "", "event: ping", "", "retry: 1000", "")).isEmpty();
	}

	private static List<EventStreamParser.Event> parse(String... lines) {
		EventStreamParser parser = new EventStreamParser();
		List<EventStreamParser.Event> events = new ArrayList<>();
		for (String line : lines) {
			parser.line(line).ifPresent(events::add);
		}
		return events;
	}

}
