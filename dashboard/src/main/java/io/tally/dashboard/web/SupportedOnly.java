package io.tally.dashboard.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Lets the language switcher set only the supported languages. */
final class SupportedOnly implements HandlerInterceptor {

	private final LocaleChangeInterceptor change;

	SupportedOnly(LocaleChangeInterceptor change) {
		this.change = change;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		String wanted = request.getParameter(Languages.PARAMETER);
		if (wanted == null || Languages.supported(wanted) == null) {
			return true;
		}
		return this.change.preHandle(request, response, handler);
	}

}
