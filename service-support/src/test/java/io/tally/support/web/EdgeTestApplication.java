package io.tally.support.web;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal web application with the shared edge, for tests over a real socket: it echoes
 * what it was given, by form parameter (read by Spring's form-content filter for
 * PUT/PATCH/DELETE) or by JSON body.
 */
@SpringBootApplication
class EdgeTestApplication {

	@RestController
	static class Echo {

		@RequestMapping(path = "/form",
				method = { RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE })
		Map<String, Integer> form(@RequestParam(name = "a", defaultValue = "") String a) {
			return Map.of("length", a.length());
		}

		@PostMapping("/json")
		Map<String, Object> json(@RequestBody Map<String, Object> body) {
			return body;
		}

	}

}
