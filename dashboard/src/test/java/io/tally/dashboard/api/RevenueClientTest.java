package io.tally.dashboard.api;

import java.time.YearMonth;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.headerDoesNotExist;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * The headers {@link RevenueClient} asks revenue-service with: {@code Tally-After} for
 * the user's own changes, {@code Cache-Control: no-cache} for a read afresh, neither
 * otherwise.
 */
class RevenueClientTest {

	private static final String SUMMARY = "{\"totals\":[],\"customerCount\":0,\"lastEventAt\":null}";

	private static final YearMonth MARCH = YearMonth.of(2026, 3);

	private MockRestServiceServer server;

	private RevenueClient revenue;

	@BeforeEach
	void client() {
		RestClient.Builder builder = RestClient.builder().baseUrl("http://revenue.test");
		this.server = MockRestServiceServer.bindTo(builder).build();
		this.revenue = new RevenueClient(builder.build());
	}

	@Test
	void aPlainReadMayBeAnsweredWithTheFiguresTheServiceKeeps() {
		this.server.expect(requestTo("http://revenue.test/api/revenue/summary"))
			.andExpect(headerDoesNotExist(HttpHeaders.CACHE_CONTROL))
			.andExpect(headerDoesNotExist(RevenueClient.AFTER))
			.andRespond(withSuccess(SUMMARY, MediaType.APPLICATION_JSON));

		assertThat(this.revenue.summary(null).value().customerCount()).isZero();
		this.server.verify();
	}

	@Test
	void aReadAfterTheUsersChangeWaitsForIt() {
		String change = "1124a3e7-83ee-4234-a166-dc769f2a2f22:3";
		this.server.expect(requestTo("http://revenue.test/api/revenue/summary"))
			.andExpect(header(RevenueClient.AFTER, change))
			.andExpect(headerDoesNotExist(HttpHeaders.CACHE_CONTROL))
			.andRespond(withSuccess(SUMMARY, MediaType.APPLICATION_JSON));

		this.revenue.summary(change);
		this.server.verify();
	}

	@Test
	void aReadAfreshAsksForNoStoredAnswer() {
		this.server.expect(requestTo("http://revenue.test/api/revenue/summary"))
			.andExpect(header(HttpHeaders.CACHE_CONTROL, "no-cache"))
			.andExpect(headerDoesNotExist(RevenueClient.AFTER))
			.andRespond(withSuccess(SUMMARY, MediaType.APPLICATION_JSON));
		this.server.expect(requestTo("http://revenue.test/api/revenue/monthly?from=2026-03&to=2026-03&currency=EUR"))
			.andExpect(header(HttpHeaders.CACHE_CONTROL, "no-cache"))
			.andRespond(withSuccess("[{\"month\":\"2026-03\",\"currency\":\"EUR\",\"invoicedMinor\":5,"
					+ "\"collectedMinor\":0,\"pendingMinor\":5}]", MediaType.APPLICATION_JSON));

		this.revenue.summaryAfresh();
		assertThat(this.revenue.monthlyAfresh(MARCH, MARCH, "EUR").value()).singleElement()
			.satisfies((month) -> assertThat(month.invoicedMinor()).isEqualTo(5));
		this.server.verify();
	}

}
