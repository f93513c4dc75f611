package io.tally.dashboard.security;

import io.tally.dashboard.DashboardProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.Customizer;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may see and do what: users sign in through the issuer (authorization code + PKCE),
 * their tokens stay in the server session, and each page and form requires the scope the
 * service behind it requires. Also the browser-side protections: CSRF, a strict
 * Content-Security-Policy and the session cookie settings of {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	static final String WRITE = "SCOPE_invoices:write";

	static final String READ_INVOICES = "SCOPE_invoices:read";

	static final String READ_REVENUE = "SCOPE_revenue:read";

	@Bean
	SecurityFilterChain dashboardSecurity(HttpSecurity http, ClientRegistrationRepository registrations,
			DashboardProperties properties) throws Exception {
		String issuerOrigin = origin(properties.identity().issuer().toString());
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico", "/error", "/error/**",
					"/signed-out", "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/invoices", "/invoices/**")
			.hasAuthority(WRITE)
			.requestMatchers("/invoices/new", "/invoices/*/edit", "/invoices/*/delete")
			.hasAuthority(WRITE)
			.requestMatchers("/invoices", "/invoices/**")
			.hasAuthority(READ_INVOICES)
			.requestMatchers("/", "/customers", "/live")
			.hasAuthority(READ_REVENUE)
			.anyRequest()
			.authenticated())
			.oauth2Login((login) -> login.loginPage("/oauth2/authorization/" + ClientIds.USER)
				.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(new TokenScopes(new SupplierJwtDecoder(
						() -> JwtDecoders.fromIssuerLocation(properties.identity().issuer().toString()))))))
			.oauth2Client(Customizer.withDefaults())
			.logout((logout) -> logout.logoutSuccessUrl("/signed-out"))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedPage("/error/forbidden"))
			.addFilterBefore(new IdentityProviderUnavailableFilter(registrations),
					OAuth2AuthorizationRequestRedirectFilter.class)
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(contentSecurityPolicy(issuerOrigin)))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.deny()));
		return http.build();
	}

	/**
	 * No inline script or style, no eval, nothing from other origins; forms may also lead
	 * to the issuer because a form posted after the session expired is redirected to the
	 * sign-in there.
	 */
	static String contentSecurityPolicy(String issuerOrigin) {
		return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
				+ "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
				+ "form-action 'self' " + issuerOrigin;
	}

	private static String origin(String url) {
		java.net.URI uri = java.net.URI.create(url);
		return uri.getScheme() + "://" + uri.getAuthority();
	}

	@Bean
	ClientRegistrationRepository clientRegistrations(DashboardProperties properties) {
		return new IssuerClientRegistrations(properties.identity());
	}

	/** The user's tokens live in their HTTP session, never in the browser. */
	@Bean
	OAuth2AuthorizedClientRepository authorizedClients() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	/** Relays the signed-in user's access token, refreshing it when it expires. */
	@Bean
	OAuth2AuthorizedClientManager userAuthorizedClients(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients) {
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
				authorizedClients);
		manager.setAuthorizedClientProvider(
				OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
		return manager;
	}

	/**
	 * The dashboard's own client-credentials token for the one upstream stream
	 * subscription.
	 */
	@Bean
	ServiceTokens serviceTokens(ClientRegistrationRepository registrations) {
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
		manager
			.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
		return new ServiceTokens(manager);
	}

}
