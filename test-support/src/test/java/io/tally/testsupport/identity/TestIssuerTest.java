package io.tally.testsupport.identity;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test issuer is found and trusted the way a resource server finds a real provider:
 * discovery document, then its published key.
 */
class TestIssuerTest {

	private static TestIssuer issuer;

	private static TestIssuer other;

	private static JwtDecoder decoder;

	@BeforeAll
	static void start() {
		issuer = TestIssuer.start();
		other = TestIssuer.start();
		// no timeouts: the point is what is served, not how fast on a busy machine
		decoder = NimbusJwtDecoder.withIssuerLocation(issuer.issuerUri()).restOperations(new RestTemplate()).build();
	}

	@AfterAll
	static void stop() {
		issuer.close();
		other.close();
	}

	@Test
	void mintsTokensAResourceServerVerifiesThroughDiscoveryAndTheKeySet() {
		Jwt jwt = decoder.decode(issuer.token().scopes("invoices:read", "revenue:read").subject("someone").jwt());

		assertThat(jwt.getIssuer().toString()).isEqualTo(issuer.issuerUri());
		assertThat(jwt.getAudience()).containsExactly(TestIssuer.AUDIENCE);
		assertThat(jwt.getSubject()).isEqualTo("someone");
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("invoices:read revenue:read");
		assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
		assertThat(issuer.keyRequests()).isPositive();
	}

	@Test
	void shapesTheClaimsTestsNeed() {
		Jwt jwt = decoder.decode(issuer.token().audience("a", "b").claim("extra", "x").withoutExpiry().jwt());

		assertThat(jwt.getAudience()).containsExactly("a", "b");
		assertThat(jwt.getClaimAsString("extra")).isEqualTo("x");
		assertThat(jwt.getExpiresAt()).isNull();
		assertThat(jwt.hasClaim("scope")).isFalse();
	}

	@Test
	void expiredTokensFailTheDefaultChecks() {
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(
				() -> decoder.decode(issuer.token().expired(Duration.ofMinutes(20), Duration.ofMinutes(10)).jwt()));
	}

	@Test
	void tokensSignedWithAnotherKeyDoNotVerify() {
		assertThatExceptionOfType(BadJwtException.class)
			.isThrownBy(() -> decoder.decode(issuer.token().signedBy(other).jwt()));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(other.token().jwt()));
	}

	@Test
	void knowsEveryScopeOfTheApi() {
		assertThat(TestIssuer.ALL_SCOPES)
			.isEqualTo(List.of("invoices:read", "invoices:write", "revenue:read", "ops:admin"));
	}

}
