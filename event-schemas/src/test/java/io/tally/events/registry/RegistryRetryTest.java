package io.tally.events.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the HTTP client retries and what it reports at once: 429 and 5xx are retried with
 * a bounded back-off, a refused credential is a configuration error that is not retried
 * but stays transient for its callers.
 */
class RegistryRetryTest {

	private static final Schema THING = SchemaBuilder.record("Thing")
		.namespace("test")
		.fields()
		.requiredString("a")
		.endRecord();

	private final AtomicInteger requests = new AtomicInteger();

	private HttpServer stub;

	@AfterEach
	void stopStub() {
		if (this.stub != null) {
			this.stub.stop(0);
		}
	}

	@Test
	void retriesTooManyRequestsWithBackOffUntilTheRegistryAnswers() throws IOException {
		startStub((request) -> (request <= 2) ? 429 : 200);

		assertThat(client(Map.of()).register("things-value", THING)).isEqualTo(5);
		assertThat(this.requests).hasValue(3);
	}

	@Test
	void retriesServerErrorsABoundedNumberOfTimesThenReportsTheRegistryUnavailable() throws IOException {
		startStub((request) -> 503);

		assertThatThrownBy(() -> client(Map.of("max.retries", "2")).register("things-value", THING))
			.isInstanceOf(SchemaRegistryUnavailableException.class)
			.hasMessageContaining("503");
		assertThat(this.requests).as("one request and two retries").hasValue(3);
	}

	@Test
	void reportsRefusedCredentialsAtOnceAsAConfigurationError() throws IOException {
		startStub((request) -> 401);

		assertThatThrownBy(() -> client(Map.of()).register("things-value", THING))
			.isInstanceOf(SchemaRegistryAccessDeniedException.class)
			// transient for callers: fixing the credentials makes the same call succeed
			.isInstanceOf(SchemaRegistryUnavailableException.class)
			.hasMessageContaining("401")
			.hasMessageContaining(SchemaRegistryClients.BASIC_AUTH_USER_INFO);
		assertThat(this.requests).as("not retried").hasValue(1);
	}

	@Test
	void reportsAForbiddenSubjectAsAConfigurationError() throws IOException {
		startStub((request) -> 403);

		assertThatThrownBy(() -> client(Map.of()).schemaById(1)).isInstanceOf(SchemaRegistryAccessDeniedException.class)
			.hasMessageContaining("403");
		assertThat(this.requests).hasValue(1);
	}

	private SchemaRegistryClient client(Map<String, String> extra) {
		Map<String, String> config = new java.util.HashMap<>(extra);
		config.put(SchemaRegistryClients.URL, "http://127.0.0.1:" + this.stub.getAddress().getPort());
		config.putIfAbsent("retries.wait.ms", "10");
		return SchemaRegistryClients.fromConfig(config);
	}

	private void startStub(java.util.function.IntUnaryOperator statusOfRequest) throws IOException {
		this.stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.stub.createContext("/", (exchange) -> {
			int status = statusOfRequest.applyAsInt(this.requests.incrementAndGet());
			byte[] body = ((status == 200) ? "{\"id\":5}"
					: "{\"error_code\":" + status + ",\"message\":\"status " + status + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.stub.start();
	}

}
