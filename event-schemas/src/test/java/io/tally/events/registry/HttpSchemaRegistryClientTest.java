package io.tally.events.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.tally.registry.standin.SchemaRegistryStandIn;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSchemaRegistryClientTest {

	private static final Schema V1 = SchemaBuilder.record("Thing")
		.namespace("test")
		.fields()
		.requiredString("a")
		.endRecord();

	private static final Schema V2 = SchemaBuilder.record("Thing")
		.namespace("test")
		.fields()
		.requiredString("a")
		.optionalLong("b")
		.endRecord();

	private final SchemaRegistryStandIn standIn = SchemaRegistryStandIn.start(0);

	private final SchemaRegistryClient client = SchemaRegistryClients
		.fromConfig(Map.of(SchemaRegistryClients.URL, this.standIn.url()));

	private HttpServer stub;

	@AfterEach
	void stop() {
		this.standIn.close();
		if (this.stub != null) {
			this.stub.stop(0);
		}
	}

	@Test
	void registersLooksUpAndFetchesOverConfluentsApi() {
		int id1 = this.client.register("things-value", V1);
		int id2 = this.client.register("things-value", V2);

		assertThat(this.client.register("things-value", V1)).isEqualTo(id1);
		assertThat(this.client.idOf("things-value", V2)).isEqualTo(id2);
		assertThat(this.client.schemaById(id1)).isEqualTo(V1);
		assertThat(this.client.latestVersion("things-value"))
			.isEqualTo(new RegisteredSchema("things-value", id2, 2, V2));
		assertThat(this.client.isCompatible("things-value", V1)).isTrue();
		assertThat(this.client.isCompatible("unknown-subject", V1)).isTrue();
	}

	@Test
	void reportsWhatTheRegistryDoesNotKnow() {
		this.client.register("things-value", V1);

		assertThatThrownBy(() -> this.client.schemaById(777)).isInstanceOf(SchemaNotFoundException.class)
			.hasMessageContaining("schema id 777")
			.extracting((ex) -> ((SchemaNotFoundException) ex).errorCode())
			.isEqualTo(SchemaNotFoundException.SCHEMA_NOT_FOUND);
		assertThatThrownBy(() -> this.client.latestVersion("nope")).isInstanceOf(SchemaNotFoundException.class)
			.hasMessageContaining("subject nope")
			.extracting((ex) -> ((SchemaNotFoundException) ex).errorCode())
			.isEqualTo(SchemaNotFoundException.SUBJECT_NOT_FOUND);
		assertThatThrownBy(() -> this.client.idOf("things-value", V2)).isInstanceOf(SchemaNotFoundException.class)
			.hasMessageContaining("things-value");
	}

	@Test
	void triesTheNextUrlWhenOneIsDown() throws IOException {
		SchemaRegistryClient failover = SchemaRegistryClients.fromConfig(Map.of(SchemaRegistryClients.URL,
				"http://127.0.0.1:" + closedPort() + ", " + this.standIn.url() + "/"));

		int id = failover.register("things-value", V1);

		assertThat(this.client.schemaById(id)).isEqualTo(V1);
	}

	@Test
	void sendsBasicAuthAndConfluentContentType() throws IOException {
		List<String> seen = new CopyOnWriteArrayList<>();
		startStub(seen);
		SchemaRegistryClient authed = SchemaRegistryClients
			.fromConfig(Map.of(SchemaRegistryClients.URL, "http://127.0.0.1:" + this.stub.getAddress().getPort(),
					SchemaRegistryClients.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
					SchemaRegistryClients.BASIC_AUTH_USER_INFO, "fred:letmein"));

		assertThat(authed.register("a b/c", V1)).isEqualTo(5);
		assertThat(seen).containsExactly("POST /subjects/a%20b%2Fc/versions", "Basic ZnJlZDpsZXRtZWlu",
				"application/vnd.schemaregistry.v1+json");
	}

	@Test
	void takesCredentialsFromTheUrlWithoutSendingThemInIt() throws IOException {
		List<String> seen = new CopyOnWriteArrayList<>();
		startStub(seen);
		SchemaRegistryClient authed = SchemaRegistryClients.fromConfig(
				Map.of(SchemaRegistryClients.URL, "http://fred:letmein@127.0.0.1:" + this.stub.getAddress().getPort(),
						SchemaRegistryClients.BASIC_AUTH_CREDENTIALS_SOURCE, "URL"));

		assertThat(authed.register("s", V1)).isEqualTo(5);
		assertThat(seen).containsExactly("POST /subjects/s/versions", "Basic ZnJlZDpsZXRtZWlu",
				"application/vnd.schemaregistry.v1+json");
	}

	@Test
	void worksWithTheRightCredentialsAndNamesTheUserWhenTheRegistryRefusesThem() {
		this.standIn.requireBasicAuth(Map.of("invoice-service", "right-secret"));
		SchemaRegistryClient right = withCredentials("invoice-service:right-secret");
		SchemaRegistryClient wrong = withCredentials("invoice-service:wrong-secret");

		int id = right.register("things-value", V1);
		assertThat(right.schemaById(id)).isEqualTo(V1);

		assertThatThrownBy(() -> wrong.schemaById(id)).isInstanceOf(SchemaRegistryAccessDeniedException.class)
			// an outage to callers: retried, a 503, never a dead letter
			.isInstanceOf(SchemaRegistryUnavailableException.class)
			.hasMessageContaining("rejected the credentials of user 'invoice-service' (401)")
			.hasMessageContaining("fetching schema id " + id)
			.hasMessageContaining(SchemaRegistryClients.BASIC_AUTH_USER_INFO)
			.message()
			.doesNotContain("wrong-secret");
		assertThatThrownBy(() -> this.client.register("things-value", V2))
			.isInstanceOf(SchemaRegistryAccessDeniedException.class)
			.hasMessageContaining("refused a request without credentials (401)")
			.extracting((ex) -> ((SchemaRegistryAccessDeniedException) ex).status())
			.isEqualTo(401);
		assertThat(this.standIn.requestCount("unauthorized")).isEqualTo(2);
	}

	private SchemaRegistryClient withCredentials(String userInfo) {
		return SchemaRegistryClients.fromConfig(Map.of(SchemaRegistryClients.URL, this.standIn.url(),
				SchemaRegistryClients.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
				SchemaRegistryClients.BASIC_AUTH_USER_INFO, userInfo));
	}

	private void startStub(List<String> seen) throws IOException {
		this.stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.stub.createContext("/", (exchange) -> {
			seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
			seen.add(exchange.getRequestHeaders().getFirst("Authorization"));
			seen.add(exchange.getRequestHeaders().getFirst("Content-Type"));
			byte[] body = "{\"id\":5}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.stub.start();
	}

	@Test
	void rejectsBadConfiguration() {
		assertThatThrownBy(() -> SchemaRegistryClients.fromConfig(Map.of())).isInstanceOf(ConfigException.class)
			.hasMessageContaining(SchemaRegistryClients.URL);
		assertThatThrownBy(() -> SchemaRegistryClients.fromConfig(Map.of(SchemaRegistryClients.URL, "ftp://x")))
			.isInstanceOf(ConfigException.class);
		assertThatThrownBy(
				() -> SchemaRegistryClients.fromConfig(Map.of(SchemaRegistryClients.URL, "http://u:secret@[bad")))
			.isInstanceOf(ConfigException.class)
			.message()
			.doesNotContain("secret");
		assertThatThrownBy(() -> SchemaRegistryClients.fromConfig(Map.of(SchemaRegistryClients.URL, "http://x",
				SchemaRegistryClients.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining(SchemaRegistryClients.BASIC_AUTH_USER_INFO);
		assertThatThrownBy(() -> SchemaRegistryClients.fromConfig(
				Map.of(SchemaRegistryClients.URL, "http://x", SchemaRegistryClients.REQUEST_TIMEOUT_MS, "soon")))
			.isInstanceOf(ConfigException.class);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
