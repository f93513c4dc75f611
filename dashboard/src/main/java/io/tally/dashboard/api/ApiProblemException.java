package io.tally.dashboard.api;

/** A service answered a request with a 4xx problem. */
public class ApiProblemException extends RuntimeException {

	private final ApiProblem problem;

	public ApiProblemException(ApiProblem problem) {
		super("The API answered " + problem.status() + " " + problem.type());
		this.problem = problem;
	}

	public ApiProblem problem() {
		return this.problem;
	}

	public int status() {
		return this.problem.status();
	}

}
