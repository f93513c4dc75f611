package io.tally.systemtests;

import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.tally.systemtests.ExpectedRevenue.Figures;
import io.tally.testsupport.http.JsonHttp;
import tools.jackson.databind.JsonNode;

/**
 * revenue-service's read API as documented in docs/api.md.
 */
final class RevenueApi {

	private final JsonHttp http;

	RevenueApi(JsonHttp http) {
		this.http = http;
	}

	/**
	 * Revenue summary: totals by currency, customer count, time of the last applied
	 * event.
	 */
	record Summary(Map<String, Figures> totals, long customerCount, String lastEventAt) {
	}

	/**
	 * (currency, month) → figures for {@code [from, to]}; {@code currency} null means
	 * every currency with data.
	 */
	Map<String, Map<YearMonth, Figures>> monthly(YearMonth from, YearMonth to, String currency) {
		String url = "/api/revenue/monthly?from=" + from + "&to=" + to
				+ ((currency != null) ? "&currency=" + currency : "");
		Map<String, Map<YearMonth, Figures>> result = new TreeMap<>();
		for (JsonNode row : this.http.get(url).expect(200).json()) {
			Figures previous = result.computeIfAbsent(row.path("currency").asString(), (c) -> new TreeMap<>())
				.put(YearMonth.parse(row.path("month").asString()), figures(row));
			if (previous != null) {
				throw new AssertionError("Month listed twice in " + url + ": " + row);
			}
		}
		return result;
	}

	Optional<Map<String, Figures>> customer(String customerId) {
		JsonHttp.Response response = this.http.get("/api/revenue/customers/" + customerId).expect(200, 404);
		if (response.status() == 404) {
			return Optional.empty();
		}
		return Optional.of(totals(response.json().path("totals")));
	}

	Summary summary() {
		JsonNode body = this.http.get("/api/revenue/summary").expect(200).json();
		JsonNode lastEventAt = body.path("lastEventAt");
		return new Summary(totals(body.path("totals")), body.path("customerCount").asLong(),
				(lastEventAt.isMissingNode() || lastEventAt.isNull()) ? null : lastEventAt.asString());
	}

	private static Map<String, Figures> totals(JsonNode totals) {
		Map<String, Figures> result = new TreeMap<>();
		for (JsonNode total : totals) {
			result.put(total.path("currency").asString(), figures(total));
		}
		return result;
	}

	private static Figures figures(JsonNode node) {
		return new Figures(node.path("invoicedMinor").asLong(), node.path("collectedMinor").asLong(),
				node.path("pendingMinor").asLong(), node.path("invoiceCount").asLong(0));
	}

}
