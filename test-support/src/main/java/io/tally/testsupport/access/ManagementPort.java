package io.tally.testsupport.access;

import java.util.List;

import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import io.tally.testsupport.identity.TestIssuer;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What both services promise about their actuator: it answers on the management port
 * only; probes and metrics need no token and the probes show the status only; health
 * details need a token with {@code ops:admin}.
 *
 * @param api the service's API port
 * @param management its management port
 */
public record ManagementPort(int api, int management) {

	private static final String OPS_ADMIN = "ops:admin";

	private static final String[] ALL = TestIssuer.ALL_SCOPES.toArray(String[]::new);

	private static final String[] ALL_BUT_OPS = TestIssuer.ALL_SCOPES.stream()
		.filter((scope) -> !scope.equals(OPS_ADMIN))
		.toArray(String[]::new);

	/** The actuator is absent from the API port, even for a token with every scope. */
	public void assertNothingOfTheActuatorOnTheApiPort() {
		JsonHttp http = new JsonHttp("http://localhost:" + this.api, () -> TestInfrastructure.issuer().bearer(ALL));
		for (String path : List.of("/actuator", "/actuator/health", "/actuator/health/readiness",
				"/actuator/prometheus", "/actuator/info")) {
			assertThat(http.get(path).status()).as("%s on the API port", path).isEqualTo(404);
		}
	}

	/**
	 * Liveness, readiness and the overall health answer without a token, UP and nothing
	 * more; the Prometheus scrape too.
	 */
	public void assertProbesAndMetricsAreAnonymous() {
		JsonHttp anonymous = JsonHttp.localhost(this.management);
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			JsonNode health = anonymous.get(path).expect(200).json();
			assertThat(health.path("status").asString()).as(path).isEqualTo("UP");
			assertThat(health.has("components") || health.has("details"))
				.as("%s shows the status only: %s", path, health)
				.isFalse();
		}
		assertThat(anonymous.get("/actuator/prometheus").expect(200).body()).contains("jvm_memory_used_bytes");
	}

	/**
	 * The health components show for a token with {@code ops:admin}, not for a token
	 * without it; the components answered.
	 */
	public JsonNode assertDetailsOnlyForOperators() {
		JsonHttp operator = new JsonHttp("http://localhost:" + this.management,
				() -> TestInfrastructure.issuer().bearer(OPS_ADMIN));
		JsonHttp reader = new JsonHttp("http://localhost:" + this.management,
				() -> TestInfrastructure.issuer().bearer(ALL_BUT_OPS));
		assertThat(reader.get("/actuator/health").expect(200).json().has("components"))
			.as("components for a token without ops:admin")
			.isFalse();
		JsonNode components = operator.get("/actuator/health").expect(200).json().path("components");
		assertThat(components.has("db")).as("components for ops:admin: %s", components).isTrue();
		return components;
	}

	/**
	 * An invalid token is refused on the management port too (a probe simply sends none).
	 */
	public void assertInvalidTokensAreRefusedThere() {
		String forged = TestInfrastructure.issuer()
			.token()
			.scopes(OPS_ADMIN)
			.signedBy(TestInfrastructure.otherIssuer())
			.bearer();
		JsonHttp.Response response = JsonHttp.localhost(this.management)
			.get("/actuator/health", "Authorization", forged);
		Refusals.assertRefused(response, 401, true, "/actuator/health");
	}

}
