package io.tally.invoice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP front of a schema registry that can stop answering: {@code FORWARD} relays bytes
 * both ways; {@code HANG} accepts connections and reads nothing from them, and holds the
 * requests of connections it forwarded before (answering nothing); {@code DENY} answers
 * every request 401. Switching modes drops the connections accepted while hanging, so
 * clients see the new mode on their next connection.
 */
public final class SwitchableRegistry implements AutoCloseable {

	/** How the registry behaves. */
	public enum Mode {

		FORWARD, HANG, DENY

	}

	private static final byte[] DENIED = "{\"error_code\":40101,\"message\":\"Unauthorized\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final ServerSocket server;

	private final URI upstream;

	private final Object gate = new Object();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final List<Socket> hung = new CopyOnWriteArrayList<>();

	private final AtomicInteger held = new AtomicInteger();

	private final AtomicInteger denied = new AtomicInteger();

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "switchable-registry");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Mode mode;

	private volatile boolean closed;

	public SwitchableRegistry(String upstreamUrl, Mode mode) throws IOException {
		this.upstream = URI.create(upstreamUrl);
		this.mode = mode;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.submit(this::accept);
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	public void switchTo(Mode mode) {
		synchronized (this.gate) {
			this.mode = mode;
			this.gate.notifyAll();
		}
		for (Socket socket : this.hung) {
			closeQuietly(socket);
		}
		this.hung.clear();
	}

	/** Requests (or connections) held without an answer so far. */
	public int held() {
		return this.held.get();
	}

	/** Requests answered 401 so far. */
	public int denied() {
		return this.denied.get();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				switch (this.mode) {
					case HANG -> {
						// accepted, never read, never answered
						this.hung.add(client);
						this.held.incrementAndGet();
					}
					case DENY -> this.threads.submit(() -> deny(client));
					case FORWARD -> this.threads.submit(() -> forward(client));
				}
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void forward(Socket client) {
		try (Socket target = new Socket(this.upstream.getHost(), this.upstream.getPort())) {
			this.sockets.add(target);
			this.threads.submit(() -> pipe(target.getInputStream(), client.getOutputStream(), false, client));
			pipe(client.getInputStream(), target.getOutputStream(), true, target);
		}
		catch (IOException ex) {
			closeQuietly(client);
		}
	}

	private Void pipe(InputStream in, OutputStream out, boolean gated, Socket other) throws IOException {
		byte[] buffer = new byte[8192];
		try {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				if (gated && !awaitForwarding()) {
					return null;
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// either side went away
		}
		finally {
			closeQuietly(other);
		}
		return null;
	}

	/** Holds a request while the registry hangs; false once closed. */
	private boolean awaitForwarding() {
		synchronized (this.gate) {
			boolean counted = false;
			while (this.mode != Mode.FORWARD && !this.closed) {
				if (!counted) {
					this.held.incrementAndGet();
					counted = true;
				}
				try {
					this.gate.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return !this.closed;
		}
	}

	/** Answers every HTTP/1.1 request of the connection with 401. */
	private void deny(Socket client) {
		try (client) {
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			while (true) {
				String head = readHead(in);
				if (head == null || this.mode != Mode.DENY) {
					// mode switched: the client reconnects and meets the new one
					return;
				}
				in.readNBytes(contentLength(head));
				this.denied.incrementAndGet();
				out.write(("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/vnd.schemaregistry.v1+json\r\n"
						+ "Content-Length: " + DENIED.length + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.write(DENIED);
				out.flush();
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		for (int b = in.read(); b >= 0; b = in.read()) {
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
			if (matched == 4) {
				return head.toString(StandardCharsets.US_ASCII);
			}
		}
		return null;
	}

	private static int contentLength(String head) {
		for (String line : head.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
			}
		}
		return 0;
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		synchronized (this.gate) {
			this.gate.notifyAll();
		}
		this.server.close();
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.threads.shutdownNow();
	}

}
