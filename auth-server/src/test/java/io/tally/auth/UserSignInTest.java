package io.tally.auth;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's sign-in as a browser performs it: authorization code with PKCE through
 * the login form (CSRF token included), then the code exchange at the token endpoint.
 */
class UserSignInTest extends RunningAuthServer {

	private static final String EVERYTHING = "openid profile invoices:read invoices:write revenue:read ops:admin";

	@Test
	void viewerReceivesOnlyReadScopesEvenWhenTheDashboardAsksForMore() {
		OAuthClient.TokenResponse tokens = signIn("viewer", EVERYTHING);

		assertThat(scopes(verify(tokens.accessToken()))).containsExactlyInAnyOrder("openid", "profile", "invoices:read",
				"revenue:read");
		assertThat(tokens.body().path("scope").asString().split(" ")).containsExactlyInAnyOrder("openid", "profile",
				"invoices:read", "revenue:read");
	}

	@Test
	void financeMayWriteInvoicesButIsNoOperator() {
		OAuthClient.TokenResponse tokens = signIn("finance", EVERYTHING);

		assertThat(scopes(verify(tokens.accessToken()))).containsExactlyInAnyOrder("openid", "profile", "invoices:read",
				"invoices:write", "revenue:read");
	}

	@Test
	void operatorMayUseOperatorEndpointsButNotWriteInvoices() {
		OAuthClient.TokenResponse tokens = signIn("operator", EVERYTHING);

		assertThat(scopes(verify(tokens.accessToken()))).containsExactlyInAnyOrder("openid", "profile", "invoices:read",
				"revenue:read", "ops:admin");
	}

	@Test
	void aUserReceivesNoMoreThanTheDashboardAskedFor() {
		OAuthClient.TokenResponse tokens = signIn("finance", "openid revenue:read");

		assertThat(scopes(verify(tokens.accessToken()))).containsExactlyInAnyOrder("openid", "revenue:read");
	}

	@Test
	void userTokensNameTheUserByAnOpaqueSubjectAndAreMeantForTally() {
		OAuthClient.TokenResponse tokens = signIn("viewer", EVERYTHING);

		Jwt access = verify(tokens.accessToken());
		Jwt id = verify(tokens.body().path("id_token").asString());
		String subject = TestIdentity.SUBJECTS.get("viewer");
		assertThat(access.getSubject()).isEqualTo(subject).isNotEqualTo("viewer");
		assertThat(access.getAudience()).contains("tally");
		assertThat(access.getClaims()).doesNotContainKey("preferred_username");
		assertThat(id.getSubject()).isEqualTo(subject);
		assertThat(id.getAudience()).containsExactly("tally-dashboard");
		assertThat(id.getClaimAsString("preferred_username")).isEqualTo("viewer");
	}

	@Test
	void refreshedTokensKeepTheScopesOfTheUsersRole() {
		OAuthClient.TokenResponse first = signIn("viewer", EVERYTHING);

		OAuthClient.TokenResponse refreshed = client().token("tally-dashboard", TestIdentity.DASHBOARD_SECRET,
				Map.of("grant_type", "refresh_token", "refresh_token", first.body().path("refresh_token").asString()));

		assertThat(refreshed.status()).isEqualTo(200);
		Jwt access = verify(refreshed.accessToken());
		assertThat(scopes(access)).containsExactlyInAnyOrder("openid", "profile", "invoices:read", "revenue:read");
		assertThat(access.getSubject()).isEqualTo(TestIdentity.SUBJECTS.get("viewer"));
	}

	@Test
	void aWrongPasswordIsRefusedAndTheLoginPageTiesTheMessageToTheFields() {
		OAuthClient client = client();
		OAuthClient.AuthorizationRequest request = OAuthClient.authorizationRequest("tally-dashboard",
				TestIdentity.REDIRECT_URI, EVERYTHING);

		HttpResponse<String> refused = client.signIn(request, "finance", "not-the-password");

		assertThat(OAuthClient.location(refused)).endsWith("/login?error");
		String page = client.get(OAuthClient.location(refused)).body();
		assertThat(page).contains("id=\"login-error\"", "role=\"alert\"");
		assertThat(page).containsPattern("id=\"username\"[^>]*aria-describedby=\"login-error\"");
		assertThat(page).containsPattern("id=\"password\"[^>]*aria-describedby=\"login-error\"");
		assertThat(page).containsPattern("id=\"password\"[^>]*aria-invalid=\"true\"");
		// still not signed in: the authorization request leads to the login page again
		OAuthClient.expectRedirect(client.get(request.url()), "/login");
	}

	@Test
	void anUnknownUserIsRefusedLikeAWrongPassword() {
		OAuthClient.AuthorizationRequest request = OAuthClient.authorizationRequest("tally-dashboard",
				TestIdentity.REDIRECT_URI, EVERYTHING);

		assertThat(OAuthClient.location(client().signIn(request, "mallory", "guess"))).endsWith("/login?error");
	}

	@Test
	void aSignInWithoutTheCsrfTokenIsRefused() {
		OAuthClient client = client();
		OAuthClient.AuthorizationRequest request = OAuthClient.authorizationRequest("tally-dashboard",
				TestIdentity.REDIRECT_URI, EVERYTHING);
		client.get(request.url());

		HttpResponse<String> forged = client.postForm("/login",
				Map.of("username", "finance", "password", TestIdentity.PASSWORDS.get("finance")));

		assertThat(forged.statusCode()).isEqualTo(403);
		OAuthClient.expectRedirect(client.get(request.url()), "/login");
	}

	@Test
	void anAuthorizationRequestWithoutPkceIsRefused() {
		OAuthClient client = client();
		OAuthClient.AuthorizationRequest request = OAuthClient.authorizationRequest("tally-dashboard",
				TestIdentity.REDIRECT_URI, EVERYTHING);
		String withoutPkce = request.url().replaceAll("&code_challenge[^&]*", "");
		HttpResponse<String> signedIn = client.signIn(request, "finance", TestIdentity.PASSWORDS.get("finance"));
		client.followToClient(signedIn);

		URI answer = client.followToClient(client.get(withoutPkce));

		assertThat(OAuthClient.queryParameter(answer, "error")).isEqualTo("invalid_request");
		assertThat(OAuthClient.queryParameter(answer, "code")).isNull();
	}

	@Test
	void theCodeIsWorthNothingWithoutItsVerifier() {
		OAuthClient client = client();
		OAuthClient.AuthorizationRequest request = OAuthClient.authorizationRequest("tally-dashboard",
				TestIdentity.REDIRECT_URI, EVERYTHING);
		URI callback = client.followToClient(client.signIn(request, "finance", TestIdentity.PASSWORDS.get("finance")));

		OAuthClient.TokenResponse response = client.token("tally-dashboard", TestIdentity.DASHBOARD_SECRET,
				Map.of("grant_type", "authorization_code", "code", OAuthClient.queryParameter(callback, "code"),
						"redirect_uri", TestIdentity.REDIRECT_URI, "code_verifier", "a".repeat(43)));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void signingInWithoutAClientShowsWhoIsSignedInAndSigningOutReturnsToTheLoginPage() {
		OAuthClient client = client();
		HttpResponse<String> form = client.get("/login");

		HttpResponse<String> signedIn = client.postForm("/login", Map.of("username", "operator", "password",
				TestIdentity.PASSWORDS.get("operator"), "_csrf", OAuthClient.csrfToken(form)));
		HttpResponse<String> home = client.get(OAuthClient.location(signedIn));

		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("<main>", "<h1>Signed in</h1>", "<strong>operator</strong>");
		HttpResponse<String> signedOut = client.postForm("/logout", Map.of("_csrf", OAuthClient.csrfToken(home)));
		assertThat(OAuthClient.location(signedOut)).endsWith("/login?logout");
		assertThat(client.get(OAuthClient.location(signedOut)).body()).contains("role=\"status\"",
				"You have been signed out.");
		OAuthClient.expectRedirect(client.get("/"), "/login");
	}

	@Test
	void theLoginPageIsAnAccessibleFormWithACsrfToken() {
		HttpResponse<String> page = client().get("/login");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<html lang=\"en\"", "<main>", "<h1>", "<title>", "<label for=\"username\">",
				"<label for=\"password\">", "autocomplete=\"current-password\"");
		assertThat(page.body()).containsPattern("<input[^>]*id=\"username\"");
		assertThat(page.body()).containsPattern("<input[^>]*id=\"password\"");
		assertThat(page.body()).doesNotContain("aria-invalid", "login-error");
		assertThat(OAuthClient.csrfToken(page)).isNotBlank();
		assertThat(client().get("/auth.css").body()).contains(":focus-visible");
	}

	private static OAuthClient.TokenResponse signIn(String user, String scope) {
		return exchange(client(), OAuthClient.authorizationRequest("tally-dashboard", TestIdentity.REDIRECT_URI, scope),
				user);
	}

	private static OAuthClient.TokenResponse exchange(OAuthClient client, OAuthClient.AuthorizationRequest request,
			String user) {
		HttpResponse<String> signedIn = client.signIn(request, user, TestIdentity.PASSWORDS.get(user));
		URI callback = client.followToClient(signedIn);
		assertThat(callback.toString()).startsWith(TestIdentity.REDIRECT_URI);
		assertThat(OAuthClient.queryParameter(callback, "state")).isEqualTo(request.state());
		OAuthClient.TokenResponse tokens = client.token("tally-dashboard", TestIdentity.DASHBOARD_SECRET,
				Map.of("grant_type", "authorization_code", "code", OAuthClient.queryParameter(callback, "code"),
						"redirect_uri", TestIdentity.REDIRECT_URI, "code_verifier", request.codeVerifier()));
		assertThat(tokens.status()).as("token response %s", tokens.body()).isEqualTo(200);
		return tokens;
	}

	private static List<String> scopes(Jwt token) {
		assertThat(token.getClaims().get("scope")).as("scope claim (RFC 9068)").isInstanceOf(String.class);
		return List.of(token.getClaimAsString("scope").split(" "));
	}

}
