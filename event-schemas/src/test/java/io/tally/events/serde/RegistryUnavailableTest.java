package io.tally.events.serde;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.tally.events.registry.SchemaRegistryAccessDeniedException;
import io.tally.events.registry.SchemaRegistryClients;
import io.tally.events.registry.SchemaRegistryUnavailableException;
import io.tally.events.testing.InvoiceEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryUnavailableTest {

	private static final String TOPIC = "invoice-events";

	private final CountDownLatch release = new CountDownLatch(1);

	private HttpServer stub;

	@AfterEach
	void stopStub() {
		this.release.countDown();
		if (this.stub != null) {
			this.stub.stop(0);
		}
	}

	@Test
	void serializerReportsARegistryThatIsDown() throws IOException {
		String url = "http://127.0.0.1:" + closedPort();
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url), false);

		assertThatThrownBy(() -> serializer.serialize(TOPIC, InvoiceEvents.created("inv-1", 1)))
			.isInstanceOf(SchemaRegistryUnavailableException.class)
			.hasMessageContaining(url)
			.hasMessageContaining("subject " + TOPIC + "-value");
	}

	@Test
	void deserializerReportsARegistryThatIsDown() throws IOException {
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + closedPort()), false);

		assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] { 0, 0, 0, 0, 7, 2 }))
			.isInstanceOf(SchemaRegistryUnavailableException.class)
			.hasMessageContaining("topic " + TOPIC)
			.hasMessageContaining("schema id 7");
	}

	@Test
	void treatsServerErrorsAsUnavailable() throws IOException {
		startStub((exchange) -> {
			byte[] body = "{\"error_code\":50001,\"message\":\"store down\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(503, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stubUrl()), false);

		assertThatThrownBy(() -> serializer.serialize(TOPIC, InvoiceEvents.created("inv-1", 1)))
			.isInstanceOf(SchemaRegistryUnavailableException.class)
			.hasMessageContaining("503")
			.hasMessageContaining("store down");
	}

	@Test
	void deserializerReportsRefusedCredentialsAsTransientAccessDenied() throws IOException {
		startStub((exchange) -> {
			byte[] body = "{\"error_code\":40101,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(401, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stubUrl()), false);

		// a valid record that cannot be read for now: a consumer retries it, never
		// dead-letters it
		assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] { 0, 0, 0, 0, 7, 2 }))
			.isInstanceOf(SchemaRegistryAccessDeniedException.class)
			.isInstanceOf(SchemaRegistryUnavailableException.class)
			.hasMessageContaining("schema id 7")
			.hasMessageContaining("401");
	}

	@Test
	void givesUpOnASilentRegistryAfterTheConfiguredTimeout() throws IOException {
		startStub((exchange) -> {
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(
				Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stubUrl(), SchemaRegistryClients.REQUEST_TIMEOUT_MS, "300"),
				false);

		assertThatThrownBy(() -> serializer.serialize(TOPIC, InvoiceEvents.created("inv-1", 1)))
			.isInstanceOf(SchemaRegistryUnavailableException.class)
			.hasMessageContaining("timed out");
	}

	private void startStub(com.sun.net.httpserver.HttpHandler handler) throws IOException {
		this.stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.stub.createContext("/", handler);
		this.stub.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		this.stub.start();
	}

	private String stubUrl() {
		return "http://127.0.0.1:" + this.stub.getAddress().getPort();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
