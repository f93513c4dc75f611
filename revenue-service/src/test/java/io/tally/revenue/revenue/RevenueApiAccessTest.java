package io.tally.revenue.revenue;

import java.util.List;
import java.util.UUID;

import io.tally.revenue.IntegrationTestBase;
import io.tally.support.security.Scopes;
import io.tally.testsupport.access.AccessMatrix;
import io.tally.testsupport.access.ApiCall;
import io.tally.testsupport.access.Credential;
import io.tally.testsupport.access.ManagementPort;
import io.tally.testsupport.access.ManagementPortContract;
import io.tally.testsupport.access.Refusals;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access matrix of the revenue API over HTTP, with real tokens verified against the
 * test issuer's published key (every endpoint × every kind of credential), and who may
 * see what beside it: the actuator on the management port, the OpenAPI document.
 */
class RevenueApiAccessTest extends IntegrationTestBase implements ManagementPortContract {

	static List<Arguments> everyEndpointWithEveryCredential() {
		return AccessMatrix.everyCallWithEveryCredential(Endpoint.values());
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("everyEndpointWithEveryCredential")
	void answersOnlyTheRightScope(Endpoint endpoint, Credential credential) {
		// the API is read-only: a refusal has nothing to leave unchanged
		AccessMatrix.sendAndCheck(JsonHttp.localhost(this.port), endpoint, endpoint.path, null, credential);
	}

	@Test
	void refusesTheLiveStreamWithoutAToken() {
		Refusals.assertRefused(JsonHttp.localhost(this.port).get("/api/revenue/stream", "Accept", "text/event-stream"),
				Credential.NONE, "/api/revenue/stream");
	}

	@Override
	public ManagementPort managementPort() {
		return new ManagementPort(this.port, this.managementPort);
	}

	@Test
	void documentsTheBearerSchemeAndEachOperationsScopeWithoutAToken() {
		JsonNode document = JsonHttp.localhost(this.port).get("/v3/api-docs").expect(200).json();

		JsonNode scheme = document.path("components").path("securitySchemes").path("bearer-jwt");
		assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
		assertThat(scheme.path("bearerFormat").asString()).isEqualTo("JWT");
		for (String path : List.of("/api/revenue/monthly", "/api/revenue/customers/{customerId}",
				"/api/revenue/summary")) {
			JsonNode get = document.path("paths").path(path).path("get");
			assertThat(get.path("security").path(0).path("bearer-jwt").path(0).asString()).as(path)
				.isEqualTo("revenue:read");
			assertThat(get.path("responses").has("401")).as(path).isTrue();
		}
	}

	/** The revenue API's endpoints, the scope each needs and its answer when allowed. */
	enum Endpoint implements ApiCall {

		MONTHLY("GET", "/api/revenue/monthly?currency=USD", Scopes.REVENUE_READ, 200),

		/** A customer no event named: the API's own 404. */
		CUSTOMER("GET", "/api/revenue/customers/" + UUID.randomUUID(), Scopes.REVENUE_READ, 404),

		SUMMARY("GET", "/api/revenue/summary", Scopes.REVENUE_READ, 200),

		DEAD_LETTERS("GET", "/api/ops/dead-letters?status=PENDING", Scopes.OPS_ADMIN, 200),

		/** An id no dead letter has: the API's own 404. */
		DEAD_LETTER("GET", "/api/ops/dead-letters/987654321", Scopes.OPS_ADMIN, 404),

		/** An id no dead letter has: nothing to re-drive, the API's own 404. */
		REDRIVE("POST", "/api/ops/dead-letters/987654321/redrive", Scopes.OPS_ADMIN, 404),

		/** Every operator path needs ops:admin, even one without an endpoint (404). */
		OPERATIONS("GET", "/api/ops/anything", Scopes.OPS_ADMIN, 404),

		/** The API is read-only: no rule covers a write, refused to every token. */
		WRITE("POST", "/api/revenue/summary", null, 0),

		/** Under /api but in no rule: refused to every token. */
		UNKNOWN("GET", "/api/elsewhere", null, 0);

		final String method;

		final String path;

		final String scope;

		final int allowed;

		Endpoint(String method, String path, String scope, int allowed) {
			this.method = method;
			this.path = path;
			this.scope = scope;
			this.allowed = allowed;
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
			return this.method + " " + this.path.replaceAll("\\?.*", "").replaceAll("[0-9a-f-]{36}|987654321", "{id}");
		}

	}

}
