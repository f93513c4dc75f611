package io.tally.revenue.projection.kafka;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Reads the REST API the way a dashboard does and renders answers as compact strings for
 * assertions.
 */
final class RevenueApi {

	private final MockMvc mvc;

	private final JsonMapper json;

	RevenueApi(MockMvc mvc, JsonMapper json) {
		this.mvc = mvc;
		this.json = json;
	}

	/** Entries as {@code "2026-11 USD 100/0/100"} (invoiced/collected/pending). */
	List<String> monthly(String from, String to, String currency) {
		String uri = "/api/revenue/monthly?from=" + from + "&to=" + to
				+ ((currency != null) ? "&currency=" + currency : "");
		List<String> entries = new ArrayList<>();
		for (JsonNode entry : read(uri, 200)) {
			entries.add(entry.get("month").asString() + " " + entry.get("currency").asString() + " "
					+ entry.get("invoicedMinor").asLong() + "/" + entry.get("collectedMinor").asLong() + "/"
					+ entry.get("pendingMinor").asLong());
		}
		return entries;
	}

	/** Totals as {@code "USD 100/0/100 x1"}, or {@code null} when the API answers 404. */
	List<String> customer(Object customerId) {
		JsonNode body = read("/api/revenue/customers/" + customerId, -1);
		if (body.has("status") && body.get("status").asInt() == 404) {
			return null;
		}
		return totals(body.get("totals"));
	}

	/** The summary body. */
	JsonNode summary() {
		return read("/api/revenue/summary", 200);
	}

	static List<String> totals(Iterable<JsonNode> totals) {
		List<String> result = new ArrayList<>();
		for (JsonNode t : totals) {
			result.add(t.get("currency").asString() + " " + t.get("invoicedMinor").asLong() + "/"
					+ t.get("collectedMinor").asLong() + "/" + t.get("pendingMinor").asLong() + " x"
					+ t.get("invoiceCount").asLong());
		}
		return result;
	}

	JsonNode read(String uri, int expectedStatus) {
		try {
			MvcResult result = this.mvc.perform(get(uri)).andReturn();
			int status = result.getResponse().getStatus();
			if (expectedStatus > 0 && status != expectedStatus) {
				throw new AssertionError(
						uri + " answered " + status + ": " + result.getResponse().getContentAsString());
			}
			return this.json.readTree(result.getResponse().getContentAsString());
		}
		catch (AssertionError ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
