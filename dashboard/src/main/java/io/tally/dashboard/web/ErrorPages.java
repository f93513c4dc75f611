package io.tally.dashboard.web;

import io.tally.dashboard.api.ApiProblemException;
import io.tally.dashboard.api.ServiceUnavailable;
import io.tally.dashboard.security.IdentityProviderUnavailable;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Failures as pages in the user's language: a service that cannot be reached is a 503
 * with {@code Retry-After}, never a 500; a refusal by a service is shown as such.
 */
@ControllerAdvice
class ErrorPages {

	static final String RETRY_AFTER_SECONDS = "5";

	private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

	@ExceptionHandler(ServiceUnavailable.class)
	String unavailable(ServiceUnavailable ex, HttpServletResponse response, Model model) {
		log.warn("{} unavailable: {}", ex.service(), ex.getMessage());
		return unavailablePage(response, model);
	}

	@ExceptionHandler(IdentityProviderUnavailable.class)
	String identityUnavailable(IdentityProviderUnavailable ex, HttpServletResponse response, Model model) {
		log.warn(ex.getMessage());
		return unavailablePage(response, model);
	}

	@ExceptionHandler(ApiProblemException.class)
	String refused(ApiProblemException ex, HttpServletResponse response, Model model) {
		int status = switch (ex.status()) {
			case 401, 403 -> 403;
			case 404 -> 404;
			default -> 400;
		};
		response.setStatus(status);
		model.addAttribute("status", status);
		return "error";
	}

	private static String unavailablePage(HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		model.addAttribute("status", HttpStatus.SERVICE_UNAVAILABLE.value());
		return "error";
	}

}
