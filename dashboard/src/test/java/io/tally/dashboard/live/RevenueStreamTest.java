package io.tally.dashboard.live;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.tally.dashboard.api.MonthFigures;
import io.tally.dashboard.api.RevenueChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay of revenue-service's stream, against a fake upstream that serves scripted
 * lines.
 */
class RevenueStreamTest {

	private static final String CHANGE = "{\"watermark\":\"2026-03-05T10:00:00Z\",\"months\":[{\"month\":\"2026-03\","
			+ "\"currency\":\"EUR\",\"invoicedMinor\":1000,\"collectedMinor\":400,\"pendingMinor\":600}],"
			+ "\"customers\":[],\"totals\":[{\"currency\":\"EUR\",\"invoicedMinor\":1000,\"collectedMinor\":400,"
			+ "\"pendingMinor\":600,\"invoiceCount\":2}]}";

	private final List<RevenueChange> changes = new CopyOnWriteArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private RevenueStream stream;

	@AfterEach
	void stop() {
		if (this.stream != null) {
			this.stream.stop();
		}
	}

	@Test
	void handsOnEveryRevenueChangeWithItsAbsoluteFigures() {
		start(() -> Stream.of(": heartbeat", "", "event: revenue-changed", "id: 1", "data: " + CHANGE, "",
				"event: other", "data: {}", ""), () -> Stream.of());

		await().atMost(Duration.ofSeconds(5)).until(() -> this.changes.size() == 1);
		RevenueChange change = this.changes.get(0);
		assertThat(change.watermark()).isEqualTo(Instant.parse("2026-03-05T10:00:00Z"));
		assertThat(change.months()).containsExactly(new MonthFigures(YearMonth.of(2026, 3), "EUR", 1000, 400, 600));
		assertThat(change.totals()).singleElement()
			.satisfies((totals) -> assertThat(totals.invoiceCount()).isEqualTo(2));
	}

	@Test
	void skipsAnEventThatIsNotARevenueChangeAndKeepsReading() {
		start(() -> Stream.of("event: revenue-changed", "data: not json", "", "event: revenue-changed",
				"data: " + CHANGE, ""), () -> Stream.of());

		await().atMost(Duration.ofSeconds(5)).until(() -> this.changes.size() == 1);
		assertThat(this.changes.get(0).months()).hasSize(1);
	}

	@Test
	void anEventAskingToReadEverythingAgainIsReportedLikeARestart() {
		start(() -> Stream.of("event: ready", "data: {\"watermark\":null}", "", "event: revenue-changed",
				"data: " + CHANGE.replace("}]}", "}],\"refresh\":true}"), ""), () -> Stream.of());

		// the first start, then the refresh, then the empty second stream
		await().atMost(Duration.ofSeconds(5)).until(() -> this.connections.get() >= 3);
		assertThat(this.changes).isEmpty();
	}

	@Test
	void subscribesAgainAfterTheStreamBreaksOrCannotBeOpenedAndReportsEachStart() {
		start(() -> Stream.of("event: revenue-changed", "data: " + CHANGE, ""), () -> {
			throw new IOException("revenue-service answered 503");
		}, () -> Stream.of("event: revenue-changed", "data: " + CHANGE, ""));

		// three streams opened: the two scripted ones and the idle one after them; the
		// failed attempt is no start
		await().atMost(Duration.ofSeconds(5)).until(() -> this.connections.get() == 3);
		assertThat(this.changes).hasSize(2);
	}

	private void start(RevenueStream.Upstream... attempts) {
		BlockingQueue<RevenueStream.Upstream> script = new LinkedBlockingQueue<>(List.of(attempts));
		RevenueStream.Upstream upstream = () -> {
			RevenueStream.Upstream next = script.poll();
			if (next == null) {
				// nothing more scripted: the stream stays open and idle, as a quiet
				// service's does
				return Stream.generate(() -> {
					try {
						Thread.sleep(50);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return ": idle";
				});
			}
			return next.open();
		};
		this.stream = new RevenueStream(upstream, JsonMapper.builder().build(), this.changes::add,
				this.connections::incrementAndGet, Duration.ofMillis(10), Duration.ofMillis(50));
		this.stream.start();
	}

}
