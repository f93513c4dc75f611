package io.tally.dashboard.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Signs a user in with the authorities their access token really carries. The token
 * response's {@code scope} may list what the dashboard asked for, while the token itself
 * holds only what the user's role allows; the services decide on the token, so the pages
 * (which controls to show, which posts to accept) decide on it too.
 */
final class TokenScopes implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcUserService delegate = new OidcUserService();

	private final JwtDecoder accessTokens;

	TokenScopes(JwtDecoder accessTokens) {
		this.accessTokens = accessTokens;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = this.delegate.loadUser(request);
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		user.getAuthorities()
			.stream()
			.filter((authority) -> !authority.getAuthority().startsWith("SCOPE_"))
			.forEach(authorities::add);
		scopes(request).forEach((scope) -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
		return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo());
	}

	private Collection<String> scopes(OidcUserRequest request) {
		String token = request.getAccessToken().getTokenValue();
		try {
			Jwt jwt = this.accessTokens.decode(token);
			Object scope = jwt.getClaims().get("scope");
			if (scope instanceof String text) {
				return List.of(text.trim().split("\\s+"));
			}
			if (scope instanceof Collection<?> values) {
				return values.stream().map(String::valueOf).toList();
			}
			return List.of();
		}
		catch (JwtException ex) {
			// an opaque token: the token response is all we know
			return request.getAccessToken().getScopes();
		}
	}

}
