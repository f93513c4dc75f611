package io.tally.load.http;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;

import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection over a socket, for one thread at a time.
 * <p>
 * The harness shares two cores with the system it measures, so its client must cost
 * little CPU per request: this one writes each request into a reused buffer, parses only
 * the status line and the headers the harness reads ({@code Content-Length},
 * {@code Transfer-Encoding}, {@code Connection}, {@code Location}, {@code ETag}), and
 * keeps no pool, selector or extra thread (the module README compares it with
 * {@code java.net.http} and wrk). It reconnects after the server closes the connection; a
 * request other than POST that fails on a reused connection is sent once more on a new
 * one (the server never saw it, or it is idempotent).
 */
public final class HttpConnection implements Closeable {

	private static final byte[] CRLF = { '\r', '\n' };

	private final Endpoint endpoint;

	private final int timeoutMillis;

	private final Authorization authorization;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	private int requestsOnSocket;

	private byte[] request = new byte[1024];

	private int requestLength;

	private final byte[] input = new byte[16 * 1024];

	private int inputPosition;

	private int inputLimit;

	private final StringBuilder line = new StringBuilder(128);

	/**
	 * A connection that is opened on first use.
	 * @param endpoint where to connect
	 * @param timeoutMillis connect and read timeout
	 * @param authorization the {@code Authorization} header of each request (asked once
	 * per request, so a renewed token is picked up)
	 */
	public HttpConnection(Endpoint endpoint, int timeoutMillis, Authorization authorization) {
		this.endpoint = endpoint;
		this.timeoutMillis = timeoutMillis;
		this.authorization = authorization;
	}

	/** The endpoint this connection talks to. */
	public Endpoint endpoint() {
		return this.endpoint;
	}

	/** {@code GET path}. */
	public Response get(String path) throws IOException {
		return send("GET", path, null, null);
	}

	/**
	 * Sends one request and reads the whole response.
	 * @param method the HTTP method
	 * @param path the path and query below the endpoint's base path
	 * @param jsonBody a JSON body, or null
	 * @param extra one more header (e.g. {@code If-Match}), or null
	 */
	public Response send(String method, String path, byte[] jsonBody, Header extra) throws IOException {
		String auth = this.authorization.header();
		encode(method, path, jsonBody, extra, auth);
		boolean reused = this.socket != null && this.requestsOnSocket > 0;
		try {
			return exchange(method);
		}
		catch (IOException ex) {
			close();
			if (!reused || method.equals("POST")) {
				throw ex;
			}
			// the server may have closed an idle keep-alive connection: once more, fresh
			return exchange(method);
		}
	}

	private Response exchange(String method) throws IOException {
		if (this.socket == null) {
			open();
		}
		try {
			this.out.write(this.request, 0, this.requestLength);
			this.out.flush();
			this.requestsOnSocket++;
			return readResponse(method);
		}
		catch (IOException | RuntimeException ex) {
			// the stream's position is unknown now
			close();
			throw ex;
		}
	}

	private void open() throws IOException {
		Socket plain = new Socket();
		plain.setTcpNoDelay(true);
		plain.setKeepAlive(true);
		plain.setSoTimeout(this.timeoutMillis);
		plain.connect(new InetSocketAddress(this.endpoint.host(), this.endpoint.port()), this.timeoutMillis);
		this.socket = this.endpoint.tls() ? ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain,
				this.endpoint.host(), this.endpoint.port(), true) : plain;
		this.in = this.socket.getInputStream();
		this.out = this.socket.getOutputStream();
		this.inputPosition = 0;
		this.inputLimit = 0;
		this.requestsOnSocket = 0;
	}

	private void encode(String method, String path, byte[] body, Header extra, String auth) {
		this.requestLength = 0;
		ascii(method);
		ascii(" ");
		ascii(this.endpoint.basePath());
		ascii(path);
		ascii(" HTTP/1.1\r\nHost: ");
		ascii(this.endpoint.hostHeader());
		bytes(CRLF);
		if (auth != null) {
			header("Authorization", auth);
		}
		if (extra != null) {
			header(extra.name(), extra.value());
		}
		if (body != null) {
			ascii("Content-Type: application/json\r\n");
		}
		if (body != null || method.equals("POST") || method.equals("PUT")) {
			header("Content-Length", Integer.toString((body != null) ? body.length : 0));
		}
		bytes(CRLF);
		if (body != null) {
			bytes(body);
		}
	}

	private void header(String name, String value) {
		ascii(name);
		ascii(": ");
		ascii(value);
		bytes(CRLF);
	}

	private void ascii(String text) {
		int length = text.length();
		ensure(length);
		for (int i = 0; i < length; i++) {
			this.request[this.requestLength++] = (byte) text.charAt(i);
		}
	}

	private void bytes(byte[] data) {
		ensure(data.length);
		System.arraycopy(data, 0, this.request, this.requestLength, data.length);
		this.requestLength += data.length;
	}

	private void ensure(int more) {
		if (this.requestLength + more > this.request.length) {
			this.request = Arrays.copyOf(this.request, Math.max(this.request.length * 2, this.requestLength + more));
		}
	}

	private Response readResponse(String method) throws IOException {
		String statusLine = readLine();
		// "HTTP/1.1 201 Created"
		if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
			throw new IOException("Not an HTTP response: " + statusLine);
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long contentLength = -1;
		boolean chunked = false;
		boolean closeAfter = statusLine.startsWith("HTTP/1.0");
		String location = null;
		String etag = null;
		for (String header = readLine(); !header.isEmpty(); header = readLine()) {
			int colon = header.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String name = header.substring(0, colon);
			String value = header.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				contentLength = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding")) {
				chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
			}
			else if (name.equalsIgnoreCase("Connection")) {
				closeAfter = value.equalsIgnoreCase("close");
			}
			else if (name.equalsIgnoreCase("Location")) {
				location = value;
			}
			else if (name.equalsIgnoreCase("ETag")) {
				etag = value;
			}
		}
		byte[] body;
		if (method.equals("HEAD") || status == 204 || status == 304 || (status >= 100 && status < 200)) {
			body = new byte[0];
		}
		else if (chunked) {
			body = readChunked();
		}
		else if (contentLength >= 0) {
			body = readFully((int) contentLength);
		}
		else {
			body = readToEnd();
			closeAfter = true;
		}
		if (closeAfter) {
			close();
		}
		return new Response(status, location, etag, body);
	}

	private byte[] readChunked() throws IOException {
		byte[] body = new byte[0];
		while (true) {
			String sizeLine = readLine();
			int semicolon = sizeLine.indexOf(';');
			int size = Integer.parseInt((semicolon >= 0) ? sizeLine.substring(0, semicolon).trim() : sizeLine.trim(),
					16);
			if (size == 0) {
				// trailers, up to the empty line
				while (!readLine().isEmpty()) {
				}
				return body;
			}
			byte[] chunk = readFully(size);
			byte[] joined = Arrays.copyOf(body, body.length + size);
			System.arraycopy(chunk, 0, joined, body.length, size);
			body = joined;
			readLine();
		}
	}

	private byte[] readFully(int length) throws IOException {
		byte[] data = new byte[length];
		int copied = 0;
		while (copied < length) {
			if (this.inputPosition == this.inputLimit) {
				fill();
			}
			int n = Math.min(length - copied, this.inputLimit - this.inputPosition);
			System.arraycopy(this.input, this.inputPosition, data, copied, n);
			this.inputPosition += n;
			copied += n;
		}
		return data;
	}

	private byte[] readToEnd() throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		all.write(this.input, this.inputPosition, this.inputLimit - this.inputPosition);
		this.inputPosition = this.inputLimit;
		this.in.transferTo(all);
		return all.toByteArray();
	}

	private String readLine() throws IOException {
		this.line.setLength(0);
		while (true) {
			if (this.inputPosition == this.inputLimit) {
				fill();
			}
			byte b = this.input[this.inputPosition++];
			if (b == '\n') {
				int end = this.line.length();
				if (end > 0 && this.line.charAt(end - 1) == '\r') {
					this.line.setLength(end - 1);
				}
				return this.line.toString();
			}
			this.line.append((char) (b & 0xff));
		}
	}

	private void fill() throws IOException {
		int n = this.in.read(this.input, 0, this.input.length);
		if (n < 0) {
			throw new EOFException("Connection closed by " + this.endpoint);
		}
		this.inputPosition = 0;
		this.inputLimit = n;
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.socket = null;
			this.in = null;
			this.out = null;
		}
	}

}
