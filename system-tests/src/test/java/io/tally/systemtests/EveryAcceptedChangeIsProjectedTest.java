package io.tally.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;

import io.tally.localstack.LocalStack;
import io.tally.localstack.Service;
import io.tally.systemtests.ExpectedRevenue.Figures;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A property over the whole system: random requests to invoice-service — valid and
 * invalid amounts and currencies, dates at, inside and beyond the edges of the date
 * window, every combination of status and paidAt — are either refused with a 400 naming a
 * field or accepted, never answered with a 5xx; and every accepted change reaches
 * revenue-service as an event it applies: no new dead letter, and every figure equals
 * what the rules give for invoice-service's final state. A failing run prints its seed;
 * replay it with {@code -Dtally.seed=<seed>}.
 * <p>
 * It runs last on the shared stack. Its customers are its own, and so are the currencies
 * whose monthly and total figures it compares (the other tests use only
 * {@link #OTHER_TESTS_CURRENCIES}); its invoices in those (a creation without currency is
 * in USD) are checked through their customers' figures.
 */
@Order(5)
class EveryAcceptedChangeIsProjectedTest {

	private static final int REQUESTS = 400;

	private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

	/** Month ranges that hold every month a valid date can fall in (see dates()). */
	private static final List<YearMonth[]> MONTH_RANGES = List.of(
			new YearMonth[] { YearMonth.of(1900, 1), YearMonth.of(1900, 12) },
			new YearMonth[] { YearMonth.of(2199, 1), YearMonth.of(2199, 12) },
			new YearMonth[] { YearMonth.from(TODAY).minusMonths(26), YearMonth.from(TODAY).plusMonths(3) });

	/** The currencies the other tests on the shared stack write in. */
	private static final Set<String> OTHER_TESTS_CURRENCIES = Set.of("USD", "EUR", "GBP", "JPY", "NOK");

	/** Every ISO 4217 code the JDK knows but those. */
	private static final List<String> OWN_CURRENCIES = Currency.getAvailableCurrencies()
		.stream()
		.map(Currency::getCurrencyCode)
		.filter((code) -> !OTHER_TESTS_CURRENCIES.contains(code))
		.sorted()
		.toList();

	private static final Set<Integer> ANSWERS = Set.of(200, 201, 204, 400);

	private static LocalStack stack;

	private static JsonHttp invoiceHttp;

	private static InvoiceApi invoices;

	private static RevenueApi revenue;

	@BeforeAll
	static void sharedStack() throws Exception {
		SharedStack shared = SharedStack.get();
		stack = shared.stack();
		invoiceHttp = new JsonHttp(stack.url(Service.INVOICE_SERVICE), stack.accessTokens()::authorization);
		invoices = new InvoiceApi(invoiceHttp);
		revenue = shared.revenue();
	}

	@Test
	void everyRequestTheApiAcceptsIsAppliedByTheProjectionAndNoneFailsWithA5xx() {
		long seed = Long.getLong("tally.seed", System.nanoTime());
		System.out.println("Property test seed " + seed + " (rerun with -Dtally.seed=" + seed + ")");
		try {
			double deadLetteredBefore = deadLettered();
			Requests requests = new Requests(new Random(seed));
			for (int i = 0; i < REQUESTS; i++) {
				requests.next();
			}
			System.out.println("Property test answers: " + requests.answers);
			assertThat(requests.answers).as("some requests accepted, some refused").containsKeys("201", "400");

			Map<String, Invoice> finalState = new TreeMap<>();
			requests.customers.forEach((customer) -> finalState.putAll(invoices.ofCustomer(customer)));
			assertThat(finalState).as("invoice-service holds exactly the accepted invoices")
				.isEqualTo(new TreeMap<>(requests.model));
			ExpectedRevenue expected = new ExpectedRevenue(finalState.values());
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertProjected(expected, requests.customers));
			assertThat(deadLettered()).as("records dead-lettered by revenue-service").isEqualTo(deadLetteredBefore);
		}
		catch (AssertionError | RuntimeException ex) {
			throw new AssertionError(
					"Property failed with seed " + seed + " (rerun with -Dtally.seed=" + seed + "): " + ex.getMessage(),
					ex);
		}
	}

	private static void assertProjected(ExpectedRevenue expected, List<String> customers) {
		for (String customer : customers) {
			assertThat(nonZero(revenue.customer(customer).orElse(Map.of()))).as("customer %s", customer)
				.isEqualTo(nonZero(expected.customers.getOrDefault(customer, Map.of())));
		}
		assertThat(own(nonZero(revenue.summary().totals()))).as("summary totals")
			.isEqualTo(own(nonZero(expected.totals)));
		Map<String, Map<YearMonth, Figures>> shown = new TreeMap<>();
		for (YearMonth[] range : MONTH_RANGES) {
			own(revenue.monthly(range[0], range[1], null)).forEach((currency, months) -> months.forEach(
					(month, figures) -> shown.computeIfAbsent(currency, (c) -> new TreeMap<>()).put(month, figures)));
		}
		assertThat(nonZeroMonths(shown)).as("monthly figures").isEqualTo(nonZeroMonths(own(expected.monthly)));
	}

	/** The entries of the currencies no other test writes in. */
	private static <V> Map<String, V> own(Map<String, V> byCurrency) {
		Map<String, V> result = new TreeMap<>(byCurrency);
		result.keySet().removeAll(OTHER_TESTS_CURRENCIES);
		return result;
	}

	private static Map<String, Map<YearMonth, Figures>> nonZeroMonths(Map<String, Map<YearMonth, Figures>> monthly) {
		Map<String, Map<YearMonth, Figures>> result = new TreeMap<>();
		monthly.forEach((currency, months) -> months.forEach((month, figures) -> {
			if (!figures.isZero()) {
				result.computeIfAbsent(currency, (c) -> new TreeMap<>()).put(month, figures);
			}
		}));
		return result;
	}

	private static Map<String, Figures> nonZero(Map<String, Figures> totals) {
		Map<String, Figures> result = new TreeMap<>();
		totals.forEach((currency, figures) -> {
			if (!figures.isZero()) {
				result.put(currency, figures);
			}
		});
		return result;
	}

	private static double deadLettered() {
		return new JsonHttp().get(stack.managementUrl(Service.REVENUE_SERVICE) + "/actuator/prometheus")
			.expect(200)
			.body()
			.lines()
			.filter((line) -> line.startsWith("tally_projection_dead_lettered_total"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	/**
	 * Draws requests and keeps the model: every invoice as the last accepted answer
	 * showed it.
	 */
	private static final class Requests {

		private final Random random;

		final Map<String, Invoice> model = new LinkedHashMap<>();

		final List<String> customers = IntStream.range(0, 6).mapToObj((i) -> UUID.randomUUID().toString()).toList();

		final Map<String, Integer> answers = new TreeMap<>();

		Requests(Random random) {
			this.random = random;
		}

		void next() {
			int draw = this.random.nextInt(100);
			if (this.model.isEmpty() || draw < 50) {
				create();
			}
			else if (draw < 80) {
				replace(any());
			}
			else if (draw < 96) {
				pay(any());
			}
			else {
				delete(any());
			}
		}

		private void create() {
			String body = json(field("customerId", quoted(customer())), field("amountMinor", amount()),
					optional(field("currency", quoted(currency()))), optional(field("status", status())),
					optional(field("issueDate", quoted(date()))), optional(field("paidAt", quoted(instant()))));
			JsonHttp.Response answer = send("POST", "/api/invoices", body);
			if (answer.status() == 201) {
				Invoice created = Invoice.from(answer.json());
				this.model.put(created.id(), created);
			}
		}

		private void replace(Invoice current) {
			String body = json(field("customerId", quoted(customer())), field("amountMinor", amount()),
					field("currency", quoted(currency())), field("status", status()),
					field("issueDate", quoted(date())), optional(field("paidAt", quoted(instant()))));
			accepted(send("PUT", "/api/invoices/" + current.id(), body), 200);
		}

		private void pay(Invoice current) {
			String body = this.random.nextBoolean() ? "{}" : json(field("paidAt", quoted(instant())));
			accepted(send("POST", "/api/invoices/" + current.id() + "/payment", body), 200);
		}

		private void delete(Invoice current) {
			if (send("DELETE", "/api/invoices/" + current.id(), null).status() == 204) {
				this.model.remove(current.id());
			}
		}

		private void accepted(JsonHttp.Response answer, int status) {
			if (answer.status() == status) {
				Invoice changed = Invoice.from(answer.json());
				this.model.put(changed.id(), changed);
			}
		}

		private JsonHttp.Response send(String method, String path, String body) {
			JsonHttp.Response answer = invoiceHttp.send(method, path, body);
			this.answers.merge(Integer.toString(answer.status()), 1, Integer::sum);
			assertThat(answer.status()).as("%s %s %s → %s", method, path, body, answer.body()).isIn(ANSWERS);
			if (answer.status() == 400) {
				assertThat(answer.json().path("errors").path(0).path("field").asString())
					.as("%s %s %s → %s names a field", method, path, body, answer.body())
					.isNotEmpty();
			}
			return answer;
		}

		private Invoice any() {
			List<Invoice> live = new ArrayList<>(this.model.values());
			return live.get(this.random.nextInt(live.size()));
		}

		private String customer() {
			return this.customers.get(this.random.nextInt(this.customers.size()));
		}

		/** Inside 1 … 10^13, at its edges, and beyond them. */
		private String amount() {
			long[] edges = { 0, -1, 1, 10_000_000_000_000L, 10_000_000_000_001L };
			return Long.toString(this.random.nextInt(5) == 0 ? edges[this.random.nextInt(edges.length)]
					: 1 + this.random.nextInt(1_000_000));
		}

		/**
		 * Mostly a few common codes of its own, sometimes any other code the JDK knows,
		 * or an invalid one.
		 */
		private String currency() {
			return switch (this.random.nextInt(10)) {
				case 0 -> OWN_CURRENCIES.get(this.random.nextInt(OWN_CURRENCIES.size()));
				case 1 -> List.of("usd", "ABC", "EURO", "").get(this.random.nextInt(4));
				default -> List.of("CHF", "SEK", "PLN").get(this.random.nextInt(3));
			};
		}

		private String status() {
			return List.of("\"PENDING\"", "\"PENDING\"", "\"PAID\"", "\"PAID\"", "\"PAID\"", "\"OPEN\"")
				.get(this.random.nextInt(6));
		}

		/**
		 * Around the window's first and last day, in the last two years and beyond year 0
		 * and 9999.
		 */
		private String date() {
			return switch (this.random.nextInt(6)) {
				case 0 -> LocalDate.of(1900, 1, 1).plusDays(this.random.nextInt(60) - 20).toString();
				case 1 -> LocalDate.of(2199, 12, 31).plusDays(this.random.nextInt(60) - 40).toString();
				case 2 -> List.of("0000-01-01", "-0001-12-31", "+10000-01-01", "9999-12-31", "1800-02-29")
					.get(this.random.nextInt(5));
				default -> TODAY.minusDays(this.random.nextInt(760) - 60).toString();
			};
		}

		/** Around the window's first instant, in the recent past, in the future. */
		private String instant() {
			Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			return switch (this.random.nextInt(6)) {
				case 0 -> Instant.parse("1900-01-01T00:00:00Z")
					.plus(this.random.nextInt(40 * 24) - 20 * 24, ChronoUnit.HOURS)
					.toString();
				case 1 -> List.of("1899-12-31T23:59:59.999Z", "-0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")
					.get(this.random.nextInt(3));
				case 2 -> now.plus(1 + this.random.nextInt(1000), ChronoUnit.DAYS).toString();
				default -> now.minus(this.random.nextInt(700 * 24), ChronoUnit.HOURS).toString();
			};
		}

		/** The field half of the time, else nothing. */
		private String optional(String field) {
			return this.random.nextBoolean() ? field : null;
		}

		private static String field(String name, String value) {
			return "\"" + name + "\":" + value;
		}

		private static String quoted(String value) {
			return "\"" + value + "\"";
		}

		private static String json(String... fields) {
			StringBuilder json = new StringBuilder("{");
			for (String field : fields) {
				if (field != null) {
					json.append((json.length() > 1) ? "," : "").append(field);
				}
			}
			return json.append('}').toString();
		}

	}

}
