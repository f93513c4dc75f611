package io.tally.testsupport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends one request with a large body over a raw socket while reading the answer at the
 * same time, and records how much of the body had left when the answer's status line
 * arrived: what a test needs to show that a server answers an oversized body without
 * reading it (an HTTP client library would first send the whole body).
 */
public final class StreamedUpload {

	private static final int PIECE = 16 * 1024;

	private final int port;

	private final String method;

	private final String path;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private final long bodyBytes;

	private final boolean chunked;

	private StreamedUpload(int port, String method, String path, long bodyBytes, boolean chunked) {
		this.port = port;
		this.method = method;
		this.path = path;
		this.bodyBytes = bodyBytes;
		this.chunked = chunked;
	}

	/** A request whose body of {@code bodyBytes} is sent with chunked transfer coding. */
	public static StreamedUpload chunked(int port, String method, String path, long bodyBytes) {
		return new StreamedUpload(port, method, path, bodyBytes, true);
	}

	/** A request whose body of {@code bodyBytes} is announced by Content-Length. */
	public static StreamedUpload withLength(int port, String method, String path, long bodyBytes) {
		return new StreamedUpload(port, method, path, bodyBytes, false);
	}

	/** Adds a request header. */
	public StreamedUpload header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	/**
	 * Sends the request; the body is {@code a=} followed by {@code x}s, which is valid
	 * form-encoded content and a JSON syntax error alike.
	 * @param timeoutSeconds how long to wait for the answer and for the sender to stop
	 */
	public Outcome send(long timeoutSeconds) {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(timeoutSeconds));
			AtomicLong sent = new AtomicLong();
			OutputStream out = socket.getOutputStream();
			CompletableFuture<Boolean> sender = CompletableFuture.supplyAsync(() -> sendAll(out, sent));
			Answer answer = readAnswer(socket.getInputStream(), sent);
			boolean completed;
			try {
				completed = sender.get(timeoutSeconds, TimeUnit.SECONDS);
			}
			catch (TimeoutException ex) {
				// the server neither reads nor closes: it stopped reading, closing ends
				// the
				// sender
				socket.close();
				completed = sender.join();
			}
			return new Outcome(answer.status, answer.headers, answer.body, answer.sentBeforeStatus, sent.get(),
					this.bodyBytes, completed);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** Sends head and body; false when the server closed the connection first. */
	private boolean sendAll(OutputStream out, AtomicLong sent) {
		try {
			StringBuilder head = new StringBuilder();
			head.append(this.method).append(' ').append(this.path).append(" HTTP/1.1\r\n");
			head.append("Host: localhost:").append(this.port).append("\r\n");
			this.headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append(this.chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + this.bodyBytes)
				.append("\r\n\r\n");
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			byte[] piece = new byte[PIECE];
			Arrays.fill(piece, (byte) 'x');
			piece[0] = 'a';
			piece[1] = '=';
			long remaining = this.bodyBytes;
			boolean first = true;
			while (remaining > 0) {
				int n = (int) Math.min(PIECE, remaining);
				if (this.chunked) {
					out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				}
				out.write(piece, 0, n);
				if (this.chunked) {
					out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				if (first) {
					piece[0] = 'x';
					piece[1] = 'x';
					first = false;
				}
				remaining -= n;
				sent.addAndGet(n);
			}
			if (this.chunked) {
				out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.flush();
			return true;
		}
		catch (IOException ex) {
			// reset or broken pipe: the server closed the connection before taking the
			// whole body
			return false;
		}
	}

	private Answer readAnswer(InputStream in, AtomicLong sent) throws IOException {
		String statusLine = line(in);
		long sentBeforeStatus = sent.get();
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, String> responseHeaders = new LinkedHashMap<>();
		for (String line = line(in); !line.isEmpty(); line = line(in)) {
			int colon = line.indexOf(':');
			responseHeaders.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
					line.substring(colon + 1).trim());
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if ("chunked".equalsIgnoreCase(responseHeaders.get("transfer-encoding"))) {
			for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0; size = Integer
				.parseInt(line(in).split(";")[0].trim(), 16)) {
				body.write(in.readNBytes(size));
				line(in);
			}
		}
		else if (responseHeaders.containsKey("content-length")) {
			body.write(in.readNBytes(Integer.parseInt(responseHeaders.get("content-length"))));
		}
		return new Answer(status, responseHeaders, body.toString(StandardCharsets.UTF_8), sentBeforeStatus);
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("Connection closed in the middle of the answer's head");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	private record Answer(int status, Map<String, String> headers, String body, long sentBeforeStatus) {
	}

	/**
	 * What happened.
	 *
	 * @param status the answer's status
	 * @param headers the answer's headers, names in lower case
	 * @param body the answer's body
	 * @param sentBeforeStatus body bytes written to the socket when the status line
	 * arrived
	 * @param sent body bytes written in all
	 * @param bodyBytes the size of the whole body
	 * @param completed whether the whole body could be written (false: the server closed
	 * the connection or stopped reading)
	 */
	public record Outcome(int status, Map<String, String> headers, String body, long sentBeforeStatus, long sent,
			long bodyBytes, boolean completed) {

		/** The first value of a response header. */
		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
