package io.tally.revenue.freshness;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.tally.events.InvoiceStatus;
import io.tally.events.testing.InvoiceEvents;
import io.tally.revenue.IntegrationTestBase;
import io.tally.revenue.projection.kafka.EventProducer;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes over real HTTP, a real broker and PostgreSQL: a read naming a change
 * in {@code Tally-After} answers with that change included, at once after the event was
 * acknowledged by the broker — never with figures from before it.
 */
class ReadYourWritesTest extends IntegrationTestBase {

	private static final LocalDate ISSUED = LocalDate.of(2151, 4, 9);

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
	void aReadNamingAChangeAlwaysIncludesIt() {
		JsonHttp http = JsonHttp.localhost(this.port);
		for (int i = 1; i <= 200; i++) {
			UUID invoice = UUID.randomUUID();
			UUID customer = UUID.randomUUID();
			events.send(InvoiceEvents.created(invoice, customer, 1_000 + i, "EUR", ISSUED));
			JsonHttp.Response created = http.get("/api/revenue/customers/" + customer, ChangeRef.HEADER,
					invoice + ":1");
			assertThat(created.status()).as("read %d", i).isEqualTo(200);
			assertThat(created.header("Tally-Consistency")).contains("included");
			assertThat(created.json().at("/totals/0/invoicedMinor").asLong()).isEqualTo(1_000 + i);

			events.send(InvoiceEvents.paid(invoice, 2, customer, 1_000 + i, "EUR", ISSUED,
					Instant.parse("2151-04-10T08:00:00Z")));
			JsonHttp.Response paid = http.get("/api/revenue/customers/" + customer, ChangeRef.HEADER, invoice + ":2");
			assertThat(paid.header("Tally-Consistency")).contains("included");
			assertThat(paid.json().at("/totals/0/collectedMinor").asLong()).as("read %d after payment", i)
				.isEqualTo(1_000 + i);
		}
	}

	@Test
	void aChangeThatNeverComesIsAnsweredStaleWithTheCurrentFigures() {
		JsonHttp http = JsonHttp.localhost(this.port);
		UUID invoice = UUID.randomUUID();
		UUID customer = UUID.randomUUID();
		events.send(InvoiceEvents.created(invoice, customer, 4_200, "EUR", ISSUED));
		http.get("/api/revenue/customers/" + customer, ChangeRef.HEADER, invoice + ":1").expect(200);

		JsonHttp.Response response = http.get("/api/revenue/customers/" + customer, ChangeRef.HEADER, invoice + ":7");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Tally-Consistency")).contains("stale");
		assertThat(response.json().at("/totals/0/invoicedMinor").asLong()).isEqualTo(4_200);
	}

	@Test
	void aMalformedTallyAfterIsABadRequest() {
		JsonHttp.Response response = JsonHttp.localhost(this.port)
			.get("/api/revenue/summary", ChangeRef.HEADER, "not-an-invoice:x");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode error = response.json().at("/errors/0");
		assertThat(error.get("field").asString()).isEqualTo(ChangeRef.HEADER);
	}

	@Test
	void everyAnswerSaysHowFreshItIs() {
		JsonHttp http = JsonHttp.localhost(this.port);
		UUID invoice = UUID.randomUUID();
		var event = InvoiceEvents.updated(invoice, 1, UUID.randomUUID(), 500, "USD", InvoiceStatus.PENDING, ISSUED,
				null);
		events.send(event);
		http.get("/api/revenue/summary", ChangeRef.HEADER, invoice + ":1").expect(200);

		for (String path : new String[] { "/api/revenue/summary", "/api/revenue/monthly?currency=USD",
				"/api/revenue/customers/" + event.getCustomerId() }) {
			JsonHttp.Response response = http.get(path).expect(200);
			assertThat(response.header(Watermark.HEADER)).as(path)
				.hasValueSatisfying(
						(watermark) -> assertThat(Instant.parse(watermark)).isAfterOrEqualTo(event.getOccurredAt()));
		}
	}

}
