package io.tally.registry.standin;

/**
 * A request the registry refuses, with the HTTP status and Confluent's error code.
 */
final class RegistryError extends RuntimeException {

	static final int SUBJECT_NOT_FOUND = 40401;

	static final int VERSION_NOT_FOUND = 40402;

	static final int SCHEMA_NOT_FOUND = 40403;

	static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;

	static final int INVALID_SCHEMA = 42201;

	static final int INVALID_VERSION = 42202;

	static final int INVALID_COMPATIBILITY_LEVEL = 42203;

	private final int status;

	private final int errorCode;

	private RegistryError(int status, int errorCode, String message) {
		super(message, null, false, false);
		this.status = status;
		this.errorCode = errorCode;
	}

	static RegistryError notFound(int errorCode, String message) {
		return new RegistryError(404, errorCode, message);
	}

	static RegistryError unprocessable(int errorCode, String message) {
		return new RegistryError(422, errorCode, message);
	}

	static RegistryError incompatible(String message) {
		return new RegistryError(409, 409, message);
	}

	static RegistryError badRequest(String message) {
		return new RegistryError(400, 400, message);
	}

	static RegistryError unauthorized() {
		return new RegistryError(401, 401, "Unauthorized");
	}

	static RegistryError noRoute(String method, String path) {
		return new RegistryError(404, 404, "HTTP 404 Not Found: " + method + " " + path);
	}

	int status() {
		return this.status;
	}

	int errorCode() {
		return this.errorCode;
	}

}
