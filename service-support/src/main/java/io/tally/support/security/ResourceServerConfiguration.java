package io.tally.support.security;

import java.util.List;

import com.github.benmanes.caffeine.cache.Ticker;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Makes a service an OAuth2 resource server: JWT access tokens of the configured issuer
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}) meant for an accepted
 * audience ({@code …jwt.audiences}, {@value JwtRules#DEFAULT_AUDIENCE} when unset), the
 * service's {@link ScopeRules} for the API, everything else under {@code /api/} refused,
 * the OpenAPI document and the actuator (on the management port) open, no session.
 * Refusals are RFC 9457 problems with {@code WWW-Authenticate}.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
public class ResourceServerConfiguration {

	/** Where the API lives; every path under it needs a scope. */
	public static final String API_PREFIX = "/api/";

	@Bean
	JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties) {
		String issuer = properties.getJwt().getIssuerUri();
		if (issuer == null || issuer.isBlank()) {
			throw new IllegalStateException(
					"spring.security.oauth2.resourceserver.jwt.issuer-uri is required: the identity provider whose tokens this service accepts");
		}
		List<String> audiences = properties.getJwt().getAudiences();
		IssuerJwtDecoder verifying = new IssuerJwtDecoder(issuer,
				audiences.isEmpty() ? List.of(JwtRules.DEFAULT_AUDIENCE) : audiences);
		return new CachedJwtDecoder(verifying, JwtRules.timestamps(), Ticker.systemTicker());
	}

	/**
	 * Spring Security's strict firewall with its header rules checked by a loop instead
	 * of regular expressions (see {@link HeaderCharacters}); picked up by the filter
	 * chain as the one {@link HttpFirewall} bean.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderCharacters::isAllowedName);
		firewall.setAllowedHeaderValues(HeaderCharacters::isAllowedValue);
		return firewall;
	}

	@Bean
	SecurityFilterChain resourceServerFilterChain(HttpSecurity http, JwtDecoder decoder, ScopeRules rules) {
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
		ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler();
		http.authorizeHttpRequests((requests) -> authorize(requests, rules))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(JwtRules.authentication()))
				.bearerTokenResolver(new AuthorizationHeaderTokens())
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						// an unreachable issuer is a 503, not a refused token
						filter.setAuthenticationFailureHandler(entryPoint);
						return filter;
					}
				}))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			// bearer tokens only: no session, no cookie, nothing for CSRF to protect
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable());
		return http.build();
	}

	private static void authorize(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
			ScopeRules rules) {
		// error dispatches render problems, async dispatches finish answers (the revenue
		// stream, read-your-writes) of requests authorized on their first dispatch; the
		// token may have expired meanwhile
		requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
		// the actuator lives on the management port only: probes and metrics stay
		// anonymous there, health details need ops:admin
		// (management.endpoint.health.roles)
		requests.requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll();
		requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll();
		for (ScopeRule rule : rules.rules()) {
			String authority = Scopes.authority(rule.scope());
			if (rule.methods().isEmpty()) {
				requests.requestMatchers(rule.pathPattern()).hasAuthority(authority);
			}
			for (HttpMethod method : rule.methods()) {
				requests.requestMatchers(method, rule.pathPattern()).hasAuthority(authority);
			}
		}
		requests.requestMatchers(API_PREFIX + "**").denyAll();
		// nothing else is served: a caller with a token learns that with a 404
		requests.anyRequest().authenticated();
	}

}
