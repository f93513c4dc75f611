package io.tally.support.security;

import java.text.ParseException;
import java.time.Duration;
import java.util.Collection;

import com.nimbusds.jwt.JWTParser;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * Verifies tokens against the keys an issuer publishes, found through its discovery
 * document ({@code <issuer>/.well-known/openid-configuration}) on the first token, not at
 * start-up: a service starts while its identity provider is down. Until the provider
 * answers, tokens cannot be checked: that is an {@link IssuerUnavailable} (503), not a
 * bad token (401).
 */
final class IssuerJwtDecoder implements JwtDecoder {

	// Nimbus' defaults (half a second each) time out on a busy machine; a first request
	// may wait this long for the provider, later ones use the cached keys
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	private final String issuer;

	private final JwtDecoder delegate;

	IssuerJwtDecoder(String issuer, Collection<String> audiences) {
		this.issuer = issuer;
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(CONNECT_TIMEOUT);
		requests.setReadTimeout(READ_TIMEOUT);
		RestTemplate rest = new RestTemplate(requests);
		this.delegate = new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).restOperations(rest).build();
			decoder.setJwtValidator(JwtRules.validator(issuer, audiences));
			return decoder;
		});
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		try {
			// what is not even a JWT is refused without asking the issuer
			JWTParser.parse(token);
		}
		catch (ParseException ex) {
			throw new BadJwtException("The bearer token is not a JWT", ex);
		}
		try {
			return this.delegate.decode(token);
		}
		catch (JwtDecoderInitializationException ex) {
			throw new IssuerUnavailable(this.issuer, ex);
		}
	}

	/** The issuer's discovery document or keys could not be fetched. */
	static final class IssuerUnavailable extends JwtException {

		IssuerUnavailable(String issuer, Throwable cause) {
			super("The identity provider " + issuer + " cannot be reached to verify tokens", cause);
		}

	}

}
