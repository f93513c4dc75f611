package io.tally.systemtests;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import io.tally.localstack.DevCredentials;
import io.tally.localstack.LocalStack;
import io.tally.localstack.Service;
import io.tally.testsupport.http.JsonHttp;
import io.tally.testsupport.identity.OAuthClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both services as resource servers of the real development identity provider, all
 * started from their jars: a user signed in through the login form (authorization code +
 * PKCE, as the dashboard does it) gets what the user's role allows, no token gets 401,
 * and the actuator answers on the management ports only.
 * <p>
 * On the shared stack, after the end-to-end test (a user here creates an invoice of its
 * own).
 */
@Order(4)
class ResourceServersEndToEndTest {

	private static final String EVERY_SCOPE = "openid profile invoices:read invoices:write revenue:read ops:admin";

	private static LocalStack stack;

	@BeforeAll
	static void sharedStack() throws Exception {
		stack = SharedStack.get().stack();
	}

	@Test
	void aViewerSignedInThroughTheLoginFormReadsBothServicesButMayNotWrite() {
		String viewer = "Bearer " + signIn("viewer");
		JsonHttp invoices = new JsonHttp(stack.url(Service.INVOICE_SERVICE), () -> viewer);
		JsonHttp revenue = new JsonHttp(stack.url(Service.REVENUE_SERVICE), () -> viewer);
		String customer = UUID.randomUUID().toString();

		assertThat(
				invoices.get("/api/invoices?customerId=" + customer).expect(200).json().path("totalElements").asLong())
			.isZero();
		assertThat(revenue.get("/api/revenue/summary").expect(200).json().has("totals")).isTrue();

		JsonHttp.Response refused = invoices.post("/api/invoices",
				"{\"customerId\":\"" + customer + "\",\"amountMinor\":100}");
		assertThat(refused.status()).as(refused.body()).isEqualTo(403);
		assertThat(refused.header("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"");
		assertThat(refused.json().path("type").asString()).isEqualTo("urn:tally:problem:insufficient-scope");
		assertThat(refused.json().path("detail").asString()).contains("invoices:write");
		assertThat(
				invoices.get("/api/invoices?customerId=" + customer).expect(200).json().path("totalElements").asLong())
			.as("nothing was created")
			.isZero();
	}

	@Test
	void financeWritesWithItsOwnSignIn() {
		String finance = "Bearer " + signIn("finance");
		JsonHttp invoices = new JsonHttp(stack.url(Service.INVOICE_SERVICE), () -> finance);

		invoices.post("/api/invoices", "{\"customerId\":\"" + UUID.randomUUID() + "\",\"amountMinor\":100}")
			.expect(201);
	}

	@Test
	void noTokenOrAForgedOneGets401FromBothServices() {
		String forged = forge(stack.accessTokens().token());
		for (Service service : Service.values()) {
			String path = (service == Service.INVOICE_SERVICE) ? "/api/invoices" : "/api/revenue/summary";
			JsonHttp anonymous = new JsonHttp(stack.url(service));
			JsonHttp.Response none = anonymous.get(path);
			assertThat(none.status()).as("%s without a token", service.id()).isEqualTo(401);
			assertThat(none.header("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
			assertThat(none.json().path("type").asString()).isEqualTo("urn:tally:problem:unauthorized");
			JsonHttp.Response bad = anonymous.get(path, "Authorization", "Bearer " + forged);
			assertThat(bad.status()).as("%s with a forged token", service.id()).isEqualTo(401);
			assertThat(bad.header("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
			// the client-credentials token of the scenario is accepted
			new JsonHttp(stack.url(service), stack.accessTokens()::authorization).get(path).expect(200);
		}
	}

	@Test
	void theActuatorAnswersOnTheManagementPortsOnlyWithDetailsForTheOperator() {
		String operator = "Bearer " + signIn("operator");
		String viewer = "Bearer " + signIn("viewer");
		for (Service service : Service.values()) {
			assertThat(new JsonHttp(stack.url(service), () -> operator).get("/actuator/health").status())
				.as("%s: no actuator on the API port", service.id())
				.isEqualTo(404);
			JsonHttp management = new JsonHttp(stack.managementUrl(service));
			assertThat(management.get("/actuator/health/readiness").expect(200).json().path("status").asString())
				.isEqualTo("UP");
			assertThat(management.get("/actuator/health").expect(200).json().has("components")).isFalse();
			assertThat(management.get("/actuator/health", "Authorization", viewer).expect(200).json().has("components"))
				.as("a viewer is no operator")
				.isFalse();
			JsonNode details = management.get("/actuator/health", "Authorization", operator).expect(200).json();
			assertThat(details.path("components").has("db"))
				.as("%s details for the operator: %s", service.id(), details)
				.isTrue();
		}
	}

	/**
	 * The dashboard's sign-in of a demo user, through the auth-server's login page:
	 * answers the access token.
	 */
	private static String signIn(String user) {
		DevCredentials credentials = stack.credentials();
		DevCredentials.Client dashboard = credentials.dashboard();
		OAuthClient client = new OAuthClient(stack.issuerUrl());
		OAuthClient.TokenResponse tokens = client.signInWithCode(
				OAuthClient.authorizationRequest(dashboard.id(), dashboardRedirect(), EVERY_SCOPE), user,
				credentials.user(user).password(), dashboard.id(), dashboard.secret(), dashboardRedirect());
		assertThat(tokens.status()).as("token response %s", tokens.body()).isEqualTo(200);
		return tokens.accessToken();
	}

	/** The same header and claims under a signature nobody made: a forgery. */
	private static String forge(String jwt) {
		byte[] signature = new byte[256];
		new SecureRandom().nextBytes(signature);
		return jwt.substring(0, jwt.lastIndexOf('.') + 1)
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
	}

	/** The redirect URI the auth-server registered for this stack's dashboard. */
	private static String dashboardRedirect() {
		return stack.dashboardUrl() + "/login/oauth2/code/tally";
	}

}
