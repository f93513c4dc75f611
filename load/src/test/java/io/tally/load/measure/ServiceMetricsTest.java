package io.tally.load.measure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.tally.load.StubServer;
import io.tally.load.http.Authorization;
import io.tally.load.http.Endpoint;
import io.tally.load.http.HttpConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the metrics the services really expose (captured from a running local stack).
 */
class ServiceMetricsTest {

	private final StubServer invoice;

	private final StubServer revenue;

	private final AtomicReference<String> invoiceText = new AtomicReference<>();

	private final AtomicReference<String> revenueText = new AtomicReference<>();

	private final AtomicLong clock = new AtomicLong(1_000_000_000L);

	ServiceMetricsTest() throws IOException {
		this.invoiceText.set(fixture("invoice-service.prom"));
		this.revenueText.set(fixture("revenue-service.prom"));
		this.invoice = new StubServer().on("/actuator/prometheus",
				(exchange) -> text(exchange, this.invoiceText.get()));
		this.revenue = new StubServer().on("/actuator/prometheus",
				(exchange) -> text(exchange, this.revenueText.get()));
	}

	@AfterEach
	void stop() {
		this.invoice.close();
		this.revenue.close();
	}

	@Test
	void readsTheOutboxBacklogTheConsumerLagAndMemory() {
		try (ServiceMetrics metrics = metrics()) {
			ServiceMetrics.Snapshot snapshot = metrics.scrape();
			assertThat(snapshot.outboxPending()).isEqualTo(1.0);
			assertThat(snapshot.consumerLag()).as("records_lag_max, all revenue-service exposes").isEqualTo(0.0);
			assertThat(snapshot.invoiceMemoryBytes()).isEqualTo(2097152.0 + 3.5924992E7 + 7340032.0 + 1479424.0
					+ 2953856.0 + 1.0924288E7 + 1.0756912E7 + 8.3474032E7);
			assertThat(snapshot.invoiceCpuCores()).as("needs two scrapes").isNull();
			assertThat(metrics.invoiceProblem()).isNull();
		}
	}

	@Test
	void turnsTheCpuTimeCounterIntoCoresBetweenScrapes() {
		try (ServiceMetrics metrics = metrics()) {
			metrics.scrape();
			this.invoiceText.set(this.invoiceText.get().replace("1.828E10", "1.978E10"));
			this.clock.addAndGet(1_000_000_000L);
			assertThat(metrics.scrape().invoiceCpuCores()).isEqualTo(1.5);
		}
	}

	@Test
	void prefersThePerPartitionLagSumWhenExposed() {
		this.revenueText.set(this.revenueText.get() + """
				kafka_consumer_fetch_manager_records_lag{partition="0",topic="invoice-events"} 40.0
				kafka_consumer_fetch_manager_records_lag{partition="1",topic="invoice-events"} 2.0
				kafka_consumer_fetch_manager_records_lag{partition="2",topic="invoice-events"} NaN
				""");
		try (ServiceMetrics metrics = metrics()) {
			assertThat(metrics.scrape().consumerLag()).isEqualTo(42.0);
		}
	}

	@Test
	void saysWhyAServiceCannotBeRead() {
		this.invoice.close();
		try (ServiceMetrics metrics = new ServiceMetrics(
				new HttpConnection(Endpoint.of(this.invoice.url()), 2000, Authorization.NONE), null, this.clock::get)) {
			ServiceMetrics.Snapshot snapshot = metrics.scrape();
			assertThat(snapshot.outboxPending()).isNull();
			assertThat(metrics.invoiceProblem()).contains("/actuator/prometheus");
			assertThat(metrics.revenueProblem()).isEqualTo("not scraped");
		}
	}

	private ServiceMetrics metrics() {
		return new ServiceMetrics(new HttpConnection(Endpoint.of(this.invoice.url()), 5000, Authorization.NONE),
				new HttpConnection(Endpoint.of(this.revenue.url()), 5000, Authorization.NONE), this.clock::get);
	}

	private static void text(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain;version=0.0.4;charset=utf-8");
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static String fixture(String name) throws IOException {
		try (InputStream in = ServiceMetricsTest.class.getResourceAsStream("/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
