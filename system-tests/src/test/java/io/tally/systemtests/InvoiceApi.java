package io.tally.systemtests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tally.testsupport.http.JsonHttp;
import tools.jackson.databind.JsonNode;

/**
 * invoice-service's REST API as documented in docs/api.md.
 */
final class InvoiceApi {

	private final JsonHttp http;

	InvoiceApi(JsonHttp http) {
		this.http = http;
	}

	Invoice create(String body, String idempotencyKey) {
		String[] headers = (idempotencyKey != null) ? new String[] { "Idempotency-Key", idempotencyKey }
				: new String[0];
		return Invoice.from(this.http.post("/api/invoices", body, headers).expect(200, 201).json());
	}

	Invoice replace(Invoice desired) {
		return Invoice.from(this.http.put(url(desired.id()), desired.replacementBody()).expect(200).json());
	}

	JsonHttp.Response replaceIfMatch(Invoice desired, long expectedVersion) {
		return this.http.put(url(desired.id()), desired.replacementBody(), "If-Match", "\"" + expectedVersion + "\"");
	}

	Invoice pay(String id, Instant paidAt) {
		String body = (paidAt != null) ? "{\"paidAt\":\"" + paidAt + "\"}" : "{}";
		return Invoice.from(this.http.post(url(id) + "/payment", body).expect(200).json());
	}

	void delete(String id) {
		this.http.delete(url(id)).expect(204);
	}

	Optional<Invoice> find(String id) {
		JsonHttp.Response response = this.http.get(url(id)).expect(200, 404);
		return (response.status() == 200) ? Optional.of(Invoice.from(response.json())) : Optional.empty();
	}

	/** Every invoice, read page by page (nothing writes while this runs). */
	Map<String, Invoice> all() {
		return listed("/api/invoices?");
	}

	/** Every invoice of a customer, read page by page. */
	Map<String, Invoice> ofCustomer(String customerId) {
		return listed("/api/invoices?customerId=" + customerId + "&");
	}

	private Map<String, Invoice> listed(String query) {
		Map<String, Invoice> invoices = new LinkedHashMap<>();
		long total = -1;
		for (int page = 0; total < 0 || invoices.size() < total; page++) {
			JsonNode body = this.http.get(query + "page=" + page + "&size=200").expect(200).json();
			total = body.path("totalElements").asLong();
			List<JsonNode> content = new ArrayList<>();
			body.path("content").forEach(content::add);
			if (content.isEmpty()) {
				break;
			}
			content.stream().map(Invoice::from).forEach((invoice) -> invoices.put(invoice.id(), invoice));
		}
		if (invoices.size() != total) {
			throw new AssertionError("Listed " + invoices.size() + " invoices but totalElements is " + total);
		}
		return invoices;
	}

	private static String url(String id) {
		return "/api/invoices/" + id;
	}

}
