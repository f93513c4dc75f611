package io.tally.support.security;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A service's access table: which scope each request needs, and what none covers. */
class ScopeRulesTest {

	private final ScopeRules invoices = ScopeRules.of(ScopeRule.reads("/api/invoices/**", Scopes.INVOICES_READ),
			ScopeRule.writes("/api/invoices/**", Scopes.INVOICES_WRITE));

	@Test
	void readsAndWritesNeedTheirOwnScope() {
		assertThat(this.invoices.scopeFor(HttpMethod.GET, "/api/invoices")).hasValue("invoices:read");
		assertThat(this.invoices.scopeFor(HttpMethod.HEAD, "/api/invoices/1")).hasValue("invoices:read");
		assertThat(this.invoices.scopeFor(HttpMethod.POST, "/api/invoices")).hasValue("invoices:write");
		assertThat(this.invoices.scopeFor(HttpMethod.PUT, "/api/invoices/1")).hasValue("invoices:write");
		assertThat(this.invoices.scopeFor(HttpMethod.DELETE, "/api/invoices/1")).hasValue("invoices:write");
		assertThat(this.invoices.scopeFor(HttpMethod.POST, "/api/invoices/1/payment")).hasValue("invoices:write");
	}

	@Test
	void everyServiceHasTheOperatorRuleFirst() {
		assertThat(this.invoices.rules()).first().isEqualTo(ScopeRules.OPERATIONS);
		assertThat(this.invoices.scopeFor(HttpMethod.POST, "/api/ops/dead-letters/replay")).hasValue("ops:admin");
		ScopeRules greedy = ScopeRules.of(ScopeRule.anyMethod("/api/**", Scopes.REVENUE_READ));
		assertThat(greedy.scopeFor(HttpMethod.GET, "/api/ops/rebuild")).as("no service rule opens ops wider")
			.hasValue("ops:admin");
		assertThat(new ScopeRules(greedy.rules()).rules()).as("added once").hasSize(2);
	}

	@Test
	void noScopeGrantsWhatNoRuleCovers() {
		assertThat(this.invoices.scopeFor(HttpMethod.PATCH, "/api/invoices/1")).isEmpty();
		assertThat(this.invoices.scopeFor(HttpMethod.GET, "/api/revenue/summary")).isEmpty();
	}

	@Test
	void rulesCoverTheApiOnly() {
		assertThatIllegalArgumentException().isThrownBy(() -> ScopeRule.reads("/actuator/**", Scopes.OPS_ADMIN))
			.withMessageContaining("/api/");
	}

}
