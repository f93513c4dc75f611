package io.tally.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A JDK HTTP server on a free port that stands in for a service in tests of one harness
 * class; it keeps what it saw of each request (the client port tells connections apart).
 */
public final class StubServer implements AutoCloseable {

	/** What a test's handler gets and answers. */
	@FunctionalInterface
	public interface Handler {

		void handle(HttpExchange exchange) throws IOException, InterruptedException;

	}

	/** One request as the server saw it. */
	public record Seen(String method, String path, String authorization, String ifMatch, String contentType,
			String body, int clientPort, String tallyAfter) {

	}

	private final HttpServer server;

	private boolean stopped;

	public final List<Seen> requests = new CopyOnWriteArrayList<>();

	public StubServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	/** Serves {@code path} (and below) with {@code handler}. */
	public StubServer on(String path, Handler handler) {
		HttpHandler wrapped = (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.requests.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders().getFirst("Authorization"),
					exchange.getRequestHeaders().getFirst("If-Match"),
					exchange.getRequestHeaders().getFirst("Content-Type"), body, exchange.getRemoteAddress().getPort(),
					exchange.getRequestHeaders().getFirst("Tally-After")));
			try {
				handler.handle(exchange);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				exchange.close();
			}
		};
		this.server.createContext(path, wrapped);
		return this;
	}

	/** The base URL. */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Answers {@code status} with a JSON body (fixed length), or no body when null. */
	public static void respond(HttpExchange exchange, int status, String json) throws IOException {
		if (json == null) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public synchronized void close() {
		if (!this.stopped) {
			this.stopped = true;
			this.server.stop(0);
		}
	}

}
