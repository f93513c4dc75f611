package io.tally.systemtests.deploy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static io.tally.systemtests.deploy.ProjectFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm docker compose imports into Keycloak
 * ({@code deploy/keycloak/tally-realm.json}) holds the identity contract: the two
 * clients, the four scopes, the audience, the three demo users with the scopes their
 * roles allow, and no secret.
 */
class KeycloakRealmTest {

	private static final String REALM_FILE = "deploy/keycloak/tally-realm.json";

	private static final Set<String> TALLY_SCOPES = Set.copyOf(Contract.SCOPES);

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[^}]*)?}");

	private final Map<String, Object> realm = ProjectFiles.json(REALM_FILE);

	@Test
	void declaresExactlyTheContractsClientsScopesAndUsers() {
		assertThat(this.realm).containsEntry("realm", "tally").containsEntry("enabled", true);
		assertThat(names("clients", "clientId")).containsExactlyInAnyOrder("tally-cli", "tally-dashboard");
		// basic (sub) and profile are OpenID Connect's own; the rest is the contract
		assertThat(names("clientScopes", "name")).containsExactlyInAnyOrder("basic", "profile", "invoices:read",
				"invoices:write", "revenue:read", "ops:admin");
		List<Map<String, Object>> users = at(this.realm, "users");
		assertThat(users.stream()
			.filter((user) -> !user.containsKey("serviceAccountClientId"))
			.map((user) -> user.get("username"))).containsExactlyInAnyOrder("finance", "viewer", "operator");
	}

	@Test
	void givesEachUserOnlyTheScopesOfTheirRole() {
		assertThat(scopesOf("finance")).containsExactlyInAnyOrder("invoices:read", "invoices:write", "revenue:read");
		assertThat(scopesOf("viewer")).containsExactlyInAnyOrder("invoices:read", "revenue:read");
		assertThat(scopesOf("operator")).containsExactlyInAnyOrder("invoices:read", "revenue:read", "ops:admin");
		assertThat(scopesOf("service-account-tally-cli")).containsExactlyInAnyOrderElementsOf(TALLY_SCOPES);
	}

	@Test
	void letsTheCliUseClientCredentialsWithEveryScope() {
		Map<String, Object> cli = client("tally-cli");
		assertThat(cli).containsEntry("publicClient", false)
			.containsEntry("serviceAccountsEnabled", true)
			.containsEntry("standardFlowEnabled", false)
			.containsEntry("directAccessGrantsEnabled", false);
		assertThat((List<String>) cli.get("defaultClientScopes")).containsExactlyInAnyOrderElementsOf(TALLY_SCOPES);
		// the contract: a client-credentials token's subject is the client id
		assertThat(mappers(cli)).anyMatch((mapper) -> "oidc-hardcoded-claim-mapper".equals(mapper.get("protocolMapper"))
				&& "sub".equals(config(mapper, "claim.name")) && "tally-cli".equals(config(mapper, "claim.value"))
				&& "true".equals(config(mapper, "access.token.claim")));
	}

	@Test
	void letsTheDashboardSignUsInWithPkce() {
		Map<String, Object> dashboard = client("tally-dashboard");
		assertThat(dashboard).containsEntry("publicClient", false)
			.containsEntry("standardFlowEnabled", true)
			.containsEntry("implicitFlowEnabled", false)
			.containsEntry("directAccessGrantsEnabled", false)
			.containsEntry("serviceAccountsEnabled", false);
		assertThat((Map<String, Object>) dashboard.get("attributes")).containsEntry("pkce.code.challenge.method",
				"S256");
		assertThat((List<String>) dashboard.get("redirectUris")).singleElement()
			.asString()
			.endsWith("/login/oauth2/code/tally");
		assertThat((List<String>) dashboard.get("optionalClientScopes"))
			.containsExactlyInAnyOrderElementsOf(TALLY_SCOPES);
		assertThat((List<String>) dashboard.get("defaultClientScopes")).contains("basic", "profile");
	}

	@Test
	void addsTallyToTheAudienceOfEveryAccessToken() {
		for (String clientId : List.of("tally-cli", "tally-dashboard")) {
			assertThat(mappers(client(clientId))).as("mappers of %s", clientId)
				.anyMatch((mapper) -> "oidc-audience-mapper".equals(mapper.get("protocolMapper"))
						&& "tally".equals(config(mapper, "included.custom.audience"))
						&& "true".equals(config(mapper, "access.token.claim")));
		}
	}

	@Test
	void holdsNoSecretOnlyPlaceholdersThatComposeFills() {
		List<Map<String, Object>> clients = at(this.realm, "clients");
		clients.forEach((client) -> {
			if (Boolean.FALSE.equals(client.get("publicClient"))) {
				assertThat(String.valueOf(client.get("secret"))).as("secret of %s", client.get("clientId"))
					.matches(PLACEHOLDER);
			}
		});
		List<Map<String, Object>> users = at(this.realm, "users");
		users.forEach((user) -> {
			List<Map<String, Object>> credentials = at(user, "credentials");
			if (credentials != null) {
				credentials.forEach((credential) -> assertThat(String.valueOf(credential.get("value")))
					.as("password of %s", user.get("username"))
					.matches(PLACEHOLDER));
			}
		});
		// every placeholder is set in Keycloak's container, from .env where it is a
		// secret
		Map<String, Object> keycloak = at(ProjectFiles.yaml("docker-compose.yml"), "services.keycloak");
		Map<String, Object> environment = at(keycloak, "environment");
		Matcher placeholder = PLACEHOLDER.matcher(ProjectFiles.read(REALM_FILE));
		Set<String> used = new TreeSet<>();
		while (placeholder.find()) {
			used.add(placeholder.group(1));
		}
		assertThat(used).contains("TALLY_CLI_CLIENT_SECRET", "TALLY_DASHBOARD_CLIENT_SECRET", "TALLY_FINANCE_PASSWORD");
		assertThat(environment).containsKeys(used.toArray(String[]::new));
		assertThat((List<String>) keycloak.get("command")).contains("--import-realm");
		assertThat((List<String>) keycloak.get("volumes"))
			.contains("./" + REALM_FILE + ":/opt/keycloak/data/import/tally-realm.json:ro");
	}

	/**
	 * The Tally scopes a user may receive: their roles (with composites) mapped to client
	 * scopes.
	 */
	private Set<String> scopesOf(String username) {
		List<Map<String, Object>> users = at(this.realm, "users");
		Map<String, Object> user = users.stream()
			.filter((candidate) -> username.equals(candidate.get("username")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no user " + username));
		List<Map<String, Object>> roles = at(this.realm, "roles.realm");
		Set<String> effective = new TreeSet<>();
		Deque<String> pending = new ArrayDeque<>((List<String>) user.get("realmRoles"));
		while (!pending.isEmpty()) {
			String role = pending.pop();
			if (effective.add(role)) {
				roles.stream()
					.filter((candidate) -> role.equals(candidate.get("name")))
					.map((candidate) -> ProjectFiles.<List<String>>at(candidate, "composites.realm"))
					.filter((composites) -> composites != null)
					.forEach(pending::addAll);
			}
		}
		List<Map<String, Object>> scopeMappings = at(this.realm, "scopeMappings");
		Set<String> scopes = new TreeSet<>();
		scopeMappings.forEach((mapping) -> {
			if (((List<String>) mapping.get("roles")).stream().anyMatch(effective::contains)) {
				scopes.add((String) mapping.get("clientScope"));
			}
		});
		return scopes;
	}

	private Map<String, Object> client(String clientId) {
		List<Map<String, Object>> clients = at(this.realm, "clients");
		return clients.stream()
			.filter((client) -> clientId.equals(client.get("clientId")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no client " + clientId));
	}

	private static List<Map<String, Object>> mappers(Map<String, Object> client) {
		List<Map<String, Object>> mappers = at(client, "protocolMappers");
		return (mappers != null) ? mappers : List.of();
	}

	/**
	 * A mapper's setting: their keys contain dots, so {@link ProjectFiles#at} cannot
	 * reach them.
	 */
	private static Object config(Map<String, Object> mapper, String key) {
		Map<String, Object> config = at(mapper, "config");
		return (config != null) ? config.get(key) : null;
	}

	private List<Object> names(String collection, String key) {
		List<Map<String, Object>> entries = at(this.realm, collection);
		return entries.stream().map((entry) -> entry.get(key)).toList();
	}

}
