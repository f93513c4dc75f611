package io.tally.dashboard.web;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The languages of the dashboard: the browser's {@code Accept-Language} picks one, the
 * switcher ({@code ?lang=de}) overrides it and is remembered in a cookie.
 */
@Configuration(proxyBeanMethods = false)
public class Languages implements WebMvcConfigurer {

	/** English first: the fallback. */
	public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.forLanguageTag("ar"));

	static final String PARAMETER = "lang";

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("tally-lang");
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieHttpOnly(true);
		resolver.setCookieSameSite("Lax");
		resolver.setDefaultLocaleFunction(Languages::fromBrowser);
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName(PARAMETER);
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(new SupportedOnly(change));
	}

	/** The first supported language the browser asks for, else English. */
	static Locale fromBrowser(HttpServletRequest request) {
		for (Locale wanted : Collections.list(request.getLocales())) {
			Locale supported = supported(wanted.getLanguage());
			if (supported != null) {
				return supported;
			}
		}
		return Locale.ENGLISH;
	}

	/** The supported locale of {@code language}, or {@code null}. */
	static Locale supported(String language) {
		return SUPPORTED.stream().filter((locale) -> locale.getLanguage().equals(language)).findFirst().orElse(null);
	}

	/** Whether the language is written right to left. */
	public static boolean rightToLeft(Locale locale) {
		return "ar".equals(locale.getLanguage());
	}

}
