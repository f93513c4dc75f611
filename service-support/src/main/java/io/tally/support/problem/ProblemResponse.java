package io.tally.support.problem;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem an API operation answers with, for its OpenAPI document: the status, the
 * type's slug and title as {@link Problems} builds them, an example detail and when it
 * happens. Several problems of one status become one response with an example each.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

	/** The HTTP status. */
	int status();

	/** The slug of the type, {@code urn:tally:problem:<slug>}. */
	String type();

	/** The problem's title, as the service sends it. */
	String title();

	/** An example detail. */
	String detail();

	/** When the problem occurs (the response's description). */
	String when();

	/** The field or parameter an {@code errors} entry of the example names, if any. */
	String field() default "";

	/** The problems of one operation. */
	@Documented
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@interface List {

		ProblemResponse[] value();

	}

}
