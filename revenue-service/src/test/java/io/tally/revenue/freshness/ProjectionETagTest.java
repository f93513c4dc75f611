package io.tally.revenue.freshness;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.tally.events.InvoiceStatus;
import io.tally.events.invoice.InvoiceEventData;
import io.tally.events.invoice.InvoiceEventType;
import io.tally.events.testing.InvoiceEvents;
import io.tally.revenue.IntegrationTestBase;
import io.tally.revenue.projection.kafka.EventProducer;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP caching of the revenue reads over real HTTP, a real broker and PostgreSQL: a
 * client holding the current version is answered 304, and every change the projection
 * applies — also one of events older than the watermark — ends that.
 */
class ProjectionETagTest extends IntegrationTestBase {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final LocalDate ISSUED = LocalDate.of(2154, 6, 3);

	private static EventProducer events;

	@BeforeAll
	static void producer() {
		events = new EventProducer();
	}

	@AfterAll
	static void close() {
		events.close();
	}

	@Test
	void aClientHoldingTheCurrentVersionIsAnsweredNotModified() {
		JsonHttp http = api();
		UUID customer = UUID.randomUUID();
		events.send(InvoiceEvents.created(UUID.randomUUID(), customer, 1_500, "NOK", ISSUED));
		await().atMost(PATIENCE).until(() -> http.get("/api/revenue/customers/" + customer).status() == 200);

		// other changes may still be arriving: a pair of reads with no notice between
		// them
		await().atMost(PATIENCE).untilAsserted(() -> {
			for (String path : new String[] { "/api/revenue/summary", "/api/revenue/customers/" + customer,
					"/api/revenue/monthly?from=2154-01&to=2154-12&currency=NOK" }) {
				JsonHttp.Response full = http.get(path).expect(200);
				String tag = full.header("ETag").orElseThrow();
				assertThat(tag).startsWith("W/\"");
				assertThat(full.header("Cache-Control")).contains("private, no-cache");

				JsonHttp.Response notModified = http.get(path, "If-None-Match", tag);
				assertThat(notModified.status()).as(path).isEqualTo(304);
				assertThat(notModified.body()).isEmpty();
				assertThat(notModified.header("ETag")).contains(tag);
				assertThat(notModified.header(Watermark.HEADER)).isPresent();
			}
		});
	}

	@Test
	void aChangeOfEventsOlderThanTheWatermarkStillEndsNotModified() {
		JsonHttp http = api();
		UUID customer = UUID.randomUUID();
		events.send(InvoiceEvents.created(UUID.randomUUID(), customer, 2_000, "NOK", ISSUED));
		await().atMost(PATIENCE).until(() -> http.get("/api/revenue/customers/" + customer).status() == 200);
		JsonHttp.Response before = http.get("/api/revenue/customers/" + customer).expect(200);
		String tag = before.header("ETag").orElseThrow();
		Instant watermark = Instant.parse(before.header(Watermark.HEADER).orElseThrow());

		// applying it leaves the watermark's time where it is
		events.send(new InvoiceEventData(UUID.randomUUID().toString(), watermark.minusSeconds(3600),
				UUID.randomUUID().toString(), 1, customer.toString(), 500, "NOK", InvoiceStatus.PENDING, ISSUED, null,
				null)
			.toRecord(InvoiceEventType.CREATED));

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonHttp.Response after = http.get("/api/revenue/customers/" + customer, "If-None-Match", tag);
			assertThat(after.status()).isEqualTo(200);
			assertThat(after.json().at("/totals/0/invoiceCount").asLong()).isEqualTo(2);
			assertThat(after.header("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(tag));
		});
	}

}
