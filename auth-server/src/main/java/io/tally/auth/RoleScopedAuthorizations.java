package io.tally.auth;

import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps a user's authorizations within the user's role: whatever a client asks for, the
 * scopes stored with an authorization-code grant are narrowed to those the user may
 * grant, so the code exchange, the refresh and the token response all see only those.
 *
 * <p>
 * Every authorization-code grant is saved here before a code is issued, whichever way the
 * request arrived (with or without consent, pushed requests if they are ever enabled):
 * that is why the rule lives here rather than in a request converter.
 */
class RoleScopedAuthorizations implements OAuth2AuthorizationService {

	private final OAuth2AuthorizationService delegate;

	private final Users users;

	RoleScopedAuthorizations(OAuth2AuthorizationService delegate, Users users) {
		this.delegate = delegate;
		this.users = users;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(authorization.getAuthorizationGrantType())) {
			Set<String> permitted = this.users.permitted(authorization.getPrincipalName(),
					authorization.getAuthorizedScopes());
			if (!permitted.equals(authorization.getAuthorizedScopes())) {
				authorization = OAuth2Authorization.from(authorization).authorizedScopes(permitted).build();
			}
		}
		this.delegate.save(authorization);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.delegate.remove(authorization);
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		return this.delegate.findByToken(token, tokenType);
	}

}
