package io.tally.systemtests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * invoice-service's REST API as documented in api.md.
 */
final class InvoiceApi {

	private final Http http;

	private final String baseUrl;

	InvoiceApi(Http http, String baseUrl) {
		this.http = http;
		this.baseUrl = baseUrl;
	}

	Invoice create(String body, String idempotencyKey) {
		Map<String, String> headers = (idempotencyKey != null) ? Map.of("Idempotency-Key", idempotencyKey) : Map.of();
		return Invoice.from(this.http.post(this.baseUrl + "/api/invoices", body, headers).expect(200, 201).body());
	}

	Invoice replace(Invoice desired) {
		return Invoice.from(this.http.put(url(desired.id()), desired.replacementBody(), Map.of()).expect(200).body());
	}

	Http.Response replaceIfMatch(Invoice desired, long expectedVersion) {
		return this.http.put(url(desired.id()), desired.replacementBody(),
				Map.of("If-Match", "\"" + expectedVersion + "\""));
	}

	Invoice pay(String id, Instant paidAt) {
		String body = (paidAt != null) ? "{\"paidAt\":\"" + paidAt + "\"}" : "{}";
		return Invoice.from(this.http.post(url(id) + "/payment", body, Map.of()).expect(200).body());
	}

	void delete(String id) {
		this.http.delete(url(id)).expect(204);
	}

	Optional<Invoice> find(String id) {
		Http.Response response = this.http.get(url(id)).expect(200, 404);
		return (response.status() == 200) ? Optional.of(Invoice.from(response.body())) : Optional.empty();
	}

	/** Every invoice, read page by page (nothing writes while this runs). */
	Map<String, Invoice> all() {
		Map<String, Invoice> invoices = new LinkedHashMap<>();
		long total = -1;
		for (int page = 0; total < 0 || invoices.size() < total; page++) {
			JsonNode body = this.http.get(this.baseUrl + "/api/invoices?page=" + page + "&size=200").expect(200).body();
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

	private String url(String id) {
		return this.baseUrl + "/api/invoices/" + id;
	}

}
