package io.tally.revenue.web;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.tally.revenue.IntegrationTestBase;
import io.tally.support.security.Scopes;
import io.tally.testsupport.PostgresLock;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import io.tally.testsupport.http.StreamedUpload;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * revenue-service's HTTP edge over a real socket: oversized bodies are refused before
 * they are read, a lost database connection is a 503 with Retry-After, Spring's own
 * problems are typed.
 */
class RevenueWebEdgeTest extends IntegrationTestBase {

	@Autowired
	HikariDataSource pool;

	/** Far more than the limit, Tomcat's drain (2 MB) and the socket buffers together. */
	private static final long SEVERAL_MB = 48L * 1024 * 1024;

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void refusesAChunkedBodyOfSeveralMegabytesBeforeReadingIt() {
		StreamedUpload.Outcome outcome = StreamedUpload.chunked(this.port, "POST", "/api/revenue/summary", SEVERAL_MB)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.send(30);

		assertThat(outcome.status()).as(outcome.body()).isEqualTo(413);
		assertThat(outcome.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(outcome.body()).contains("\"type\":\"urn:tally:problem:payload-too-large\"",
				"\"instance\":\"/api/revenue/summary\"");
		assertThat(outcome.sentBeforeStatus()).isLessThan(SEVERAL_MB / 4);
		assertThat(outcome.completed()).as("the server stopped taking the body").isFalse();
	}

	@Test
	void refusesAnAnnouncedOversizedBodyWithoutReadingIt() {
		StreamedUpload.Outcome outcome = StreamedUpload
			.withLength(this.port, "GET", "/api/revenue/customers/" + UUID.randomUUID(), SEVERAL_MB)
			.send(30);

		assertThat(outcome.status()).as(outcome.body()).isEqualTo(413);
		assertThat(outcome.completed()).as("the server stopped taking the body").isFalse();
	}

	@Test
	void aReadWhoseConnectionIsKilledAnswers503WithRetryAfter() throws Exception {
		JsonHttp http = api();
		String path = "/api/revenue/customers/" + UUID.randomUUID();

		JsonHttp.Response answer;
		try (PostgresLock lock = PostgresLock.hold(TestInfrastructure.postgres("revenue"),
				"LOCK TABLE revenue_by_customer IN ACCESS EXCLUSIVE MODE")) {
			CompletableFuture<JsonHttp.Response> read = CompletableFuture.supplyAsync(() -> http.get(path));
			lock.terminate(lock.awaitBlocked("FROM revenue_by_customer WHERE customer_id", WAIT));
			answer = read.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

		assertThat(answer.status()).as(answer.body()).isEqualTo(503);
		assertThat(answer.header("Retry-After")).hasValue("5");
		assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.json().path("type").asString()).isEqualTo("urn:tally:problem:unavailable");
		assertThat(http.get(path).status()).as("the pool replaced the dead connection").isEqualTo(404);
	}

	@Test
	void aReadThatGetsNoConnectionInTimeAnswers503WithRetryAfter() throws Exception {
		JsonHttp http = api();
		List<Connection> taken = new ArrayList<>();
		JsonHttp.Response answer;
		try {
			// every connection of the pool is busy, as if the database accepted none
			for (int i = 0; i < this.pool.getMaximumPoolSize(); i++) {
				taken.add(this.pool.getConnection());
			}
			// a customer read always goes to the database (a summary may be answered from
			// the answers kept for the projection's version)
			answer = http.get("/api/revenue/customers/" + UUID.randomUUID());
		}
		finally {
			for (Connection connection : taken) {
				connection.close();
			}
		}

		assertThat(answer.status()).as(answer.body()).isEqualTo(503);
		assertThat(answer.header("Retry-After")).hasValue("5");
		assertThat(answer.json().path("type").asString()).isEqualTo("urn:tally:problem:unavailable");
		assertThat(http.get("/api/revenue/summary").status()).isEqualTo(200);
		assertThat(http.get("/api/revenue/customers/" + UUID.randomUUID()).status()).isEqualTo(404);
	}

	@Test
	void typesSpringsOwnProblems() {
		JsonHttp http = api();

		assertThat(http.get("/api/revenue/nothing-here").json().path("type").asString())
			.isEqualTo("urn:tally:problem:not-found");
		// a method no rule grants is refused by the security chain (403) before Spring
		// MVC
		// sees it; the operator's paths take any method, so one they lack reaches it
		assertThat(new JsonHttp("http://localhost:" + this.port,
				() -> TestInfrastructure.issuer().bearer(Scopes.OPS_ADMIN))
			.send("PUT", "/api/ops/dead-letters", "{}")
			.json()
			.path("type")
			.asString()).isEqualTo("urn:tally:problem:method-not-allowed");
		assertThat(http.get("/api/revenue/summary", "Accept", "text/csv").json().path("type").asString())
			.isEqualTo("urn:tally:problem:not-acceptable");
	}

}
