package io.tally.support.problem;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem straight to a servlet response, for answers given before Spring MVC
 * sees the request (servlet filters, the security filter chain): the same JSON members as
 * the problems of the controllers' advice.
 */
public final class ProblemResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemResponses() {
	}

	/**
	 * Sets the problem's status and {@code application/problem+json} (UTF-8, no charset
	 * parameter), and writes the problem with the request path as its {@code instance}.
	 * Headers set before (e.g. {@code WWW-Authenticate}) stay.
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		if (problem.getInstance() == null) {
			problem.setInstance(URI.create(request.getRequestURI()));
		}
		Map<String, Object> members = new LinkedHashMap<>();
		if (problem.getType() != null && !URI.create("about:blank").equals(problem.getType())) {
			members.put("type", problem.getType().toString());
		}
		members.put("title", problem.getTitle());
		members.put("status", problem.getStatus());
		members.put("detail", problem.getDetail());
		members.put("instance", problem.getInstance().toString());
		if (problem.getProperties() != null) {
			members.putAll(problem.getProperties());
		}
		byte[] bytes = JSON.writeValueAsBytes(members);
		response.setStatus(problem.getStatus());
		// written as bytes: a writer would add a charset parameter, while problem JSON is
		// UTF-8 by definition (as Spring MVC's own problems are sent)
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
		response.flushBuffer();
	}

}
