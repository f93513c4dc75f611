package io.tally.revenue.revenue;

import java.time.Duration;

import io.tally.revenue.IntegrationTestBase;
import io.tally.revenue.freshness.ProjectionNotice;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over real HTTP and PostgreSQL: a monthly answer is kept until the instance hears of the
 * next projection commit, and a request with {@code Cache-Control: no-cache} is answered
 * from the database even before that — the re-read of a dashboard that heard of a change
 * from another instance. The projection is changed by hand without a notice, so only the
 * database has the new figure.
 */
class SharedAnswersIntegrationTest extends IntegrationTestBase {

	private static final String MONTHLY = "/api/revenue/monthly?from=2190-01&to=2190-01&currency=JPY";

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void restore() {
		this.jdbc.update("DELETE FROM revenue_by_month WHERE month = '2190-01-01' AND currency = 'JPY'");
		this.jdbc.queryForObject("SELECT pg_notify(?, ?)", String.class, ProjectionNotice.CHANNEL,
				ProjectionNotice.everything(null).toPayload());
	}

	@Test
	void aRequestWithNoCacheIsAnsweredFromTheDatabaseAndLeavesItsAnswerForTheOthers() {
		JsonHttp http = api();
		// other tests' changes may still be announced: retried until no notice arrived
		// between the first and the last read (the same ETag, which names the version)
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonHttp.Response kept = http.get(MONTHLY).expect(200);
			long before = invoiced(kept);
			this.jdbc.update("INSERT INTO revenue_by_month (month, currency, invoiced_minor) "
					+ "VALUES ('2190-01-01', 'JPY', 1) ON CONFLICT (month, currency) "
					+ "DO UPDATE SET invoiced_minor = revenue_by_month.invoiced_minor + 1");

			JsonHttp.Response plain = http.get(MONTHLY).expect(200);
			JsonHttp.Response afresh = http.get(MONTHLY, "Cache-Control", "no-cache").expect(200);
			JsonHttp.Response after = http.get(MONTHLY).expect(200);

			String version = kept.header("ETag").orElseThrow();
			assertThat(after.header("ETag")).as("no notice arrived during the reads").contains(version);
			assertThat(invoiced(plain)).as("the answer kept for this version").isEqualTo(before);
			assertThat(invoiced(afresh)).as("read from the database").isEqualTo(before + 1);
			assertThat(invoiced(after)).as("the answer read afresh is kept for the others").isEqualTo(before + 1);
		});
	}

	private static long invoiced(JsonHttp.Response monthly) {
		return monthly.json().get(0).get("invoicedMinor").asLong();
	}

}
