package io.tally.auth;

import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One auth-server per test JVM on a real port, its issuer naming that port; tokens are
 * verified the way a resource server would: signature from the JWKS endpoint, issuer,
 * expiry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class RunningAuthServer {

	static final int PORT = TestIdentity.freePort();

	static final String ISSUER = TestIdentity.issuer(PORT);

	private static final Path KEY_FILE = TestIdentity.newKeyFile();

	@DynamicPropertySource
	static void identity(DynamicPropertyRegistry registry) {
		TestIdentity.properties(PORT, KEY_FILE).forEach((name, value) -> registry.add(name, () -> value));
	}

	static OAuthClient client() {
		return new OAuthClient(ISSUER);
	}

	static Jwt verify(String token) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(ISSUER + "/oauth2/jwks").build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
		return decoder.decode(token);
	}

}
