package io.tally.support.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens another decoder has verified, so that a client sending the same
 * token with every request pays for its signature check once, not per request. A client
 * keeps one token for minutes; verifying its RS256 signature and parsing its claims was
 * about a quarter of the CPU of a request that reads one invoice (issue 12).
 * <p>
 * A remembered token is still checked on every request against the clock (its {@code exp}
 * and {@code nbf}, with the same skew as a first check): an expired token is refused the
 * moment it expires, by the verifying decoder, with its usual message. Only tokens that
 * passed every check are remembered — a refused token is verified again each time it is
 * sent. A token string cannot change, so what was verified stays true of it; the one
 * thing remembering delays is the issuer withdrawing a signing key: tokens signed with
 * that key are accepted for at most {@link #REMEMBERED_FOR} more (they would stay valid
 * until their {@code exp} anyway, as JWTs are not revoked one by one).
 */
final class CachedJwtDecoder implements JwtDecoder {

	/** How long a verified token is remembered at most. */
	static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

	/**
	 * Enough for every client and user of a deployment; a token is a few kilobytes with
	 * its claims, so this bounds the cache to a few tens of megabytes.
	 */
	static final long MAXIMUM_TOKENS = 10_000;

	private final JwtDecoder verifying;

	private final OAuth2TokenValidator<Jwt> timestamps;

	private final Cache<String, Jwt> verified;

	/**
	 * A cache in front of {@code verifying}.
	 * @param verifying checks signature and claims
	 * @param timestamps the time checks a remembered token must still pass
	 * @param ticker Caffeine's clock ({@link Ticker#systemTicker()} but in tests)
	 */
	CachedJwtDecoder(JwtDecoder verifying, OAuth2TokenValidator<Jwt> timestamps, Ticker ticker) {
		this.verifying = verifying;
		this.timestamps = timestamps;
		this.verified = Caffeine.newBuilder()
			.maximumSize(MAXIMUM_TOKENS)
			.expireAfterWrite(REMEMBERED_FOR)
			.ticker(ticker)
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt remembered = this.verified.getIfPresent(token);
		if (remembered != null) {
			if (!this.timestamps.validate(remembered).hasErrors()) {
				return remembered;
			}
			// expired (or the clock went back before nbf): forget it, and let the
			// verifying decoder refuse it as it would any other
			this.verified.invalidate(token);
		}
		Jwt jwt = this.verifying.decode(token);
		this.verified.put(token, jwt);
		return jwt;
	}

}
