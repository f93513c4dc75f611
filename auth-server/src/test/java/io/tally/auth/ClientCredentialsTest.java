package io.tally.auth;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCredentialsTest extends RunningAuthServer {

	@Test
	void issuesATokenForTallyWithTheRequestedScopesAndTheClientIdAsSubject() {
		OAuthClient.TokenResponse response = client().token("tally-cli", TestIdentity.CLI_SECRET,
				Map.of("grant_type", "client_credentials", "scope", "invoices:read revenue:read"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().path("token_type").asString()).isEqualTo("Bearer");
		assertThat(response.body().path("expires_in").asLong()).isBetween(290L, 300L);
		Jwt token = verify(response.accessToken());
		assertThat(token.getAudience()).contains("tally");
		assertThat(token.getClaimAsString("scope").split(" ")).containsExactlyInAnyOrder("invoices:read",
				"revenue:read");
		assertThat(token.getSubject()).isEqualTo("tally-cli");
		assertThat(token.getIssuer()).hasToString(ISSUER);
		assertThat(token.getHeaders()).containsKey("kid");
	}

	@Test
	void grantsAllFourScopesToTheCliClient() {
		OAuthClient.TokenResponse response = client().token("tally-cli", TestIdentity.CLI_SECRET, Map.of("grant_type",
				"client_credentials", "scope", "invoices:read invoices:write revenue:read ops:admin"));

		assertThat(verify(response.accessToken()).getClaimAsString("scope").split(" "))
			.containsExactlyInAnyOrder("invoices:read", "invoices:write", "revenue:read", "ops:admin");
	}

	@Test
	void refusesAWrongClientSecret() {
		OAuthClient.TokenResponse response = client().token("tally-cli", TestIdentity.CLI_SECRET + "x",
				Map.of("grant_type", "client_credentials", "scope", "invoices:read"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body().path("error").asString()).isEqualTo("invalid_client");
		assertThat(response.body().has("access_token")).isFalse();
	}

	@Test
	void refusesAScopeTheClientIsNotRegisteredFor() {
		OAuthClient.TokenResponse response = client().token("tally-cli", TestIdentity.CLI_SECRET,
				Map.of("grant_type", "client_credentials", "scope", "invoices:read payroll:write"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("error").asString()).isEqualTo("invalid_scope");
	}

	@Test
	void refusesClientCredentialsForTheDashboardClient() {
		OAuthClient.TokenResponse response = client().token("tally-dashboard", TestIdentity.DASHBOARD_SECRET,
				Map.of("grant_type", "client_credentials", "scope", "invoices:read"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("error").asString()).isEqualTo("unauthorized_client");
	}

	@Test
	void discoveryDocumentNamesTheConfiguredIssuerAndItsEndpoints() {
		JsonNode discovery = client().getJson("/.well-known/openid-configuration");

		assertThat(discovery.path("issuer").asString()).isEqualTo(ISSUER);
		assertThat(discovery.path("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
		assertThat(discovery.path("authorization_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/authorize");
		assertThat(discovery.path("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
		assertThat(client().getJson("/.well-known/oauth-authorization-server").path("issuer").asString())
			.isEqualTo(ISSUER);
	}

	@Test
	void healthProbesAnswerWithoutSigningIn() {
		assertThat(client().getJson("/actuator/health/readiness").path("status").asString()).isEqualTo("UP");
		assertThat(client().getJson("/actuator/health/liveness").path("status").asString()).isEqualTo("UP");
	}

}
