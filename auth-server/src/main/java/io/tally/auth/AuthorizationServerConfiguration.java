package io.tally.auth;

import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The authorization server: its protocol endpoints (OAuth2 + OpenID Connect), the two
 * Tally clients, the users and the signing key. Everything else on this server is the
 * login page and health.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain protocolEndpoints(HttpSecurity http) {
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.oidc(Customizer.withDefaults());
		});
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
		// the user info endpoint takes the access token
		http.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
		// a browser that is not signed in goes to the login page
		MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		http.exceptionHandling((exceptions) -> exceptions
			.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LoginPage.PATH), browsers));
		return http.build();
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityFilterChain signIn(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(LoginPage.PATH, "/auth.css", "/favicon.ico", "/error", "/actuator/health",
					"/actuator/health/**", "/actuator/info")
			.permitAll()
			.anyRequest()
			.authenticated());
		http.formLogin((form) -> form.loginPage(LoginPage.PATH));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	Users users(AuthSettings settings, PasswordEncoder encoder) {
		return new Users(settings.users(), encoder);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(Users users) {
		return new RoleScopedAuthorizations(new InMemoryOAuth2AuthorizationService(), users);
	}

	@Bean
	TokenClaims tokenClaims(Users users) {
		return new TokenClaims(users);
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(AuthSettings settings) {
		return new ImmutableJWKSet<>(new JWKSet(SigningKey.loadOrCreate(settings.keyFile())));
	}

	@Bean
	RegisteredClientRepository registeredClients(AuthSettings settings, PasswordEncoder encoder) {
		TokenSettings tokens = TokenSettings.builder()
			.accessTokenTimeToLive(settings.accessTokenTimeToLive())
			.reuseRefreshTokens(false)
			.build();
		AuthSettings.Cli cli = settings.clients().cli();
		RegisteredClient cliClient = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(cli.id())
			.clientSecret(encoder.encode(cli.secret()))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes((scopes) -> scopes.addAll(cli.scopes()))
			.tokenSettings(tokens)
			.build();
		AuthSettings.Dashboard dashboard = settings.clients().dashboard();
		RegisteredClient dashboardClient = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(dashboard.id())
			.clientSecret(encoder.encode(dashboard.secret()))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((uris) -> uris.addAll(dashboard.redirectUris()))
			.postLogoutRedirectUris((uris) -> {
				if (dashboard.postLogoutRedirectUris() != null) {
					uris.addAll(dashboard.postLogoutRedirectUris());
				}
			})
			.scopes((scopes) -> scopes.addAll(dashboard.scopes()))
			// first-party client: no consent screen; PKCE even though it is confidential
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(tokens)
			.build();
		return new InMemoryRegisteredClientRepository(cliClient, dashboardClient);
	}

}
