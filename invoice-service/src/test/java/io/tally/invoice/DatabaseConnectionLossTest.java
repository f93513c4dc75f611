package io.tally.invoice;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.tally.testsupport.PostgresLock;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database connection of a request is killed in the middle of its transaction (while
 * the request waits for a lock this test holds), as a database restart would, or no
 * connection can be had within the pool's timeout: the client gets a 503 problem with
 * Retry-After, nothing of the request is left behind, and the next request works again.
 */
class DatabaseConnectionLossTest extends ServiceIntegrationTest {

	@Autowired
	HikariDataSource pool;

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void aChangeWhoseConnectionIsKilledAnswers503AndChangesNothing() throws Exception {
		UUID customer = UUID.randomUUID();
		String id = idOf(send("POST", "/api/invoices", creation(customer, 10)).expect(201).body());

		JsonHttp.Response answer;
		try (PostgresLock lock = PostgresLock.hold(database(),
				"SELECT 1 FROM invoice WHERE id = '" + id + "' FOR UPDATE")) {
			CompletableFuture<JsonHttp.Response> change = CompletableFuture
				.supplyAsync(() -> send("PUT", "/api/invoices/" + id, replacement(customer, 99)));
			lock.terminate(lock.awaitBlocked("UPDATE", WAIT));
			answer = change.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

		assertUnavailable(answer);
		assertThat(send("GET", "/api/invoices/" + id, null).expect(200).body()).contains("\"amountMinor\":10",
				"\"version\":1");
		assertThat(send("PUT", "/api/invoices/" + id, replacement(customer, 99)).expect(200).body())
			.contains("\"amountMinor\":99", "\"version\":2");
	}

	@Test
	void aCreationWhoseConnectionIsKilledAnswers503AndCreatesNothing() throws Exception {
		UUID customer = UUID.randomUUID();
		String key = "lost-" + customer;

		JsonHttp.Response answer;
		try (PostgresLock lock = PostgresLock.hold(database(), "LOCK TABLE invoice IN SHARE MODE")) {
			CompletableFuture<JsonHttp.Response> creation = CompletableFuture
				.supplyAsync(() -> send("POST", "/api/invoices", creation(customer, 10), "Idempotency-Key", key));
			lock.terminate(lock.awaitBlocked("INSERT", WAIT));
			answer = creation.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

		assertUnavailable(answer);
		assertThat(send("GET", "/api/invoices?customerId=" + customer, null).expect(200).body())
			.contains("\"totalElements\":0");
		JsonHttp.Response retried = send("POST", "/api/invoices", creation(customer, 10), "Idempotency-Key", key);
		assertThat(retried.status()).as("the key was not kept either").isEqualTo(201);
		assertThat(retried.header("Idempotent-Replayed")).hasValue("false");
	}

	@Test
	void aReadWhoseConnectionIsKilledAnswers503() throws Exception {
		String id = idOf(send("POST", "/api/invoices", creation(UUID.randomUUID(), 10)).expect(201).body());

		JsonHttp.Response answer;
		try (PostgresLock lock = PostgresLock.hold(database(), "LOCK TABLE invoice IN ACCESS EXCLUSIVE MODE")) {
			CompletableFuture<JsonHttp.Response> read = CompletableFuture
				.supplyAsync(() -> send("GET", "/api/invoices/" + id, null));
			lock.terminate(lock.awaitBlocked("SELECT", WAIT));
			answer = read.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

		assertUnavailable(answer);
		assertThat(send("GET", "/api/invoices/" + id, null).status()).isEqualTo(200);
	}

	@Test
	void aRequestThatGetsNoConnectionInTimeAnswers503() throws Exception {
		String id = idOf(send("POST", "/api/invoices", creation(UUID.randomUUID(), 10)).expect(201).body());
		int size = this.pool.getMaximumPoolSize();
		List<Connection> taken = new ArrayList<>();
		try {
			// every connection of the pool is busy, as if the database accepted none
			for (int i = 0; i < size; i++) {
				taken.add(this.pool.getConnection());
			}
			assertUnavailable(send("GET", "/api/invoices/" + id, null));
			assertUnavailable(send("PUT", "/api/invoices/" + id, replacement(UUID.randomUUID(), 99)));
		}
		finally {
			for (Connection connection : taken) {
				connection.close();
			}
		}
		assertThat(send("GET", "/api/invoices/" + id, null).expect(200).body()).contains("\"version\":1");
	}

	private static void assertUnavailable(JsonHttp.Response answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(503);
		assertThat(answer.header("Retry-After")).hasValue("5");
		assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.json().path("type").asString()).isEqualTo("urn:tally:problem:unavailable");
		assertThat(answer.body()).doesNotContain("terminating", "SQL", "Exception");
	}

	private static io.tally.testsupport.PostgresDatabase database() {
		return TestInfrastructure.postgres(DATABASE);
	}

	private static String creation(UUID customer, long amount) {
		return "{\"customerId\":\"" + customer + "\",\"amountMinor\":" + amount + "}";
	}

	private static String replacement(UUID customer, long amount) {
		return "{\"customerId\":\"" + customer + "\",\"amountMinor\":" + amount
				+ ",\"currency\":\"USD\",\"status\":\"PENDING\",\"issueDate\":\"2026-11-02\"}";
	}

	private static String idOf(String json) {
		int start = json.indexOf("\"id\":\"") + 6;
		return json.substring(start, start + 36);
	}

}
