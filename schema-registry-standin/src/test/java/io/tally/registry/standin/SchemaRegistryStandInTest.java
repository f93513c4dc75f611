package io.tally.registry.standin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaRegistryStandInTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String V1 = record("{\"name\":\"a\",\"type\":\"string\"}");

	private static final String V2_OPTIONAL_B = record(
			"{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}");

	private static final String V3_REQUIRED_B = record(
			"{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}");

	private static final String V_NEW_REQUIRED_C = record(
			"{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"long\"}");

	private final SchemaRegistryStandIn standIn = SchemaRegistryStandIn.start(0);

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void stop() {
		this.standIn.close();
	}

	@Test
	void listensOnARandomFreePortOfLoopback() {
		assertThat(this.standIn.port()).isPositive();
		assertThat(this.standIn.url()).isEqualTo("http://127.0.0.1:" + this.standIn.port());
	}

	@Test
	void registersAndServesSchemasLikeConfluent() throws Exception {
		Answer registered = post("/subjects/orders-value/versions", schemaBody(V1));
		assertThat(registered.status()).isEqualTo(200);
		int id = registered.json().path("id").asInt();
		assertThat(id).isPositive();

		Answer byId = get("/schemas/ids/" + id);
		assertThat(byId.status()).isEqualTo(200);
		assertThat(parse(byId.json().path("schema").asString())).isEqualTo(parse(V1));
		assertThat(byId.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");

		Answer latest = get("/subjects/orders-value/versions/latest");
		assertThat(latest.json().path("id").asInt()).isEqualTo(id);
		assertThat(latest.json().path("version").asInt()).isEqualTo(1);
		assertThat(latest.json().path("subject").asString()).isEqualTo("orders-value");

		Answer lookup = post("/subjects/orders-value", schemaBody(V1));
		assertThat(lookup.json().path("id").asInt()).isEqualTo(id);
		assertThat(lookup.json().path("version").asInt()).isEqualTo(1);

		assertThat(get("/subjects").json().toString()).isEqualTo("[\"orders-value\"]");
		assertThat(get("/subjects/orders-value/versions").json().toString()).isEqualTo("[1]");
		assertThat(parse(get("/subjects/orders-value/versions/1/schema").body())).isEqualTo(parse(V1));
		assertThat(get("/schemas/ids/" + id + "/versions").json().toString())
			.isEqualTo("[{\"subject\":\"orders-value\",\"version\":1}]");
	}

	@Test
	void givesTheSameIdToTheSameSchemaEverywhere() throws Exception {
		int first = post("/subjects/a-value/versions", schemaBody(V1)).json().path("id").asInt();
		int again = post("/subjects/a-value/versions", schemaBody(V1.replace(",", " , "))).json().path("id").asInt();
		int otherSubject = post("/subjects/b-value/versions", schemaBody(V1)).json().path("id").asInt();

		assertThat(again).isEqualTo(first);
		assertThat(otherSubject).isEqualTo(first);
		assertThat(get("/subjects/a-value/versions").json().toString()).isEqualTo("[1]");
		assertThat(this.standIn.requestCount("POST /subjects/{subject}/versions")).isEqualTo(3);
	}

	@Test
	void rejectsIncompatibleSchemaWith409UnderDefaultBackward() throws Exception {
		post("/subjects/s-value/versions", schemaBody(V1));

		Answer rejected = post("/subjects/s-value/versions", schemaBody(V_NEW_REQUIRED_C));

		assertThat(rejected.status()).isEqualTo(409);
		assertThat(rejected.json().path("error_code").asInt()).isEqualTo(409);
		assertThat(rejected.json().path("message").asString()).contains("s-value").contains("BACKWARD");
		assertThat(get("/subjects/s-value/versions").json().toString()).isEqualTo("[1]");
	}

	@Test
	void acceptsACompatibleNewVersion() throws Exception {
		int v1 = post("/subjects/s-value/versions", schemaBody(V1)).json().path("id").asInt();
		int v2 = post("/subjects/s-value/versions", schemaBody(V2_OPTIONAL_B)).json().path("id").asInt();

		assertThat(v2).isNotEqualTo(v1);
		assertThat(get("/subjects/s-value/versions/latest").json().path("version").asInt()).isEqualTo(2);
		assertThat(get("/subjects/s-value/versions/1").json().path("id").asInt()).isEqualTo(v1);
	}

	@Test
	void transitiveLevelsCheckEveryEarlierVersion() throws Exception {
		post("/subjects/t-value/versions", schemaBody(V1));
		post("/subjects/t-value/versions", schemaBody(V2_OPTIONAL_B));
		put("/config/t-value", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");

		// V3 reads V2 data (b present) but not V1 data (b missing, no default)
		assertThat(post("/compatibility/subjects/t-value/versions/2", schemaBody(V3_REQUIRED_B)).json()
			.path("is_compatible")
			.asBoolean()).isTrue();
		Answer verbose = post("/compatibility/subjects/t-value/versions/latest?verbose=true",
				schemaBody(V3_REQUIRED_B));
		assertThat(verbose.json().path("is_compatible").asBoolean()).isFalse();
		assertThat(verbose.json().path("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
		assertThat(post("/subjects/t-value/versions", schemaBody(V3_REQUIRED_B)).status()).isEqualTo(409);

		put("/config/t-value", "{\"compatibility\":\"BACKWARD\"}");
		assertThat(post("/subjects/t-value/versions", schemaBody(V3_REQUIRED_B)).status()).isEqualTo(200);
	}

	@Test
	void forwardAndFullLevelsCheckTheOtherDirection() throws Exception {
		put("/config", "{\"compatibility\":\"FORWARD\"}");
		post("/subjects/f-value/versions", schemaBody(V2_OPTIONAL_B));
		// an old reader (with b defaulted) reads data without b: forward compatible
		assertThat(post("/subjects/f-value/versions", schemaBody(V1)).status()).isEqualTo(200);

		put("/config", "{\"compatibility\":\"FULL\"}");
		assertThat(post("/subjects/f-value/versions", schemaBody(V_NEW_REQUIRED_C)).status()).isEqualTo(409);

		put("/config", "{\"compatibility\":\"NONE\"}");
		assertThat(post("/subjects/f-value/versions", schemaBody(V_NEW_REQUIRED_C)).status()).isEqualTo(200);
	}

	@Test
	void servesAndChangesCompatibilityConfig() throws Exception {
		assertThat(get("/config").json().path("compatibilityLevel").asString()).isEqualTo("BACKWARD");

		Answer subjectLevelMissing = get("/config/x-value");
		assertThat(subjectLevelMissing.status()).isEqualTo(404);
		assertThat(subjectLevelMissing.json().path("error_code").asInt()).isEqualTo(40408);
		assertThat(get("/config/x-value?defaultToGlobal=true").json().path("compatibilityLevel").asString())
			.isEqualTo("BACKWARD");

		assertThat(put("/config/x-value", "{\"compatibility\":\"FULL_TRANSITIVE\"}").json()
			.path("compatibility")
			.asString()).isEqualTo("FULL_TRANSITIVE");
		assertThat(get("/config/x-value").json().path("compatibilityLevel").asString()).isEqualTo("FULL_TRANSITIVE");

		Answer invalid = put("/config", "{\"compatibility\":\"SIDEWAYS\"}");
		assertThat(invalid.status()).isEqualTo(422);
		assertThat(invalid.json().path("error_code").asInt()).isEqualTo(42203);
	}

	@Test
	void answersConfluentErrorCodes() throws Exception {
		assertError(get("/subjects/nope/versions/latest"), 404, 40401);
		assertError(post("/subjects/nope", schemaBody(V1)), 404, 40401);
		assertError(get("/schemas/ids/4242"), 404, 40403);
		post("/subjects/e-value/versions", schemaBody(V1));
		assertError(post("/subjects/e-value", schemaBody(V2_OPTIONAL_B)), 404, 40403);
		assertError(get("/subjects/e-value/versions/7"), 404, 40402);
		assertError(get("/subjects/e-value/versions/seven"), 422, 42202);
		assertError(post("/subjects/e-value/versions", schemaBody("{\"type\":\"record\"}")), 422, 42201);
		assertError(post("/subjects/e-value/versions", "{\"schema\":\"x\",\"schemaType\":\"PROTOBUF\"}"), 422, 42201);
		assertError(get("/no/such/route"), 404, 404);
	}

	@Test
	void acceptsTheRequestShapeOfConfluentsClient() throws Exception {
		String body = "{\"schema\":" + JSON.writeValueAsString(V1)
				+ ",\"schemaType\":null,\"references\":[],\"metadata\":null,\"ruleSet\":null}";

		Answer registered = post("/subjects/c-value/versions?normalize=false", body);
		assertThat(registered.status()).as(registered.body()).isEqualTo(200);
		int id = registered.json().path("id").asInt();

		assertThat(post("/subjects/c-value?normalize=false&deleted=true", body).json().path("id").asInt())
			.isEqualTo(id);
		assertThat(get("/schemas/ids/" + id + "?fetchMaxId=false&subject=c-value").status()).isEqualTo(200);
	}

	@Test
	void deletesASubject() throws Exception {
		post("/subjects/d-value/versions", schemaBody(V1));

		assertThat(delete("/subjects/d-value").json().toString()).isEqualTo("[1]");
		assertError(get("/subjects/d-value/versions"), 404, 40401);
	}

	@Test
	void decodesEncodedSubjectNames() throws Exception {
		int id = post("/subjects/invoice-events-io.tally.events.Inv%20oice/versions", schemaBody(V1)).json()
			.path("id")
			.asInt();

		assertThat(get("/schemas/ids/" + id + "/subjects").json().toString())
			.isEqualTo("[\"invoice-events-io.tally.events.Inv oice\"]");
	}

	private static void assertError(Answer answer, int status, int errorCode) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.json().path("error_code").asInt()).as(answer.body()).isEqualTo(errorCode);
		assertThat(answer.json().path("message").asString()).isNotBlank();
	}

	private static String record(String fields) {
		return "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"test\",\"fields\":[" + fields + "]}";
	}

	private static String schemaBody(String schema) {
		return JSON.createObjectNode().put("schema", schema).toString();
	}

	@Test
	void requiresBasicAuthWhenConfiguredAndAnswers401WithConfluentsBody() throws Exception {
		int id = post("/subjects/orders-value/versions", schemaBody(V1)).json().path("id").asInt();
		this.standIn.requireBasicAuth(Map.of("invoice-service", "s3cret", "revenue-service", "other"));

		Answer anonymous = get("/schemas/ids/" + id);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.json().path("error_code").asInt()).isEqualTo(401);
		assertThat(anonymous.json().path("message").asString()).isEqualTo("Unauthorized");
		assertThat(send(withAuth("/schemas/ids/" + id, "invoice-service:wrong")).status()).isEqualTo(401);
		assertThat(send(withAuth("/schemas/ids/" + id, "revenue-service:s3cret")).status()).isEqualTo(401);
		HttpResponse<String> refused = this.http.send(withAuth("/subjects", "nobody:x"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"schema-registry\"");
		assertThat(this.standIn.requestCount("unauthorized")).isEqualTo(4);

		assertThat(send(withAuth("/schemas/ids/" + id, "invoice-service:s3cret")).status()).isEqualTo(200);
		assertThat(send(withAuth("/schemas/ids/" + id, "revenue-service:other")).status()).isEqualTo(200);

		this.standIn.requireBasicAuth(Map.of());
		assertThat(get("/schemas/ids/" + id).status()).isEqualTo(200);
	}

	private HttpRequest withAuth(String path, String userInfo) {
		return HttpRequest.newBuilder(uri(path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)))
			.GET()
			.build();
	}

	private static org.apache.avro.Schema parse(String schema) {
		return new org.apache.avro.Schema.Parser().parse(schema);
	}

	private Answer get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	private Answer delete(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
	}

	private Answer post(String path, String body) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/vnd.schemaregistry.v1+json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private Answer put(String path, String body) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/vnd.schemaregistry.v1+json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private URI uri(String path) {
		return URI.create(this.standIn.url() + path);
	}

	private Answer send(HttpRequest request) throws Exception {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.body(),
				response.headers().firstValue("Content-Type").orElse(""));
	}

	private record Answer(int status, String body, String contentType) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
