package io.tally.support.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * What makes an access token acceptable to a Tally service, and what it grants: signed by
 * the configured issuer (checked by the decoder), {@code iss} that issuer, not expired
 * and carrying an expiry, an {@code aud} naming one of the accepted audiences; its
 * {@code scope} claim becomes {@code SCOPE_…} authorities.
 */
public final class JwtRules {

	/**
	 * The audience every Tally access token carries, accepted when none is configured.
	 */
	public static final String DEFAULT_AUDIENCE = "tally";

	private JwtRules() {
	}

	/**
	 * The claim checks for tokens of {@code issuer} meant for one of {@code audiences}
	 * (signature checks belong to the decoder).
	 */
	public static OAuth2TokenValidator<Jwt> validator(String issuer, Collection<String> audiences) {
		Set<String> accepted = Set.copyOf(audiences);
		if (accepted.isEmpty()) {
			throw new IllegalArgumentException("At least one accepted audience is needed");
		}
		// the defaults: exp/nbf with a minute of clock skew, iss equal to the issuer
		OAuth2TokenValidator<Jwt> defaults = JwtValidators.createDefaultWithIssuer(issuer);
		// the default timestamp check passes a token without exp: such a token never
		// expires
		OAuth2TokenValidator<Jwt> expires = new JwtClaimValidator<Instant>(JwtClaimNames.EXP,
				(expiry) -> expiry != null);
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.stream().anyMatch(accepted::contains));
		return new DelegatingOAuth2TokenValidator<>(List.of(defaults, expires, audience));
	}

	/**
	 * The time checks alone ({@code exp}, {@code nbf}, a minute of clock skew): the same
	 * check {@link #validator} makes through Spring Security's defaults, which a token
	 * verified earlier must still pass each time it is used.
	 */
	public static OAuth2TokenValidator<Jwt> timestamps() {
		return new JwtTimestampValidator();
	}

	/**
	 * Turns a verified token into an authentication whose authorities are its scopes
	 * ({@code scope} as a space-separated string or {@code scp} as a list, each as
	 * {@code SCOPE_<scope>}) and whose name is its {@code sub}.
	 */
	public static Converter<Jwt, AbstractAuthenticationToken> authentication() {
		JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
		scopes.setAuthorityPrefix(Scopes.authority(""));
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(scopes);
		return converter;
	}

}
