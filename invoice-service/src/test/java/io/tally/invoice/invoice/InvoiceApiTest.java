package io.tally.invoice.invoice;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import io.tally.support.security.Scopes;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import io.tally.testsupport.http.StreamedUpload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST contract of docs/api.md against the real database, over HTTP. */
class InvoiceApiTest extends ServiceIntegrationTest {

	/** Far more than the limit, Tomcat's drain (2 MB) and the socket buffers together. */
	private static final long SEVERAL_MB = 48L * 1024 * 1024;

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
		JsonHttp.Response created = send("POST", "/api/invoices",
				"{\"customerId\":\"" + customer + "\",\"amountMinor\":15795}");
		assertThat(created.status()).isEqualTo(201);
		String id = idOf(created.body());
		assertThat(created.header("Location")).hasValue("/api/invoices/" + id);
		assertThat(created.header("ETag")).hasValue("\"1\"");
		assertThat(created.body()).contains("\"currency\":\"USD\"", "\"status\":\"PENDING\"", "\"version\":1",
				"\"paidAt\":null");

		JsonHttp.Response read = send("GET", "/api/invoices/" + id, null);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body()).isEqualTo(created.body());

		send("POST", "/api/invoices", "{\"customerId\":\"" + customer + "\",\"amountMinor\":2,\"status\":\"PAID\"}");
		JsonHttp.Response list = send("GET", "/api/invoices?customerId=" + customer + "&size=1", null);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains("\"totalElements\":2", "\"size\":1", "\"page\":0", "\"amountMinor\":2")
			.doesNotContain("\"amountMinor\":15795");
		assertThat(send("GET", "/api/invoices?customerId=" + customer + "&status=PENDING&size=200", null).body())
			.contains("\"totalElements\":1", "\"amountMinor\":15795");

		JsonHttp.Response paid = send("PUT", "/api/invoices/" + id, put(customer, 15795, "PAID"));
		assertThat(paid.status()).isEqualTo(200);
		assertThat(paid.body()).contains("\"status\":\"PAID\"", "\"version\":2").doesNotContain("\"paidAt\":null");
		JsonHttp.Response pending = send("PUT", "/api/invoices/" + id, put(customer, 15795, "PENDING"));
		assertThat(pending.body()).contains("\"status\":\"PENDING\"", "\"version\":3", "\"paidAt\":null");

		assertThat(send("DELETE", "/api/invoices/" + id, null).status()).isEqualTo(204);
		JsonHttp.Response gone = send("GET", "/api/invoices/" + id, null);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(send("DELETE", "/api/invoices/" + id, null).status()).isEqualTo(404);
		assertThat(send("POST", "/api/invoices/" + id + "/payment", null).status()).isEqualTo(404);
	}

	@Test
	void ifMatchGuardsAgainstStaleWrites() {
		UUID customer = UUID.randomUUID();
		String id = idOf(
				send("POST", "/api/invoices", "{\"customerId\":\"" + customer + "\",\"amountMinor\":10}").body());
		JsonHttp.Response fresh = send("PUT", "/api/invoices/" + id, put(customer, 11, "PENDING"), "If-Match", "\"1\"");
		assertThat(fresh.status()).isEqualTo(200);
		assertThat(fresh.header("ETag")).hasValue("\"2\"");
		JsonHttp.Response stale = send("PUT", "/api/invoices/" + id, put(customer, 12, "PENDING"), "If-Match", "\"1\"");
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.body()).contains("\"status\":412");
		assertThat(send("GET", "/api/invoices/" + id, null).body()).contains("\"amountMinor\":11", "\"version\":2");
	}

	@Test
	void ifMatchGuardsPaymentAndDeletionToo() {
		UUID customer = UUID.randomUUID();
		String id = idOf(
				send("POST", "/api/invoices", "{\"customerId\":\"" + customer + "\",\"amountMinor\":10}").body());
		send("PUT", "/api/invoices/" + id, put(customer, 11, "PENDING")).expect(200);

		JsonHttp.Response stalePayment = send("POST", "/api/invoices/" + id + "/payment", null, "If-Match", "\"1\"");
		assertThat(stalePayment.status()).isEqualTo(412);
		JsonHttp.Response staleDeletion = send("DELETE", "/api/invoices/" + id, null, "If-Match", "\"1\"");
		assertThat(staleDeletion.status()).isEqualTo(412);
		assertThat(send("GET", "/api/invoices/" + id, null).body()).contains("\"status\":\"PENDING\"", "\"version\":2");

		JsonHttp.Response paid = send("POST", "/api/invoices/" + id + "/payment", null, "If-Match", "\"2\"");
		assertThat(paid.status()).isEqualTo(200);
		assertThat(paid.header("ETag")).hasValue("\"3\"");
		assertThat(send("DELETE", "/api/invoices/" + id, null, "If-Match", "\"3\"").status()).isEqualTo(204);
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
				.status());
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
			writers.add(() -> send("PUT", "/api/invoices/" + id, put(customer, amount, "PENDING")).status());
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
		JsonHttp.Response first = send("POST", "/api/invoices", body, "Idempotency-Key", key);
		JsonHttp.Response again = send("POST", "/api/invoices", body, "Idempotency-Key", key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(201);
		assertThat(idOf(again.body())).isEqualTo(idOf(first.body()));
		assertThat(again.header("Idempotent-Replayed")).hasValue("true");
		JsonHttp.Response different = send("POST", "/api/invoices",
				"{\"customerId\":\"" + customer + "\",\"amountMinor\":43}", "Idempotency-Key", key);
		assertThat(different.status()).isEqualTo(422);
		assertThat(send("GET", "/api/invoices?customerId=" + customer, null).body()).contains("\"totalElements\":1");
	}

	@Test
	void concurrentRequestsWithOneIdempotencyKeyCreateOneInvoice() throws Exception {
		UUID customer = UUID.randomUUID();
		String body = "{\"customerId\":\"" + customer + "\",\"amountMinor\":42}";
		List<Callable<String>> clients = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			clients.add(() -> {
				JsonHttp.Response response = send("POST", "/api/invoices", body, "Idempotency-Key", "race-" + customer);
				assertThat(response.status()).as(response.body()).isEqualTo(201);
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
		assertThat(send("PUT", unknown, put(UUID.randomUUID(), 0, "PENDING")).status()).isEqualTo(400);
		assertThat(
				send("POST", unknown + "/payment", "{\"paidAt\":\"" + Instant.now().plusSeconds(3600) + "\"}").status())
			.isEqualTo(400);
		UUID customer = UUID.randomUUID();
		String id = idOf(
				send("POST", "/api/invoices", "{\"customerId\":\"" + customer + "\",\"amountMinor\":10}").body());
		assertThat(send("PUT", "/api/invoices/" + id, put(customer, 0, "PENDING"), "If-Match", "\"9\"").status())
			.isEqualTo(400);
	}

	@Test
	void refusesDatesTheProjectionCannotStoreWith400AndCreatesNothing() {
		UUID customer = UUID.randomUUID();
		for (String date : List.of("0000-01-01", "-0001-12-31", "+10000-01-01", "1899-12-31", "2200-01-01")) {
			JsonHttp.Response refused = send("POST", "/api/invoices",
					"{\"customerId\":\"" + customer + "\",\"amountMinor\":1,\"issueDate\":\"" + date + "\"}");

			assertThat(refused.status()).as(date + ": " + refused.body()).isEqualTo(400);
			assertThat(refused.json().path("errors").path(0).path("field").asString()).isEqualTo("issueDate");
		}
		for (String instant : List.of("1899-12-31T23:59:59.999Z", "-0001-01-01T00:00:00Z")) {
			JsonHttp.Response refused = send("POST", "/api/invoices", "{\"customerId\":\"" + customer
					+ "\",\"amountMinor\":1,\"status\":\"PAID\",\"paidAt\":\"" + instant + "\"}");

			assertThat(refused.status()).as(instant + ": " + refused.body()).isEqualTo(400);
			assertThat(refused.json().path("errors").path(0).path("field").asString()).isEqualTo("paidAt");
		}
		assertThat(send("GET", "/api/invoices?customerId=" + customer, null).body()).contains("\"totalElements\":0");
	}

	@Test
	void refusesOversizedChunkedBodyWith413() throws Exception {
		byte[] big = ("{\"customerId\":\"" + UUID.randomUUID() + "\",\"amountMinor\":1,\"pad\":\"" + "x".repeat(100_000)
				+ "\"}")
			.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(uri("/api/invoices"))
			.header("Content-Type", "application/json")
			.header("Authorization", TestInfrastructure.issuer().bearer(Scopes.INVOICES_WRITE))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JsonHttp.Response response = http().exchange(request);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body()).contains("\"status\":413");
	}

	@Test
	void refusesAChunkedFormBodyOfSeveralMegabytesBeforeReadingItAndChangesNothing() {
		UUID customer = UUID.randomUUID();
		String id = idOf(
				send("POST", "/api/invoices", "{\"customerId\":\"" + customer + "\",\"amountMinor\":10}").body());

		for (String method : List.of("PUT", "DELETE")) {
			StreamedUpload.Outcome outcome = StreamedUpload
				.chunked(this.port, method, "/api/invoices/" + id, SEVERAL_MB)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.send(30);

			assertThat(outcome.status()).as(method + " " + outcome.body()).isEqualTo(413);
			assertThat(outcome.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(outcome.body()).contains("\"type\":\"urn:tally:problem:payload-too-large\"",
					"\"instance\":\"/api/invoices/" + id + "\"");
			assertThat(outcome.sentBeforeStatus()).isLessThan(SEVERAL_MB / 4);
			assertThat(outcome.completed()).as("the server stopped taking the body").isFalse();
		}
		assertThat(send("GET", "/api/invoices/" + id, null).body()).contains("\"version\":1");
	}

	@Test
	void publishesMetricsAndHealthDetailsOnTheManagementPort() {
		send("POST", "/api/invoices", "{\"customerId\":\"" + UUID.randomUUID() + "\",\"amountMinor\":5}");
		// gauges observe weakly referenced state: a collection must not turn them into
		// NaN
		System.gc();
		JsonHttp.Response metrics = management().get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("tally_outbox_pending{", "tally_outbox_oldest_pending_age_seconds{",
				"tally_outbox_published_total{", "tally_outbox_publish_failures_total{",
				"tally_outbox_commit_to_ack_seconds_bucket",
				"tally_outbox_leader{application=\"invoice-service\"} 1.0");
		assertThat(metrics.body().lines().filter((line) -> line.startsWith("tally_outbox")))
			.noneMatch((line) -> line.endsWith("NaN"));

		JsonHttp.Response health = management().get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"outboxRelay\"", "\"leader\":true", "\"circuitBreaker\":\"CLOSED\"",
				"outbox-relay");
	}

	@Test
	void isReadyOnlyWithItsDatabaseAndTheEventSchemas() {
		JsonHttp.Response readiness = management().get("/actuator/health/readiness");

		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().path("components").propertyNames()).containsExactlyInAnyOrder("db", "eventSchemas",
				"readinessState");
	}

	@Test
	void typesTheProblemsSpringMvcRaisesItself() {
		String invoice = "/api/invoices/" + UUID.randomUUID();
		String body = "{\"customerId\":\"" + UUID.randomUUID() + "\",\"amountMinor\":1}";

		assertThat(problemType(send("GET", "/api/invoices/" + UUID.randomUUID() + "/nothing-here", null)))
			.isEqualTo("urn:tally:problem:not-found");
		assertThat(problemType(send("POST", invoice, body))).isEqualTo("urn:tally:problem:method-not-allowed");
		assertThat(problemType(send("GET", invoice, null, "Accept", "text/csv")))
			.isEqualTo("urn:tally:problem:not-acceptable");
		assertThat(problemType(http().exchange(HttpRequest.newBuilder(uri("/api/invoices"))
			.header("Content-Type", "text/plain")
			.header("Authorization", TestInfrastructure.issuer().bearer(Scopes.INVOICES_WRITE))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build()))).isEqualTo("urn:tally:problem:unsupported-media-type");
	}

	private static String problemType(JsonHttp.Response response) {
		assertThat(response.header("Content-Type")).as(response.body()).hasValue("application/problem+json");
		return response.json().path("type").asString();
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
