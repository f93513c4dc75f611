package io.tally.invoice.invoice;

import io.tally.support.security.ScopeRule;
import io.tally.support.security.ScopeRules;
import io.tally.support.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which scope each request of the invoice API needs (docs/api.md, "Security"); the
 * resource server around it, and the operator endpoints' rule, come from service-support.
 */
@Configuration(proxyBeanMethods = false)
class InvoiceApiAccess {

	@Bean
	ScopeRules invoiceScopes() {
		return ScopeRules.of(ScopeRule.reads("/api/invoices/**", Scopes.INVOICES_READ),
				ScopeRule.writes("/api/invoices/**", Scopes.INVOICES_WRITE));
	}

}
