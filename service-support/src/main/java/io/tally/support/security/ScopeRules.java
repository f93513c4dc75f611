package io.tally.support.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A service's access table: which scope each API request needs. Each service declares its
 * own rules as a bean; the operator endpoints ({@link #OPERATIONS}) are added here, first
 * and the same in every service. A request under {@code /api/} that no rule covers is
 * refused.
 *
 * @param rules the rules, in the order they are tried
 */
public record ScopeRules(List<ScopeRule> rules) {

	/** Every operator endpoint needs {@code ops:admin}, whatever the method. */
	public static final ScopeRule OPERATIONS = ScopeRule.anyMethod("/api/ops/**", Scopes.OPS_ADMIN);

	public ScopeRules {
		// first, so that no rule of a service can open the operator endpoints wider
		List<ScopeRule> all = new ArrayList<>(List.of(OPERATIONS));
		rules.stream().filter((rule) -> !rule.equals(OPERATIONS)).forEach(all::add);
		rules = List.copyOf(all);
	}

	/** The rules of a service (the operator rule is added). */
	public static ScopeRules of(ScopeRule... rules) {
		return new ScopeRules(List.of(rules));
	}

	/**
	 * The scope a request needs: the first rule covering it, empty when none does (the
	 * request is refused).
	 */
	public Optional<String> scopeFor(HttpMethod method, String path) {
		PathContainer container = PathContainer.parsePath(path);
		return this.rules.stream()
			.filter((rule) -> rule.covers(method)
					&& PathPatternParser.defaultInstance.parse(rule.pathPattern()).matches(container))
			.map(ScopeRule::scope)
			.findFirst();
	}

}
