package io.tally.dashboard.web;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a template fragment outside a request (for the live updates), in a given
 * language. Such fragments must not use {@code @{…}} links, which need a request.
 */
@Component
public class FragmentRenderer {

	private final ITemplateEngine templates;

	public FragmentRenderer(ITemplateEngine templates) {
		this.templates = templates;
	}

	/** The fragment {@code fragment} of {@code template} with {@code variables}. */
	public String render(String template, String fragment, Locale locale, Map<String, Object> variables) {
		Context context = new Context(locale, variables);
		context.setVariable("fmt", Formats.of(locale));
		return this.templates.process(template, Set.of(fragment), context);
	}

}
