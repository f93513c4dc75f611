package io.tally.dashboard.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What every page's layout needs: language and direction, the formats of the language,
 * the switcher's links, who is signed in and whether they may change invoices.
 */
@ControllerAdvice
class PageModel {

	@ModelAttribute("fmt")
	Formats formats(Locale locale) {
		return Formats.of(locale);
	}

	@ModelAttribute("lang")
	String language(Locale locale) {
		return locale.getLanguage();
	}

	@ModelAttribute("dir")
	String direction(Locale locale) {
		return Languages.rightToLeft(locale) ? "rtl" : "ltr";
	}

	@ModelAttribute("languages")
	List<LanguageLink> languages(Locale locale, HttpServletRequest request) {
		return Languages.SUPPORTED.stream()
			.map((language) -> new LanguageLink(language.getLanguage(), language.getDisplayName(language),
					ServletUriComponentsBuilder.fromRequest(request)
						.replaceQueryParam(Languages.PARAMETER, language.getLanguage())
						.build()
						.toUriString(),
					language.getLanguage().equals(locale.getLanguage())))
			.toList();
	}

	@ModelAttribute("canWrite")
	boolean canWrite(Authentication authentication) {
		return has(authentication, "SCOPE_invoices:write");
	}

	@ModelAttribute("userName")
	String userName(Authentication authentication) {
		if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
			return (user.getPreferredUsername() != null) ? user.getPreferredUsername() : user.getSubject();
		}
		return null;
	}

	private static boolean has(Authentication authentication, String authority) {
		return authentication != null
				&& authentication.getAuthorities().stream().anyMatch((a) -> a.getAuthority().equals(authority));
	}

	/**
	 * One entry of the language switcher.
	 *
	 * @param code {@code de}
	 * @param name the language's own name, e.g. {@code Deutsch}
	 * @param href the current page in that language
	 * @param current whether it is the page's language
	 */
	record LanguageLink(String code, String name, String href, boolean current) {
	}

}
