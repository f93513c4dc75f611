package io.tally.dashboard.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The pages that belong to no feature: signed out, and "not allowed". */
@Controller
class Pages {

	@GetMapping("/signed-out")
	String signedOut() {
		return "signed-out";
	}

	@RequestMapping("/error/forbidden")
	String forbidden(HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		model.addAttribute("status", HttpStatus.FORBIDDEN.value());
		return "error";
	}

}
