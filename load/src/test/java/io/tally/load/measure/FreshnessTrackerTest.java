package io.tally.load.measure;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessTrackerTest {

	private static final long MS = 1_000_000L;

	private long now = 1_000 * MS;

	/** Customers revenue shows, and when they became visible. */
	private final Map<UUID, Long> visibleFrom = new HashMap<>();

	private final Set<UUID> failing = new HashSet<>();

	private final Map<UUID, Integer> polls = new HashMap<>();

	// each probe takes 1 ms (a round trip)
	private final FreshnessTracker tracker = new FreshnessTracker(this::probe, () -> this.now, 5 * MS, 1000 * MS,
			(ack) -> ack >= 1_000 * MS);

	/** The change each probe was told about, per customer. */
	private final Map<UUID, String> changes = new HashMap<>();

	private long probe(UUID customer, String change) throws IOException {
		this.polls.merge(customer, 1, Integer::sum);
		this.changes.put(customer, change);
		this.now += MS;
		if (this.failing.contains(customer)) {
			throw new IOException("503");
		}
		Long from = this.visibleFrom.get(customer);
		return (from != null && this.now >= from) ? 1 : -1;
	}

	@Test
	void measuresFromTheAcknowledgementToTheFirstAnswerShowingTheInvoice() {
		UUID customer = UUID.randomUUID();
		this.tracker.acknowledged(customer, null, this.now);
		this.visibleFrom.put(customer, this.now + 12 * MS);
		pollFor(40 * MS);

		FreshnessTracker.Result result = this.tracker.result();
		assertThat(result.measured()).isEqualTo(1);
		// polled at +1, +6 (5 ms apart), +11, then +16 shows it: 16 ms, at most one poll
		// interval and one round trip late
		assertThat(result.latency().getMaxValue() / 1000).isBetween(12L, 18L);
		assertThat(this.polls.get(customer)).isEqualTo(4);
		assertThat(this.tracker.outstanding()).isZero();
		assertThat(this.tracker.lastVisibleNanos()).isEqualTo(1_016 * MS);
	}

	@Test
	void tellsTheProbeWhichChangeToWaitFor() {
		UUID customer = UUID.randomUUID();
		String change = UUID.randomUUID() + ":1";
		this.tracker.acknowledged(customer, change, this.now);
		this.visibleFrom.put(customer, this.now);
		pollFor(10 * MS);
		assertThat(this.tracker.result().measured()).isEqualTo(1);
		assertThat(this.changes).containsEntry(customer, change);
	}

	@Test
	void countsSamplesThatNeverBecomeVisibleWithoutMeasuringThem() {
		UUID customer = UUID.randomUUID();
		this.tracker.acknowledged(customer, null, this.now);
		this.failing.add(customer);
		pollFor(1_100 * MS);
		FreshnessTracker.Result result = this.tracker.result();
		assertThat(result.timedOut()).isEqualTo(1);
		assertThat(result.visible()).isZero();
		assertThat(result.probeErrors()).isPositive();
		assertThat(result.latency().getTotalCount()).isZero();
		assertThat(this.tracker.outstanding()).isZero();
	}

	@Test
	void keepsWarmUpSamplesOutOfTheMeasuredFigures() {
		UUID warm = UUID.randomUUID();
		this.tracker.acknowledged(warm, null, this.now - 100 * MS);
		this.visibleFrom.put(warm, this.now);
		UUID measured = UUID.randomUUID();
		this.tracker.acknowledged(measured, null, this.now);
		this.visibleFrom.put(measured, this.now);
		pollFor(10 * MS);
		FreshnessTracker.Result result = this.tracker.result();
		assertThat(result.visible()).isEqualTo(2);
		assertThat(result.measured()).isEqualTo(1);
		assertThat(result.latency().getTotalCount()).isEqualTo(1);
		assertThat(this.tracker.takeInterval().getTotalCount()).as("the per-second series shows both").isEqualTo(2);
	}

	@Test
	void pollsManySamplesInOneRound() {
		for (int i = 0; i < 10; i++) {
			UUID customer = UUID.randomUUID();
			this.tracker.acknowledged(customer, null, this.now);
			this.visibleFrom.put(customer, this.now + 3 * MS);
		}
		pollFor(30 * MS);
		assertThat(this.tracker.result().measured()).isEqualTo(10);
		assertThat(this.polls.values()).allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(2));
	}

	@Test
	void pollsSeveralSamplesAtOnceSoOneSlowAnswerDoesNotHoldUpTheOthers() {
		// each probe answers only once four polls are in flight together: one thread
		// polling in turn would never get there, and its polls would fail
		CountDownLatch fourAtOnce = new CountDownLatch(4);
		FreshnessTracker.Probe waitsForTheOthers = (customer, change) -> {
			fourAtOnce.countDown();
			try {
				if (!fourAtOnce.await(10, TimeUnit.SECONDS)) {
					throw new IOException("polled alone");
				}
			}
			catch (InterruptedException ex) {
				throw new IOException(ex);
			}
			return 1;
		};
		try (FreshnessTracker concurrent = new FreshnessTracker(Collections.nCopies(4, waitsForTheOthers),
				System::nanoTime, MS, 60_000 * MS, (ack) -> true)) {
			concurrent.start();
			for (int i = 0; i < 8; i++) {
				concurrent.acknowledged(UUID.randomUUID(), null, System.nanoTime());
			}
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> concurrent.outstanding() == 0);
			assertThat(concurrent.result().measured()).isEqualTo(8);
			assertThat(concurrent.result().probeErrors()).isZero();
		}
	}

	/**
	 * Drives the tracker as its thread would, with time passing only on the fake clock.
	 */
	private void pollFor(long nanos) {
		long until = this.now + nanos;
		while (this.now < until) {
			long wait = this.tracker.pollOnce();
			this.now += Math.max(MS / 10, Math.min(wait, until - this.now));
		}
	}

}
