package io.tally.load.http;

import java.io.IOException;

/** The {@code Authorization} header of each request. */
@FunctionalInterface
public interface Authorization {

	/** No header at all. */
	Authorization NONE = () -> null;

	/** The header value, or null for none. */
	String header() throws IOException;

}
