package io.tally.load.http;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host, port and base path of one HTTP service, from a base URL such as
 * {@code http://localhost:8080}.
 *
 * @param tls whether the scheme is https
 * @param host the host name or address
 * @param port the TCP port (80 or 443 when the URL names none)
 * @param basePath the path prefix of every request, without a trailing slash (often
 * empty)
 */
public record Endpoint(boolean tls, String host, int port, String basePath) {

	/** Parses a base URL; anything but http(s) with a host is refused. */
	public static Endpoint of(String url) {
		URI uri;
		try {
			uri = URI.create(url.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not a URL: " + url);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new IllegalArgumentException("Not an http(s) URL: " + url);
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("No host in " + url);
		}
		boolean tls = scheme.equals("https");
		int port = (uri.getPort() != -1) ? uri.getPort() : (tls ? 443 : 80);
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return new Endpoint(tls, uri.getHost(), port, path);
	}

	/** The same endpoint on another port (a management port, for instance). */
	public Endpoint withPort(int otherPort) {
		return new Endpoint(this.tls, this.host, otherPort, this.basePath);
	}

	/** The value of the {@code Host} header. */
	public String hostHeader() {
		boolean defaultPort = this.port == (this.tls ? 443 : 80);
		String host = this.host.contains(":") ? "[" + this.host + "]" : this.host;
		return defaultPort ? host : host + ":" + this.port;
	}

	/** The full URL of {@code path} (which starts with a slash). */
	public String url(String path) {
		return (this.tls ? "https://" : "http://") + hostHeader() + this.basePath + path;
	}

	@Override
	public String toString() {
		return url("");
	}

}
