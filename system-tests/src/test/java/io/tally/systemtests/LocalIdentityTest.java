package io.tally.systemtests;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tally.testsupport.http.JsonHttp;
import io.tally.localstack.AccessTokens;
import io.tally.localstack.DevCredentials;
import io.tally.localstack.LocalStack;
import io.tally.localstack.StackSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's identity provider as {@code run-local.sh} runs it (the auth-server
 * from its jar, secrets generated into the state directory): the banner's command fetches
 * a real token, and a restart keeps the secrets and the signing key, so a token issued
 * before it still verifies.
 */
class LocalIdentityTest {

	@Test
	void theBannersCommandFetchesATokenAndTokensSurviveARestartOfTheAuthServer() throws Exception {
		Path root = Path.of(System.getProperty("tally.projectRoot", "..")).toAbsolutePath().normalize();
		Path state = Files
			.createDirectories(root.resolve("system-tests/target/identity-stack-" + System.currentTimeMillis()));
		StackSettings settings = SharedStack.settings(root, state, Duration.ofMinutes(2));

		String bannerToken;
		DevCredentials credentials;
		try (LocalStack stack = new LocalStack(settings)) {
			stack.startAuthServer();
			credentials = stack.credentials();
			bannerToken = shell(stack.fetchTokenCommand() + " && printf %s \"$TOKEN\"");

			JsonNode claims = verify(bannerToken, stack);
			assertThat(claims.path("iss").asString()).isEqualTo(stack.issuerUrl());
			assertThat(claims.path("aud").toString()).contains("\"tally\"");
			assertThat(claims.path("sub").asString()).isEqualTo("tally-cli");
			assertThat(claims.path("scope").asString().split(" "))
				.containsExactlyInAnyOrderElementsOf(DevCredentials.CLI_SCOPES);
			assertThat(verify(stack.accessTokens().token(), stack).path("sub").asString()).isEqualTo("tally-cli");
		}
		Path credentialsFile = state.resolve("auth/credentials.properties");
		assertThat(Files.getPosixFilePermissions(credentialsFile))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(state.resolve("auth/signing-key.json")))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));

		// a new launcher on the same state directory, as after Ctrl-C and ./run-local.sh
		try (LocalStack restarted = new LocalStack(settings)) {
			restarted.startAuthServer();

			assertThat(restarted.credentials()).isEqualTo(credentials);
			assertThat(verify(bannerToken, restarted).path("sub").asString()).isEqualTo("tally-cli");
			DevCredentials.Client cli = credentials.cli();
			String fresh = new AccessTokens(java.net.URI.create(restarted.issuerUrl() + "/oauth2/token"), cli.id(),
					cli.secret(), List.of("revenue:read"))
				.token();
			assertThat(verify(fresh, restarted).path("scope").asString()).isEqualTo("revenue:read");
		}
	}

	/**
	 * Verifies the RS256 signature with the key the issuer publishes; answers the claims.
	 */
	private static JsonNode verify(String jwt, LocalStack stack) throws GeneralSecurityException {
		String[] parts = jwt.split("\\.");
		assertThat(parts).as("a signed JWT").hasSize(3);
		JsonNode header = JsonHttp.json().readTree(decode(parts[0]));
		assertThat(header.path("alg").asString()).isEqualTo("RS256");
		JsonNode jwks = new JsonHttp().get(stack.issuerUrl() + "/oauth2/jwks").expect(200).json();
		JsonNode key = null;
		for (JsonNode candidate : jwks.path("keys")) {
			if (candidate.path("kid").asString().equals(header.path("kid").asString())) {
				key = candidate;
			}
		}
		assertThat(key).as("the token's key %s is published", header.path("kid")).isNotNull();
		PublicKey publicKey = KeyFactory.getInstance("RSA")
			.generatePublic(new RSAPublicKeySpec(new BigInteger(1, decode(key.path("n").asString())),
					new BigInteger(1, decode(key.path("e").asString()))));
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initVerify(publicKey);
		signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		assertThat(signature.verify(decode(parts[2]))).as("signature").isTrue();
		JsonNode claims = JsonHttp.json().readTree(decode(parts[1]));
		assertThat(claims.path("exp").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);
		return claims;
	}

	private static byte[] decode(String base64Url) {
		return Base64.getUrlDecoder().decode(base64Url);
	}

	private static String shell(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("the command failed: %s", output).isZero();
		return output.trim();
	}

}
