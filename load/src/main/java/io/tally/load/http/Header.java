package io.tally.load.http;

/**
 * One request header beyond those every request carries (Host, Authorization, the body's
 * type and length).
 *
 * @param name the header's name
 * @param value its value (printable ASCII)
 */
public record Header(String name, String value) {

	/** {@code If-Match: etag}. */
	public static Header ifMatch(String etag) {
		return new Header("If-Match", etag);
	}

}
