package io.tally.load.drive;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tally.load.StubServer;
import io.tally.load.http.Authorization;
import io.tally.load.http.Endpoint;
import io.tally.load.measure.Stats;
import io.tally.load.workload.Customers;
import io.tally.load.workload.Mix;
import io.tally.load.workload.Operation;
import io.tally.load.workload.Workload;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DriverTest {

	private final StubServer server;

	private final CountDownLatch stall = new CountDownLatch(1);

	private final AtomicInteger served = new AtomicInteger();

	DriverTest() throws IOException {
		this.server = new StubServer();
		this.server.on("/api/revenue/summary", (exchange) -> {
			if (this.served.incrementAndGet() == 20) {
				// the system stalls until the test has seen the schedule fall behind
				this.stall.await(30, TimeUnit.SECONDS);
			}
			StubServer.respond(exchange, 200, "{}");
		});
	}

	@AfterEach
	void stop() {
		this.stall.countDown();
		this.server.close();
	}

	@Test
	void countsLatencyFromTheScheduleSoAStallIsNotHidden() throws InterruptedException {
		Stats stats = new Stats();
		Driver driver = new Driver(new LoadModel(1, 200), Mix.parse("summary", false), workload(), stats);
		long start = System.nanoTime();
		driver.start(start, start + TimeUnit.SECONDS.toNanos(30));
		// at 200/s, 40 requests behind means the stalled request has waited at least 200
		// ms
		await().atMost(Duration.ofSeconds(20)).until(() -> driver.behind(System.nanoTime()) >= 40);
		this.stall.countDown();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.served.get() >= 80);
		driver.stop();
		driver.awaitDone();

		Stats.OperationInterval summary = stats.takeInterval().operations().get(Operation.SUMMARY);
		Histogram latency = summary.latency();
		Histogram service = summary.service();
		assertThat(latency.getTotalCount()).isGreaterThanOrEqualTo(60);
		assertThat(latency.getMaxValue()).as("the stalled request, from its slot").isGreaterThanOrEqualTo(200_000);
		// the requests due during the stall were sent late: their latency includes the
		// wait
		assertThat(latency.getCountBetweenValues(100_000, Long.MAX_VALUE)).isGreaterThanOrEqualTo(20);
		// while serving them was quick once sent
		assertThat(service.getCountBetweenValues(100_000, Long.MAX_VALUE))
			.isLessThan(latency.getCountBetweenValues(100_000, Long.MAX_VALUE) / 2);
	}

	@Test
	void sendsNothingAfterTheEndAndCountsWhatWasNeverSent() throws InterruptedException {
		Stats stats = new Stats();
		Driver driver = new Driver(new LoadModel(1, 200), Mix.parse("summary", false), workload(), stats);
		this.served.set(15);
		long start = System.nanoTime();
		long end = start + TimeUnit.MILLISECONDS.toNanos(500);
		driver.start(start, end);
		// the 5th request stalls past the end of the run
		await().atMost(Duration.ofSeconds(20)).until(() -> this.served.get() == 20 && System.nanoTime() > end);
		this.stall.countDown();
		driver.awaitDone();
		assertThat(this.served.get()).as("no request after the end").isEqualTo(20);
		assertThat(driver.unsent(System.nanoTime())).as("100 due, 5 sent").isEqualTo(95);
	}

	@Test
	void closedLoopKeepsOneRequestInFlightPerConnection() throws InterruptedException {
		this.stall.countDown();
		Stats stats = new Stats();
		Driver driver = new Driver(new LoadModel(3, 0), Mix.parse("summary", false), workload(), stats);
		long start = System.nanoTime();
		driver.start(start, start + TimeUnit.SECONDS.toNanos(30));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.served.get() >= 50);
		driver.stop();
		driver.awaitDone();
		assertThat(driver.behind(System.nanoTime())).isZero();
		assertThat(stats.takeInterval().operations().get(Operation.SUMMARY).latency().getTotalCount())
			.isGreaterThanOrEqualTo(50);
		assertThat(this.server.requests.stream().map(StubServer.Seen::clientPort).distinct()).hasSize(3);
	}

	private Workload workload() {
		return new Workload(Endpoint.of(this.server.url()), Endpoint.of(this.server.url()), Authorization.NONE, 30_000,
				new Customers(1), "USD", 0, (customer, change, at) -> {
				});
	}

}
