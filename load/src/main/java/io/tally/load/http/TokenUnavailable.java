package io.tally.load.http;

import java.io.IOException;

/** No valid access token could be had, so the request was not sent. */
public class TokenUnavailable extends IOException {

	TokenUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
