package io.tally.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo data created through invoice-service's REST API: four customers and a year of USD
 * and EUR invoices, most of the older ones paid, sent with a client-credentials token.
 * Idempotency keys are deterministic, so seeding twice creates nothing new.
 */
final class DemoData {

	static final List<UUID> CUSTOMERS = IntStream.rangeClosed(1, 4)
		.mapToObj((i) -> UUID.nameUUIDFromBytes(("tally-demo-customer-" + i).getBytes(StandardCharsets.UTF_8)))
		.toList();

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final int INVOICES_PER_CUSTOMER_AND_MONTH = 2;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String invoiceServiceUrl;

	private final AccessTokens tokens;

	private final Clock clock;

	DemoData(String invoiceServiceUrl, AccessTokens tokens, Clock clock) {
		this.invoiceServiceUrl = invoiceServiceUrl;
		this.tokens = tokens;
		this.clock = clock;
	}

	/** Creates the invoices and returns how many requests succeeded. */
	int seed() throws IOException, InterruptedException {
		Random random = new Random(42);
		LocalDate today = LocalDate.now(this.clock);
		Instant now = this.clock.instant();
		int created = 0;
		for (int monthsBack = 11; monthsBack >= 0; monthsBack--) {
			LocalDate firstOfMonth = today.minusMonths(monthsBack).withDayOfMonth(1);
			for (int c = 0; c < CUSTOMERS.size(); c++) {
				for (int k = 0; k < INVOICES_PER_CUSTOMER_AND_MONTH; k++) {
					LocalDate issueDate = firstOfMonth.plusDays(random.nextInt(28));
					if (issueDate.isAfter(today)) {
						issueDate = today;
					}
					String currency = switch (c) {
						case 0, 1 -> "USD";
						case 2 -> "EUR";
						default -> random.nextBoolean() ? "USD" : "EUR";
					};
					long amountMinor = 5_000 + random.nextInt(495_000);
					Instant paidAt = null;
					if (random.nextInt(100) < 70) {
						Instant candidate = issueDate.atTime(9, 0)
							.toInstant(ZoneOffset.UTC)
							.plus(1 + random.nextInt(45), ChronoUnit.DAYS);
						paidAt = candidate.isBefore(now) ? candidate : null;
					}
					String key = "tally-demo-" + monthsBack + "-" + c + "-" + k;
					create(key, CUSTOMERS.get(c), amountMinor, currency, issueDate, paidAt);
					created++;
				}
			}
		}
		log.info("Sent {} demo invoices for customers {}", created, CUSTOMERS);
		return created;
	}

	private void create(String idempotencyKey, UUID customer, long amountMinor, String currency, LocalDate issueDate,
			Instant paidAt) throws IOException, InterruptedException {
		String status = (paidAt != null) ? "PAID" : "PENDING";
		String body = "{\"customerId\":\"%s\",\"amountMinor\":%d,\"currency\":\"%s\",\"status\":\"%s\",\"issueDate\":\"%s\"%s}"
			.formatted(customer, amountMinor, currency, status, issueDate,
					(paidAt != null) ? ",\"paidAt\":\"" + paidAt + "\"" : "");
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.invoiceServiceUrl + "/api/invoices"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.header("Authorization", this.tokens.authorization())
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					"Seeding failed: POST /api/invoices answered " + response.statusCode() + ": " + response.body());
		}
	}

}
