package io.tally.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of both services' HTTP edge ({@code tally.web.*}).
 *
 * @param maxRequestBody larger request bodies are refused with 413 before anything reads
 * them; a chunked body of up to this size is held in memory, so keep it small
 */
@ConfigurationProperties("tally.web")
public record WebEdgeProperties(@DefaultValue("64KB") DataSize maxRequestBody) {

	/** Largest limit accepted: a chunked body up to the limit is buffered. */
	static final DataSize MAX_LIMIT = DataSize.ofMegabytes(16);

	public WebEdgeProperties {
		if (maxRequestBody.toBytes() < 0 || maxRequestBody.compareTo(MAX_LIMIT) > 0) {
			throw new IllegalArgumentException(
					"tally.web.max-request-body must be between 0 and " + MAX_LIMIT + ", was " + maxRequestBody);
		}
	}

}
