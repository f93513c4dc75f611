package io.tally.load.http;

import java.nio.charset.StandardCharsets;

/**
 * What the load harness keeps of an HTTP response.
 *
 * @param status the status code
 * @param location the {@code Location} header, or null
 * @param etag the {@code ETag} header, or null
 * @param body the body bytes (empty when there is none)
 */
public record Response(int status, String location, String etag, byte[] body) {

	/** The body as UTF-8 text. */
	public String text() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/** The invoice version an {@code ETag} such as {@code "3"} names, or -1. */
	public long etagVersion() {
		if (this.etag == null) {
			return -1;
		}
		String value = this.etag.startsWith("W/") ? this.etag.substring(2) : this.etag;
		value = value.replace("\"", "").trim();
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** The last path segment of the {@code Location} header (the new resource's id). */
	public String locationId() {
		if (this.location == null) {
			return null;
		}
		int slash = this.location.lastIndexOf('/');
		return this.location.substring(slash + 1);
	}

}
