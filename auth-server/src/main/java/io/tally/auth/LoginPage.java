package io.tally.auth;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page (our own accessible template; Spring Security processes the form post)
 * and the page a user lands on when signing in without a client.
 */
@Controller
class LoginPage {

	static final String PATH = "/login";

	@GetMapping(PATH)
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
			Model model) {
		model.addAttribute("failed", error != null);
		model.addAttribute("signedOut", logout != null);
		return "login";
	}

	@GetMapping("/")
	String signedIn(Principal principal, Model model) {
		model.addAttribute("username", principal.getName());
		return "signed-in";
	}

}
