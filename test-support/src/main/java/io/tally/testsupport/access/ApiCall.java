package io.tally.testsupport.access;

/**
 * A column of an access matrix: one API request, the scope it needs (null: no scope
 * grants it) and the API's own answer when the scope is there.
 */
public interface ApiCall {

	/** The HTTP method. */
	String method();

	/** The path, possibly with a query. */
	String path();

	/** The scope the request needs, or null when none grants it. */
	String scope();

	/** The status the API answers once allowed. */
	int allowed();

}
