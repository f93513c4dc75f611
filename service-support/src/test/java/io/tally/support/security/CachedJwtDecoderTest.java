package io.tally.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What remembering verified tokens may and may not change: a token is verified once, an
 * expired one is refused even when remembered, a refused one is never remembered. The
 * verifying decoder is a stand-in that counts its calls and applies the real time rules
 * on the test's clock.
 */
class CachedJwtDecoderTest {

	private final AtomicLong ticks = new AtomicLong();

	private final List<String> verifications = new ArrayList<>();

	private Instant now = Instant.now();

	private final Instant expiry = this.now.plus(Duration.ofMinutes(10));

	/** The real time rules, on a clock the test moves. */
	private final JwtTimestampValidator timestamps = new JwtTimestampValidator();

	{
		this.timestamps.setClock(new Clock() {
			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return CachedJwtDecoderTest.this.now;
			}
		});
	}

	private final JwtDecoder verifying = (token) -> {
		this.verifications.add(token);
		if (token.startsWith("forged")) {
			throw new BadJwtException("signature does not match");
		}
		Jwt jwt = Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("5c0ffee0-0000-4000-8000-000000000001")
			.issuedAt(this.expiry.minus(Duration.ofMinutes(15)))
			.expiresAt(this.expiry)
			.build();
		var result = this.timestamps.validate(jwt);
		if (result.hasErrors()) {
			throw new JwtValidationException("expired", result.getErrors());
		}
		return jwt;
	};

	private final CachedJwtDecoder decoder = new CachedJwtDecoder(this.verifying, this.timestamps, this.ticks::get);

	@Test
	void verifiesATokenOnceAndAnswersRepeatsFromMemory() {
		Jwt first = this.decoder.decode("token-a");
		Jwt again = this.decoder.decode("token-a");
		this.decoder.decode("token-b");

		assertThat(again).isSameAs(first);
		assertThat(this.verifications).containsExactly("token-a", "token-b");
	}

	@Test
	void neverRemembersARefusedToken() {
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode("forged-1"));
		}
		assertThat(this.verifications).containsExactly("forged-1", "forged-1", "forged-1");
	}

	@Test
	void refusesARememberedTokenOnceItHasExpired() {
		this.decoder.decode("token-a");
		// its exp and the minute of clock skew pass
		this.now = this.expiry.plus(Duration.ofSeconds(61));

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.decoder.decode("token-a"));
		// refused by the verifier, as any expired token is, and not remembered again
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.decoder.decode("token-a"));
		assertThat(this.verifications).containsExactly("token-a", "token-a", "token-a");
	}

	@Test
	void verifiesAgainAfterTheRememberedTimeHasPassed() {
		this.decoder.decode("token-a");
		this.ticks.addAndGet(CachedJwtDecoder.REMEMBERED_FOR.plusSeconds(1).toNanos());
		this.decoder.decode("token-a");

		assertThat(this.verifications).containsExactly("token-a", "token-a");
	}

}
