package io.tally.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * The TCP ports of one stack; {@link #defaults()} are the documented local ports,
 * {@link #randomFree()} suits tests.
 *
 * @param kafka the broker's client listener
 * @param kafkaController the broker's KRaft controller listener
 * @param registry the schema registry
 * @param postgres PostgreSQL
 * @param invoiceService invoice-service HTTP
 * @param revenueService revenue-service HTTP
 * @param authServer the auth-server (the issuer of tokens)
 * @param dashboard the dashboard's pages
 * @param dashboardManagement the dashboard's actuator (health, metrics)
 */
public record Ports(int kafka, int kafkaController, int registry, int postgres, int invoiceService, int revenueService,
		int authServer, int dashboard, int dashboardManagement) {

	/**
	 * The dashboard's actuator listens this far above its page port by default (8083 →
	 * 8183).
	 */
	static final int MANAGEMENT_OFFSET = 100;

	/** The ports the README documents. */
	public static Ports defaults() {
		return new Ports(9092, 9093, 8081, 5432, 8080, 8082, 9000, 8083, 8083 + MANAGEMENT_OFFSET);
	}

	/**
	 * Distinct ports that were free a moment ago (tests run beside other builds on this
	 * machine).
	 */
	public static Ports randomFree() {
		Set<Integer> taken = new HashSet<>();
		return new Ports(distinctFree(taken), distinctFree(taken), distinctFree(taken), distinctFree(taken),
				distinctFree(taken), distinctFree(taken), distinctFree(taken), distinctFree(taken),
				distinctFree(taken));
	}

	/** The HTTP port of {@code service}. */
	public int of(Service service) {
		return (service == Service.INVOICE_SERVICE) ? this.invoiceService : this.revenueService;
	}

	Ports withPostgres(int port) {
		return new Ports(this.kafka, this.kafkaController, this.registry, port, this.invoiceService,
				this.revenueService, this.authServer, this.dashboard, this.dashboardManagement);
	}

	/**
	 * Whether nothing listens on {@code port} on the loopback interface and the port can
	 * be bound.
	 */
	static boolean isFree(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
			return false;
		}
		catch (IOException ex) {
			// nobody answers: check we may bind it too
		}
		try (ServerSocket server = new ServerSocket()) {
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Whether something accepts connections on {@code port} on the loopback interface.
	 */
	static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static int freePort() {
		try (ServerSocket server = new ServerSocket(0)) {
			return server.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int distinctFree(Set<Integer> taken) {
		int port = freePort();
		while (!taken.add(port)) {
			port = freePort();
		}
		return port;
	}

}
