package io.tally.revenue.revenue;

import io.tally.support.security.ScopeRule;
import io.tally.support.security.ScopeRules;
import io.tally.support.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which scope each request of the revenue API needs (docs/api.md, "Security"): it is
 * read-only; the resource server around it, and the operator endpoints' rule, come from
 * service-support.
 */
@Configuration(proxyBeanMethods = false)
class RevenueApiAccess {

	@Bean
	ScopeRules revenueScopes() {
		return ScopeRules.of(ScopeRule.reads("/api/revenue/**", Scopes.REVENUE_READ));
	}

}
