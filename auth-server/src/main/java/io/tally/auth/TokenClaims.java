package io.tally.auth;

import java.util.List;
import java.util.TreeSet;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The claims Tally's services rely on: every access token is meant for {@code tally}
 * ({@code aud}) and lists its scopes in {@code scope}; a user's tokens name the user by
 * an opaque subject id, never by user name. Client-credentials tokens keep the client id
 * as subject.
 */
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String AUDIENCE = "tally";

	private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

	private final Users users;

	TokenClaims(Users users) {
		this.users = users;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
		if (accessToken) {
			context.getClaims().audience(List.of(AUDIENCE));
			// RFC 9068: one space-delimited string, as other providers (Keycloak) issue
			// it
			if (!context.getAuthorizedScopes().isEmpty()) {
				context.getClaims()
					.claim(OAuth2ParameterNames.SCOPE, String.join(" ", new TreeSet<>(context.getAuthorizedScopes())));
			}
		}
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			return;
		}
		String username = context.getPrincipal().getName();
		String subject = this.users.subjectOf(username)
			.orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT));
		if (accessToken || ID_TOKEN.equals(context.getTokenType())) {
			context.getClaims().subject(subject);
		}
		// the user name is for the signed-in client to display (ID token, user info), not
		// for resource servers: access tokens stay free of it
		if (ID_TOKEN.equals(context.getTokenType()) && context.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
			context.getClaims().claim(StandardClaimNames.PREFERRED_USERNAME, username);
		}
	}

}
