package io.tally.revenue.web;

import io.tally.revenue.IntegrationTestBase;
import io.tally.testsupport.docs.CommittedOpenApi;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the running service serves is the one committed in
 * docs/openapi/revenue-service.json, so that every API change shows up in review;
 * {@code -Dtally.openapi.write=true} rewrites the file.
 */
class OpenApiDocumentTest extends IntegrationTestBase {

	@Test
	void servesTheCommittedDocument() {
		CommittedOpenApi.of("revenue-service")
			.assertMatches(JsonHttp.localhost(this.port).get("/v3/api-docs").expect(200).json());
	}

}
