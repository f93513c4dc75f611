package io.tally.invoice.web;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.tally.invoice.ServiceIntegrationTest;
import io.tally.support.security.Scopes;
import io.tally.testsupport.access.AccessMatrix;
import io.tally.testsupport.access.ApiCall;
import io.tally.testsupport.access.Credential;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access matrix of the invoice API over HTTP, with real tokens verified against the
 * test issuer's published key: every endpoint × every kind of credential. Refused
 * requests get 401 or 403 with a Bearer challenge and a problem, and change nothing; the
 * right scope gets the API's own answer.
 */
class InvoiceApiAccessTest extends ServiceIntegrationTest {

	static List<Arguments> everyEndpointWithEveryCredential() {
		return AccessMatrix.everyCallWithEveryCredential(Endpoint.values());
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("everyEndpointWithEveryCredential")
	void answersOnlyTheRightScope(Endpoint endpoint, Credential credential) {
		UUID customer = UUID.randomUUID();
		String id = createInvoice(customer);
		String before = read(id);

		boolean refused = AccessMatrix.sendAndCheck(JsonHttp.localhost(this.port), endpoint,
				endpoint.path.replace("{id}", id), endpoint.body.apply(customer), credential);

		if (refused) {
			assertThat(read(id)).as("the invoice is unchanged").isEqualTo(before);
			assertThat(invoicesOf(customer)).as("no invoice was created").isEqualTo(1);
		}
	}

	private String createInvoice(UUID customer) {
		JsonHttp.Response created = send("POST", "/api/invoices",
				"{\"customerId\":\"" + customer + "\",\"amountMinor\":500}");
		return created.expect(201).json().path("id").asString();
	}

	private String read(String id) {
		return send("GET", "/api/invoices/" + id, null).expect(200).body();
	}

	private long invoicesOf(UUID customer) {
		return send("GET", "/api/invoices?customerId=" + customer, null).expect(200)
			.json()
			.path("totalElements")
			.asLong();
	}

	/** The invoice API's endpoints, the scope each needs and its answer when allowed. */
	enum Endpoint implements ApiCall {

		CREATE("POST", "/api/invoices", Scopes.INVOICES_WRITE, 201,
				(customer) -> "{\"customerId\":\"" + customer + "\",\"amountMinor\":700}"),

		READ("GET", "/api/invoices/{id}", Scopes.INVOICES_READ, 200, (customer) -> null),

		LIST("GET", "/api/invoices?customerId=" + UUID.randomUUID(), Scopes.INVOICES_READ, 200, (customer) -> null),

		REPLACE("PUT", "/api/invoices/{id}", Scopes.INVOICES_WRITE, 200, (customer) -> "{\"customerId\":\"" + customer
				+ "\",\"amountMinor\":900,\"currency\":\"USD\",\"status\":\"PENDING\",\"issueDate\":\"2026-11-02\"}"),

		PAY("POST", "/api/invoices/{id}/payment", Scopes.INVOICES_WRITE, 200, (customer) -> null),

		DELETE("DELETE", "/api/invoices/{id}", Scopes.INVOICES_WRITE, 204, (customer) -> null),

		/** No operator endpoint exists yet: allowed, the API answers 404. */
		OPERATIONS("POST", "/api/ops/anything", Scopes.OPS_ADMIN, 404, (customer) -> null),

		/** No rule covers PATCH: refused to every token. */
		PATCH("PATCH", "/api/invoices/{id}", null, 0, (customer) -> "{}"),

		/** Under /api but in no rule: refused to every token. */
		UNKNOWN("GET", "/api/elsewhere", null, 0, (customer) -> null);

		final String method;

		final String path;

		final String scope;

		final int allowed;

		final Function<UUID, String> body;

		Endpoint(String method, String path, String scope, int allowed, Function<UUID, String> body) {
			this.method = method;
			this.path = path;
			this.scope = scope;
			this.allowed = allowed;
			this.body = body;
		}

		@Override
		public String method() {
			return this.method;
		}

		@Override
		public String path() {
			return this.path;
		}

		@Override
		public String scope() {
			return this.scope;
		}

		@Override
		public int allowed() {
			return this.allowed;
		}

		@Override
		public String toString() {
			return this.method + " " + this.path.replaceAll("\\?.*", "");
		}

	}

}
