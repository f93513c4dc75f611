package io.tally.invoice.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Web limits.
 *
 * @param maxRequestBody larger request bodies are refused with 413
 */
@ConfigurationProperties("tally.web")
public record WebProperties(@DefaultValue("64KB") DataSize maxRequestBody) {

}
