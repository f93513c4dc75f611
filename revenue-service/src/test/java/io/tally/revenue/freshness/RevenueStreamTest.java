package io.tally.revenue.freshness;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import io.tally.events.testing.InvoiceEvents;
import io.tally.revenue.IntegrationTestBase;
import io.tally.revenue.projection.kafka.EventProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live stream over real HTTP: after an event is applied, every subscriber receives
 * the new figures of the buckets it changed.
 */
class RevenueStreamTest extends IntegrationTestBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
	void subscribersReceiveTheNewFiguresOfWhatChanged() throws Exception {
		try (SseClient first = new SseClient("http://localhost:" + this.port + "/api/revenue/stream");
				SseClient second = new SseClient("http://localhost:" + this.port + "/api/revenue/stream")) {
			assertThat(first.status()).isEqualTo(200);
			assertThat(first.next(Duration.ofSeconds(10)).name()).isEqualTo("ready");
			assertThat(second.next(Duration.ofSeconds(10)).name()).isEqualTo("ready");
			UUID invoice = UUID.randomUUID();
			UUID customer = UUID.randomUUID();

			events.send(InvoiceEvents.created(invoice, customer, 12_345, "CHF", LocalDate.of(2152, 7, 1)));

			for (SseClient client : new SseClient[] { first, second }) {
				JsonNode change = awaitChangeOf(client, customer);
				assertThat(change.get("refresh").asBoolean()).isFalse();
				assertThat(change.get("watermark").asString()).isNotBlank();
				assertThat(change.at("/months/0/month").asString()).isEqualTo("2152-07");
				assertThat(change.at("/months/0/currency").asString()).isEqualTo("CHF");
				assertThat(change.at("/months/0/pendingMinor").asLong()).isEqualTo(12_345);
				JsonNode totals = change.get("totals");
				assertThat(totals.findValuesAsString("currency")).contains("CHF");
			}
		}
	}

	@Test
	void theStreamIsNotPartOfReadYourWritesButCarriesTheWatermarkInItsEvents() throws Exception {
		try (SseClient client = new SseClient("http://localhost:" + this.port + "/api/revenue/stream")) {
			SseClient.Event ready = client.next(Duration.ofSeconds(10));
			assertThat(ready.name()).isEqualTo("ready");
			assertThat(JSON.readTree(ready.data()).has("watermark")).isTrue();
		}
	}

	private static JsonNode awaitChangeOf(SseClient client, UUID customer) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			SseClient.Event event = client.next(Duration.ofSeconds(1));
			if (event == null || !event.name().equals("revenue-changed")) {
				continue;
			}
			JsonNode data = JSON.readTree(event.data());
			for (JsonNode entry : data.get("customers")) {
				if (entry.get("customerId").asString().equals(customer.toString())) {
					assertThat(entry.get("invoiceCount").asLong()).isEqualTo(1);
					assertThat(entry.get("pendingMinor").asLong()).isEqualTo(12_345);
					return data;
				}
			}
		}
		throw new AssertionError("no revenue-changed event for customer " + customer);
	}

}
