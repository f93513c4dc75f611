package io.tally.support.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The rules a verified token's claims must meet, and what they grant; no Spring context,
 * no key: the signature is the decoder's business.
 */
class JwtRulesTest {

	private static final String ISSUER = "https://login.example.com/realms/tally";

	private final OAuth2TokenValidator<Jwt> rules = JwtRules.validator(ISSUER, List.of("tally"));

	private static Jwt token(Consumer<Jwt.Builder> claims) {
		Instant now = Instant.now();
		Jwt.Builder builder = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.issuer(ISSUER)
			.audience(List.of("tally"))
			.subject("5c0ffee0-0000-4000-8000-000000000001")
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(5)));
		claims.accept(builder);
		return builder.build();
	}

	private List<String> errors(Jwt jwt) {
		OAuth2TokenValidatorResult result = this.rules.validate(jwt);
		return result.getErrors().stream().map(OAuth2Error::getDescription).toList();
	}

	@Test
	void acceptsATokenOfTheIssuerForTallyThatHasNotExpired() {
		assertThat(errors(token((claims) -> {
		}))).isEmpty();
	}

	@Test
	void acceptsAnAudienceListThatContainsTally() {
		assertThat(errors(token((claims) -> claims.audience(List.of("account", "tally"))))).isEmpty();
	}

	@Test
	void refusesATokenForAnotherAudience() {
		assertThat(errors(token((claims) -> claims.audience(List.of("account"))))).singleElement()
			.asString()
			.contains("aud");
	}

	@Test
	void refusesATokenWithoutAudience() {
		assertThat(errors(token((claims) -> claims.claims((all) -> all.remove("aud"))))).isNotEmpty();
	}

	@Test
	void refusesATokenOfAnotherIssuer() {
		assertThat(errors(token((claims) -> claims.issuer("https://elsewhere.example.com")))).singleElement()
			.asString()
			.contains("iss");
	}

	@Test
	void refusesAnExpiredTokenBeyondAMinuteOfClockSkew() {
		Instant past = Instant.now().minus(Duration.ofMinutes(10));
		assertThat(errors(token((claims) -> claims.issuedAt(past.minusSeconds(300)).expiresAt(past)))).singleElement()
			.asString()
			.contains("expired");
		Instant justNow = Instant.now().minusSeconds(30);
		assertThat(errors(token((claims) -> claims.issuedAt(justNow.minusSeconds(300)).expiresAt(justNow))))
			.as("within the skew")
			.isEmpty();
	}

	@Test
	void refusesATokenThatWouldNeverExpire() {
		assertThat(errors(token((claims) -> claims.claims((all) -> all.remove("exp"))))).singleElement()
			.asString()
			.contains("exp");
	}

	@Test
	void refusesATokenNotValidYet() {
		assertThat(errors(token((claims) -> claims.notBefore(Instant.now().plus(Duration.ofMinutes(10))))))
			.isNotEmpty();
	}

	@Test
	void honoursAnotherConfiguredAudience() {
		OAuth2TokenValidator<Jwt> otherAudience = JwtRules.validator(ISSUER, List.of("books"));
		assertThat(otherAudience.validate(token((claims) -> claims.audience(List.of("books")))).hasErrors()).isFalse();
		assertThat(otherAudience.validate(token((claims) -> {
		})).hasErrors()).isTrue();
	}

	@Test
	void needsAnAudienceToCheck() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwtRules.validator(ISSUER, List.of()));
	}

	@Test
	void grantsEachScopeOfTheSpaceSeparatedScopeClaimAsAnAuthority() {
		AbstractAuthenticationToken authentication = JwtRules.authentication()
			.convert(token((claims) -> claims.claim("scope", "invoices:read revenue:read")));

		assertThat(scopeAuthorities(authentication)).containsExactlyInAnyOrder("SCOPE_invoices:read",
				"SCOPE_revenue:read");
		assertThat(authentication.getName()).isEqualTo("5c0ffee0-0000-4000-8000-000000000001");
	}

	@Test
	void grantsTheScopesOfAnScpListToo() {
		AbstractAuthenticationToken authentication = JwtRules.authentication()
			.convert(token((claims) -> claims.claim("scp", List.of("ops:admin"))));

		assertThat(scopeAuthorities(authentication)).containsExactly(Scopes.authority(Scopes.OPS_ADMIN));
	}

	@Test
	void grantsNothingWithoutAScopeClaim() {
		assertThat(scopeAuthorities(JwtRules.authentication().convert(token((claims) -> {
		})))).isEmpty();
	}

	// Spring Security 7 adds a factor authority (FACTOR_BEARER) to every bearer login
	private static List<String> scopeAuthorities(AbstractAuthenticationToken authentication) {
		return authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("SCOPE_"))
			.toList();
	}

}
