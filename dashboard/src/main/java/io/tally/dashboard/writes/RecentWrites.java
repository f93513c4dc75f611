package io.tally.dashboard.writes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.SessionScope;

/**
 * The user's own changes that the next revenue read must include (read-your-writes): each
 * change the dashboard makes for the user is remembered as {@code <invoiceId>:<version>}
 * and sent once as {@code Tally-After}.
 */
@Component
@SessionScope
public class RecentWrites {

	/** Older changes are surely in the projection, or the user has moved on. */
	static final Duration REMEMBERED = Duration.ofSeconds(30);

	/** A header value stays short even after a burst of changes. */
	static final int MAX = 20;

	private final Clock clock;

	private final List<Write> writes = new ArrayList<>();

	RecentWrites(Clock clock) {
		this.clock = clock;
	}

	/** The user changed {@code invoiceId}; the change has {@code version}. */
	public synchronized void record(UUID invoiceId, long version) {
		this.writes.add(new Write(invoiceId, version, this.clock.instant()));
		while (this.writes.size() > MAX) {
			this.writes.remove(0);
		}
	}

	/**
	 * The {@code Tally-After} value of the remembered changes (then forgotten: one read
	 * waits for them), or {@code null} when there are none.
	 */
	public synchronized String takeAfter() {
		Instant oldest = this.clock.instant().minus(REMEMBERED);
		String after = this.writes.stream()
			.filter((write) -> write.at().isAfter(oldest))
			.map((write) -> write.invoiceId() + ":" + write.version())
			.collect(Collectors.joining(", "));
		this.writes.clear();
		return after.isEmpty() ? null : after;
	}

	private record Write(UUID invoiceId, long version, Instant at) {
	}

}
