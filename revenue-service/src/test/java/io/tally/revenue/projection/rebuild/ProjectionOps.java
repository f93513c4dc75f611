package io.tally.revenue.projection.rebuild;

import io.tally.testsupport.http.JsonHttp;
import tools.jackson.databind.JsonNode;

/** The projection's operator endpoints over HTTP, as an operator's script calls them. */
final class ProjectionOps {

	private final JsonHttp http;

	ProjectionOps(JsonHttp http) {
		this.http = http;
	}

	JsonNode status() {
		return this.http.get("/api/ops/projection").expect(200).json();
	}

	/** Requests a rebuild and returns its id. */
	long rebuild() {
		return this.http.post("/api/ops/projection/rebuild", "").expect(202).json().get("id").asLong();
	}

	JsonHttp.Response requestRebuild() {
		return this.http.post("/api/ops/projection/rebuild", "");
	}

	JsonHttp.Response cancel() {
		return this.http.delete("/api/ops/projection/rebuild");
	}

	/** The running rebuild, or a missing node. */
	JsonNode current() {
		return status().path("current");
	}

	/** Whether rebuild {@code id} has ended with {@code state}. */
	boolean ended(long id, String state) {
		JsonNode last = status().path("last");
		return !last.isMissingNode() && !last.isNull() && last.get("id").asLong() == id
				&& state.equals(last.get("state").asString());
	}

}
