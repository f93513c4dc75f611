package io.tally.support.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service's OpenAPI document says about itself ({@code tally.openapi.*}); the
 * server is a property so that the document does not depend on the port it was fetched
 * from.
 *
 * @param title the API's name
 * @param description what the API is for, in Markdown
 * @param version the version of the service (the project's)
 * @param serverUrl where the API is served; {@code /} means where the document is
 * @param serverDescription what the server is
 */
@ConfigurationProperties("tally.openapi")
public record OpenApiProperties(String title, String description, String version, @DefaultValue("/") String serverUrl,
		@DefaultValue("this service's API port") String serverDescription) {

}
