package io.tally.revenue.projection.kafka;

import java.util.ArrayList;
import java.util.List;

import io.tally.testsupport.http.JsonHttp;
import tools.jackson.databind.JsonNode;

/**
 * Reads the REST API over HTTP the way a dashboard does and renders answers as compact
 * strings for assertions.
 */
public final class RevenueApi {

	private final JsonHttp http;

	public RevenueApi(JsonHttp http) {
		this.http = http;
	}

	/**
	 * Entries as {@code "2026-11 USD 100/0/100"} (invoiced/collected/pending).
	 * @param headers request headers, name and value in turn
	 */
	public List<String> monthly(String from, String to, String currency, String... headers) {
		String uri = "/api/revenue/monthly?from=" + from + "&to=" + to
				+ ((currency != null) ? "&currency=" + currency : "");
		List<String> entries = new ArrayList<>();
		for (JsonNode entry : read(uri, 200, headers)) {
			entries.add(entry.get("month").asString() + " " + entry.get("currency").asString() + " "
					+ entry.get("invoicedMinor").asLong() + "/" + entry.get("collectedMinor").asLong() + "/"
					+ entry.get("pendingMinor").asLong());
		}
		return entries;
	}

	/** Totals as {@code "USD 100/0/100 x1"}, or {@code null} when the API answers 404. */
	public List<String> customer(Object customerId) {
		JsonNode body = read("/api/revenue/customers/" + customerId, -1);
		if (body.has("status") && body.get("status").asInt() == 404) {
			return null;
		}
		return totals(body.get("totals"));
	}

	/** The summary body. */
	public JsonNode summary() {
		return read("/api/revenue/summary", 200);
	}

	public static List<String> totals(Iterable<JsonNode> totals) {
		List<String> result = new ArrayList<>();
		for (JsonNode t : totals) {
			result.add(t.get("currency").asString() + " " + t.get("invoicedMinor").asLong() + "/"
					+ t.get("collectedMinor").asLong() + "/" + t.get("pendingMinor").asLong() + " x"
					+ t.get("invoiceCount").asLong());
		}
		return result;
	}

	public JsonNode read(String uri, int expectedStatus, String... headers) {
		JsonHttp.Response response = this.http.get(uri, headers);
		if (expectedStatus > 0) {
			response.expect(expectedStatus);
		}
		return response.json();
	}

}
