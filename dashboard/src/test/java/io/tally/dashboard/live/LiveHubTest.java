package io.tally.dashboard.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.tally.dashboard.DashboardProperties;
import io.tally.dashboard.api.CurrencyTotals;
import io.tally.dashboard.api.RevenueChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LiveHubTest {

	private final LiveHub hub = new LiveHub(new DashboardProperties(null, null, null, new DashboardProperties.Live(true,
			Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 3)));

	@AfterEach
	void stop() {
		this.hub.destroy();
	}

	@Test
	void aPageRenderedJustBeforeAChangeStillReceivesItWhenItsBrowserConnects() {
		CountingView view = new CountingView();
		TrackedView tracked = new TrackedView(view, this.hub.position());
		this.hub.publish(change(1));
		RecordingEmitter browser = new RecordingEmitter();

		this.hub.subscribe("session", "view", tracked, browser);

		await().atMost(Duration.ofSeconds(5)).until(() -> browser.data.size() == 1);
		assertThat(browser.data).as("no snapshot: the page shows what was rendered").containsExactly("change 1");
		assertThat(view.reloads).hasValue(0);
	}

	@Test
	void aReconnectingBrowserGetsThePagesFiguresFirst() {
		TrackedView tracked = new TrackedView(new CountingView(), this.hub.position());
		RecordingEmitter first = new RecordingEmitter();
		this.hub.subscribe("session", "view", tracked, first);
		this.hub.publish(change(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> first.data.size() == 1);
		RecordingEmitter again = new RecordingEmitter();

		this.hub.subscribe("session", "view", tracked, again);
		this.hub.publish(change(2));

		await().atMost(Duration.ofSeconds(5)).until(() -> again.data.size() >= 2);
		assertThat(again.data).containsExactly("snapshot", "change 2");
	}

	@Test
	void sendsEveryLaterChangeInOrderOnce() {
		RecordingEmitter browser = connect(new CountingView());
		this.hub.publish(change(1));
		this.hub.publish(change(2));

		await().atMost(Duration.ofSeconds(5)).until(() -> browser.data.size() == 2);
		assertThat(browser.data).containsExactly("change 1", "change 2");
	}

	@Test
	void reloadsAPageWhoseMissedChangesAreNoLongerKept() {
		CountingView view = new CountingView();
		TrackedView tracked = new TrackedView(view, this.hub.position());
		for (int i = 1; i <= 6; i++) {
			this.hub.publish(change(i));
		}
		RecordingEmitter browser = new RecordingEmitter();

		this.hub.subscribe("session", "view", tracked, browser);

		await().atMost(Duration.ofSeconds(5)).until(() -> browser.data.size() == 1);
		assertThat(view.reloads).hasValue(1);
		assertThat(browser.data).containsExactly("snapshot");
	}

	@Test
	void aBreakOfTheUpstreamDisconnectsBrowsersAndMakesTheirPagesReload() {
		CountingView view = new CountingView();
		TrackedView tracked = new TrackedView(view, this.hub.position());
		RecordingEmitter first = new RecordingEmitter();
		this.hub.subscribe("session", "view", tracked, first);

		this.hub.gap();

		assertThat(first.completed).isTrue();
		RecordingEmitter again = new RecordingEmitter();
		this.hub.subscribe("session", "view", tracked, again);
		assertThat(view.reloads).hasValue(1);
	}

	@Test
	void closesTheConnectionsOfAnEndedSessionOnly() {
		RecordingEmitter mine = new RecordingEmitter();
		RecordingEmitter other = new RecordingEmitter();
		this.hub.subscribe("mine", "a", new TrackedView(new CountingView(), this.hub.position()), mine);
		this.hub.subscribe("other", "b", new TrackedView(new CountingView(), this.hub.position()), other);

		this.hub.closeSession("mine");

		assertThat(mine.completed).isTrue();
		assertThat(other.completed).isFalse();
		assertThat(this.hub.connections()).isEqualTo(1);
	}

	@Test
	void disconnectsABrowserThatFallsTooFarBehind() {
		BlockedEmitter slow = new BlockedEmitter();
		this.hub.subscribe("session", "view", new TrackedView(new CountingView(), this.hub.position()), slow);
		this.hub.publish(change(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> slow.blocked);

		for (int i = 2; i <= 11; i++) {
			this.hub.publish(change(i));
		}

		assertThat(slow.completed).isTrue();
		assertThat(this.hub.connections()).isZero();
		slow.release();
	}

	private RecordingEmitter connect(LiveView view) {
		RecordingEmitter browser = new RecordingEmitter();
		this.hub.subscribe("session", "view", new TrackedView(view, this.hub.position()), browser);
		return browser;
	}

	private static RevenueChange change(int number) {
		return new RevenueChange(Instant.ofEpochSecond(number), List.of(), List.of(),
				List.of(new CurrencyTotals("EUR", number, 0, number, 1)));
	}

	/** A page that renders "snapshot" and "change n". */
	private static final class CountingView implements LiveView {

		final AtomicInteger reloads = new AtomicInteger();

		@Override
		public List<LiveMessage> apply(RevenueChange change) {
			return List.of(LiveMessage.revenue("change " + change.totals().get(0).invoicedMinor()));
		}

		@Override
		public List<LiveMessage> snapshot() {
			return List.of(LiveMessage.revenue("snapshot"));
		}

		@Override
		public void reload() {
			this.reloads.incrementAndGet();
		}

	}

	/** Records the data of what is sent, as the browser would receive it. */
	private static class RecordingEmitter extends SseEmitter {

		final List<String> data = new CopyOnWriteArrayList<>();

		volatile boolean completed;

		@Override
		public void send(SseEventBuilder event) {
			event.build()
				.stream()
				.map((part) -> String.valueOf(part.getData()))
				.filter((text) -> !text.contains("event:") && !text.startsWith("id:") && !text.startsWith(":")
						&& !text.isBlank())
				.map(String::strip)
				.forEach(this.data::add);
		}

		@Override
		public void complete() {
			this.completed = true;
		}

	}

	/** A browser whose connection stops taking data. */
	private static final class BlockedEmitter extends RecordingEmitter {

		volatile boolean blocked;

		private final Object lock = new Object();

		private boolean released;

		@Override
		public void send(SseEventBuilder event) {
			synchronized (this.lock) {
				this.blocked = true;
				while (!this.released) {
					try {
						this.lock.wait();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}

		void release() {
			synchronized (this.lock) {
				this.released = true;
				this.lock.notifyAll();
			}
		}

	}

}
