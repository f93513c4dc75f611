package io.tally.invoice.web;

import io.tally.invoice.ServiceIntegrationTest;
import io.tally.testsupport.access.ManagementPort;
import io.tally.testsupport.access.ManagementPortContract;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may see what beside the API: the actuator only on the management port (probes and
 * metrics anonymous, health details for ops:admin), the OpenAPI document without a token,
 * describing the bearer scheme and each operation's scope.
 */
class OperationsAndDocumentationAccessTest extends ServiceIntegrationTest implements ManagementPortContract {

	@Override
	public ManagementPort managementPort() {
		return new ManagementPort(this.port, this.managementPort);
	}

	@Test
	void showsTheOutboxRelayToOperators() {
		assertThat(managementPort().assertDetailsOnlyForOperators().has("outboxRelay")).isTrue();
	}

	@Test
	void documentsTheBearerSchemeAndEachOperationsScopeWithoutAToken() {
		JsonNode document = JsonHttp.localhost(this.port).get("/v3/api-docs").expect(200).json();

		JsonNode scheme = document.path("components").path("securitySchemes").path("bearer-jwt");
		assertThat(scheme.path("type").asString()).isEqualTo("http");
		assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
		assertThat(scheme.path("bearerFormat").asString()).isEqualTo("JWT");
		JsonNode paths = document.path("paths");
		assertThat(scopeOf(paths.path("/api/invoices").path("post"))).isEqualTo("invoices:write");
		assertThat(scopeOf(paths.path("/api/invoices").path("get"))).isEqualTo("invoices:read");
		assertThat(scopeOf(paths.path("/api/invoices/{id}").path("get"))).isEqualTo("invoices:read");
		assertThat(scopeOf(paths.path("/api/invoices/{id}").path("put"))).isEqualTo("invoices:write");
		assertThat(scopeOf(paths.path("/api/invoices/{id}").path("delete"))).isEqualTo("invoices:write");
		assertThat(scopeOf(paths.path("/api/invoices/{id}/payment").path("post"))).isEqualTo("invoices:write");
		assertThat(paths.path("/api/invoices/{id}").path("put").path("responses").has("403")).isTrue();
	}

	private static String scopeOf(JsonNode operation) {
		return operation.path("security").path(0).path("bearer-jwt").path(0).asString();
	}

}
