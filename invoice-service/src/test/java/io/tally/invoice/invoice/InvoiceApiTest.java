package io.tally.invoice.invoice;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tally.invoice.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST contract of api.md against the real database, over HTTP. */
class InvoiceApiTest extends ServiceIntegrationTest {

	private static String idOf(String json) {
		int start = json.indexOf("\"id\":\"") + 6;
		return json.substring(start, start + 36);
	}

	private static String put(UUID customer, long amount, String status) {
		return "{\"customerId\":\"" + customer + "\",\"amountMinor\":" + amount + ",\"currency\":\"USD\",\"status\":\""
				+ status + "\",\"issueDate\":\"2026-11-02\"}";
	}

	@Test
	void createsReadsListsUpdatesAndDeletes() {
		UUID customer = UUID.randomUUID();
		HttpResponse<String> created = send("POST", "/api/invoices",
				"{\"customerId\":\"" + customer + "\",\"amountMinor\":15795}");
		assertThat(created.statusCode()).isEqualTo(201);
		String id = idOf(created.body());
		assertThat(created.headers().firstValue("Location")).hasValue("/api/invoices/" + id);
		assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
		assertThat(created.body()).contains("\"currency\":\"USD\"", "\"status\":\"PENDING\"", "\"version\":1",
				"\"paidAt\":null");

		HttpResponse<String> read = send("GET", "/api/invoices/" + id, null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).isEqualTo(created.body());

		send("POST", "/api/invoices", "{\"customerId\":\"" + customer + "\",\"amountMinor\":2,\"status\":\"PAID\"}");
		HttpResponse<String> list = send("GET", "/api/invoices?customerId=" + customer + "&size=1", null);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"totalElements\":2", "\"size\":1", "\"page\":0", "\"amountMinor\":2")
			.doesNotContain("\"amountMinor\":15795");
		assertThat(send("GET", "/api/invoices?customerId=" + customer + "&status=PENDING&size=200", null).body())
			.contains("\"totalElements\":1", "\"amountMinor\":15795");

		HttpResponse<String> paid = send("PUT", "/api/invoices/" + id, put(customer, 15795, "PAID"));
		assertThat(paid.statusCode()).isEqualTo(200);
		assertThat(paid.body()).contains("\"status\":\"PAID\"", "\"version\":2").doesNotContain("\"paidAt\":null");
		HttpResponse<String> pending = send("PUT", "/api/invoices/" + id, put(customer, 15795, "PENDING"));
		assertThat(pending.body()).contains("\"status\":\"PENDING\"", "\"version\":3", "\"paidAt\":null");

		assertThat(send("DELETE", "/api/invoices/" + id, null).statusCode()).isEqualTo(204);
		HttpResponse<String> gone = send("GET", "/api/invoices/" + id, null);
		assertThat(gone.statusCode()).isEqualTo(404);
		assertThat(gone.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(send("DELETE", "/api/invoices/" + id, null).statusCode()).isEqualTo(404);
		assertThat(send("POST", "/api/invoices/" + id + "/payment", null).statusCode()).isEqualTo(404);
	}

	@Test
	void ifMatchGuardsAgainstStaleWrites() {
		UUID customer = UUID.randomUUID();
		String id = idOf(
				send("POST", "/api/invoices", "{\"customerId\":\"" + customer + "\",\"amountMinor\":10}").body());
		HttpResponse<String> fresh = send("PUT", "/api/invoices/" + id, put(customer, 11, "PENDING"), "If-Match",
				"\"1\"");
		assertThat(fresh.statusCode()).isEqualTo(200);
		assertThat(fresh.headers().firstValue("ETag")).hasValue("\"2\"");
		HttpResponse<String> stale = send("PUT", "/api/invoices/" + id, put(customer, 12, "PENDING"), "If-Match",
				"\"1\"");
		assertThat(stale.statusCode()).isEqualTo(412);
		assertThat(stale.body()).contains("\"status\":412");
		assertThat(send("GET", "/api/invoices/" + id, null).body()).contains("\"amountMinor\":11", "\"version\":2");
	}

	@Test
	void concurrentWritersWithTheSameIfMatchHaveExactlyOneWinner() throws Exception {
		UUID customer = UUID.randomUUID();
		String id = idOf(
				send("POST", "/api/invoices", "{\"customerId\":\"" + customer + "\",\"amountMinor\":10}").body());
		List<Callable<Integer>> writers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			long amount = 100 + i;
			writers.add(() -> send("PUT", "/api/invoices/" + id, put(customer, amount, "PENDING"), "If-Match", "\"1\"")
				.statusCode());
		}
		List<Integer> statuses = runConcurrently(writers);
		assertThat(statuses).containsOnly(200, 412);
		assertThat(statuses).filteredOn((s) -> s == 200).hasSize(1);
		assertThat(send("GET", "/api/invoices/" + id, null).body()).contains("\"version\":2");
	}

	@Test
	void concurrentUpdatesNeverLoseAnUpdateSilently() throws Exception {
		UUID customer = UUID.randomUUID();
		String id = idOf(
				send("POST", "/api/invoices", "{\"customerId\":\"" + customer + "\",\"amountMinor\":10}").body());
		List<Callable<Integer>> writers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			long amount = 1000 + i;
			writers.add(() -> send("PUT", "/api/invoices/" + id, put(customer, amount, "PENDING")).statusCode());
		}
		List<Integer> statuses = runConcurrently(writers);
		assertThat(statuses).containsOnly(200, 409);
		long applied = statuses.stream().filter((s) -> s == 200).count();
		// every 200 is one version step: no acknowledged update was overwritten without a
		// trace
		assertThat(send("GET", "/api/invoices/" + id, null).body()).contains("\"version\":" + (1 + applied));
	}

	@Test
	void idempotencyKeyReturnsTheFirstResultAndCreatesNothing() throws Exception {
		UUID customer = UUID.randomUUID();
		String body = "{\"customerId\":\"" + customer + "\",\"amountMinor\":42}";
		String key = "order-" + customer;
		HttpResponse<String> first = send("POST", "/api/invoices", body, "Idempotency-Key", key);
		HttpResponse<String> again = send("POST", "/api/invoices", body, "Idempotency-Key", key);
		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(again.statusCode()).isEqualTo(201);
		assertThat(idOf(again.body())).isEqualTo(idOf(first.body()));
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		HttpResponse<String> different = send("POST", "/api/invoices",
				"{\"customerId\":\"" + customer + "\",\"amountMinor\":43}", "Idempotency-Key", key);
		assertThat(different.statusCode()).isEqualTo(422);
		assertThat(send("GET", "/api/invoices?customerId=" + customer, null).body()).contains("\"totalElements\":1");
	}

	@Test
	void concurrentRequestsWithOneIdempotencyKeyCreateOneInvoice() throws Exception {
		UUID customer = UUID.randomUUID();
		String body = "{\"customerId\":\"" + customer + "\",\"amountMinor\":42}";
		List<Callable<String>> clients = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			clients.add(() -> {
				HttpResponse<String> response = send("POST", "/api/invoices", body, "Idempotency-Key",
						"race-" + customer);
				assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
				return idOf(response.body());
			});
		}
		List<String> ids = runConcurrently(clients);
		assertThat(ids).hasSize(8).containsOnly(ids.get(0));
		assertThat(send("GET", "/api/invoices?customerId=" + customer, null).body()).contains("\"totalElements\":1");
	}

	@Test
	void refusesAnInvalidChangeBeforeLookingTheInvoiceUp() {
		String unknown = "/api/invoices/" + UUID.randomUUID();
		assertThat(send("PUT", unknown, put(UUID.randomUUID(), 0, "PENDING")).statusCode()).isEqualTo(400);
		assertThat(send("POST", unknown + "/payment", "{\"paidAt\":\"" + Instant.now().plusSeconds(3600) + "\"}")
			.statusCode()).isEqualTo(400);
		UUID customer = UUID.randomUUID();
		String id = idOf(
				send("POST", "/api/invoices", "{\"customerId\":\"" + customer + "\",\"amountMinor\":10}").body());
		assertThat(send("PUT", "/api/invoices/" + id, put(customer, 0, "PENDING"), "If-Match", "\"9\"").statusCode())
			.isEqualTo(400);
	}

	@Test
	void refusesOversizedChunkedBodyWith413() throws Exception {
		byte[] big = ("{\"customerId\":\"" + UUID.randomUUID() + "\",\"amountMinor\":1,\"pad\":\"" + "x".repeat(100_000)
				+ "\"}")
			.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(uri("/api/invoices"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"status\":413");
	}

	@Test
	void publishesOpenApiMetricsAndHealth() {
		HttpResponse<String> openApi = send("GET", "/v3/api-docs", null);
		assertThat(openApi.statusCode()).isEqualTo(200);
		assertThat(openApi.body()).contains("/api/invoices/{id}/payment");

		send("POST", "/api/invoices", "{\"customerId\":\"" + UUID.randomUUID() + "\",\"amountMinor\":5}");
		// gauges observe weakly referenced state: a collection must not turn them into
		// NaN
		System.gc();
		HttpResponse<String> metrics = send("GET", "/actuator/prometheus", null);
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("tally_outbox_pending{", "tally_outbox_oldest_pending_age_seconds{",
				"tally_outbox_published_total{", "tally_outbox_publish_failures_total{",
				"tally_outbox_commit_to_ack_seconds_bucket",
				"tally_outbox_leader{application=\"invoice-service\"} 1.0");
		assertThat(metrics.body().lines().filter((line) -> line.startsWith("tally_outbox")))
			.noneMatch((line) -> line.endsWith("NaN"));

		HttpResponse<String> health = send("GET", "/actuator/health", null);
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"outboxRelay\"", "\"leader\":true", "\"circuitBreaker\":\"CLOSED\"",
				"outbox-relay");
		assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
	}

	private static <T> List<T> runConcurrently(List<Callable<T>> tasks) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
		try {
			List<T> results = new ArrayList<>();
			for (Future<T> future : pool.invokeAll(tasks)) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
