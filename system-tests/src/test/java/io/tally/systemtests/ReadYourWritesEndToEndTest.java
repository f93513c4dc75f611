package io.tally.systemtests;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import io.tally.localstack.LocalStack;
import io.tally.localstack.Service;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes through the whole system: a change made through invoice-service, read
 * at once from revenue-service with {@code Tally-After: <id>:<version>}, is in the answer
 * — every time, over a thousand changes, on the shared stack with real tokens.
 */
@Order(4)
class ReadYourWritesEndToEndTest {

	private static final int CHANGES = 1_000;

	private static JsonHttp invoices;

	private static JsonHttp revenue;

	@BeforeAll
	static void sharedStack() throws Exception {
		LocalStack stack = SharedStack.get().stack();
		invoices = new JsonHttp(stack.url(Service.INVOICE_SERVICE), stack.accessTokens()::authorization);
		revenue = new JsonHttp(stack.url(Service.REVENUE_SERVICE), stack.accessTokens()::authorization);
	}

	@Test
	void aReadNamingTheChangeJustMadeAlwaysIncludesIt() {
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		int stale = 0;
		for (int i = 1; i <= CHANGES; i++) {
			String customer = UUID.randomUUID().toString();
			long amount = 100 + i;
			JsonNode created = invoices
				.post("/api/invoices",
						"{\"customerId\":\"" + customer + "\",\"amountMinor\":" + amount + ",\"currency\":\"NOK\""
								+ ",\"issueDate\":\"" + today + "\"}")
				.expect(201)
				.json();
			String id = created.get("id").asString();
			JsonNode change = created;
			boolean paid = i % 2 == 0;
			if (paid) {
				change = invoices.post("/api/invoices/" + id + "/payment", "{}").expect(200).json();
			}

			JsonHttp.Response read = revenue.get("/api/revenue/customers/" + customer, "Tally-After",
					id + ":" + change.get("version").asLong());

			assertThat(read.status()).as("read after change %d", i).isEqualTo(200);
			if (read.header("Tally-Consistency").orElse("").equals("stale")) {
				stale++;
			}
			JsonNode totals = read.json().at("/totals/0");
			assertThat(totals.get("invoicedMinor").asLong()).as("invoiced after change %d", i).isEqualTo(amount);
			assertThat(totals.get(paid ? "collectedMinor" : "pendingMinor").asLong()).as("figure after change %d", i)
				.isEqualTo(amount);
		}
		assertThat(stale).as("answers that timed out waiting").isZero();
	}

}
