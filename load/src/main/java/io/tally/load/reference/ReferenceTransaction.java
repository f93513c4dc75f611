package io.tally.load.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's reference figure: invoice-service's create transaction — the invoice
 * insert and the outbox insert (whose trigger issues {@code pg_notify}) in one
 * transaction — driven straight at the same PostgreSQL, through pgbench when it is
 * installed, otherwise through JDBC with one thread per client.
 * <p>
 * The statements are those of invoice-service (its Flyway migration and
 * {@code OutboxWriter}), but the tables live in a scratch schema created for the run
 * ({@code CREATE TABLE … (LIKE invoice INCLUDING ALL)}) and dropped afterwards: rows
 * inserted into the real outbox would be published and change the revenue figures.
 */
public final class ReferenceTransaction {

	/** How the transaction is driven. */
	public enum Method {

		/** PostgreSQL's pgbench with a custom script, prepared statements. */
		PGBENCH,
		/** JDBC, one connection per client thread. */
		JDBC

	}

	/**
	 * The figure.
	 *
	 * @param method pgbench or jdbc
	 * @param clients concurrent clients
	 * @param seconds how long it ran
	 * @param transactions transactions committed
	 * @param perSecond transactions per second
	 * @param target the database (without credentials)
	 */
	public record Result(String method, int clients, double seconds, long transactions, double perSecond,
			String target) {

	}

	/**
	 * Size of an outbox payload: an Avro InvoiceCreated in Confluent framing is about
	 * this big.
	 */
	static final int PAYLOAD_BYTES = 140;

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

	private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");

	private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

	private final PostgresTarget target;

	private final byte[] payload = new byte[PAYLOAD_BYTES];

	/** A reference run against {@code target} (the invoice database). */
	public ReferenceTransaction(PostgresTarget target) {
		this.target = target;
		new SplittableRandom(42).nextBytes(this.payload);
	}

	/** Whether pgbench is on the PATH. */
	public static boolean pgbenchAvailable() {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String dir : path.split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, "pgbench"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Runs the transaction for {@code duration} with {@code clients} clients in a scratch
	 * schema, which is dropped afterwards.
	 */
	public Result run(Method method, int clients, Duration duration)
			throws SQLException, IOException, InterruptedException {
		String schema = "tally_load_ref_" + Long.toHexString(System.nanoTime() & 0xffffffffL);
		try (Connection admin = connect()) {
			createScratch(admin, schema);
			try {
				return (method == Method.PGBENCH) ? pgbench(schema, clients, duration)
						: jdbc(schema, clients, duration);
			}
			finally {
				try (Statement statement = admin.createStatement()) {
					statement.execute("DROP SCHEMA " + schema + " CASCADE");
				}
			}
		}
	}

	static String invoiceInsert(String schema) {
		return "INSERT INTO " + schema + ".invoice (id, customer_id, amount_minor, currency, status, issue_date, "
				+ "paid_at, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	}

	static String outboxInsert(String schema) {
		return "INSERT INTO " + schema
				+ ".outbox (record_key, event_id, event_type, invoice_version, payload) VALUES (?, ?, ?, ?, ?)";
	}

	/** The pgbench script: the same two inserts in one transaction. */
	static String pgbenchScript(String schema) {
		return """
				\\set amount random(100, 999999)
				BEGIN;
				INSERT INTO %1$s.invoice (id, customer_id, amount_minor, currency, status, issue_date, paid_at, version, created_at, updated_at) VALUES (gen_random_uuid(), gen_random_uuid(), :amount, 'USD', 'PENDING', current_date, NULL, 1, now(), now()) RETURNING id AS invoice_id \\gset
				INSERT INTO %1$s.outbox (record_key, event_id, event_type, invoice_version, payload) VALUES (:invoice_id, gen_random_uuid(), 'InvoiceCreated', 1, :payload);
				END;
				"""
			.formatted(schema);
	}

	private void createScratch(Connection admin, String schema) throws SQLException {
		try (Statement statement = admin.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
			statement.execute("CREATE TABLE " + schema + ".invoice (LIKE invoice INCLUDING ALL)");
			statement.execute("CREATE TABLE " + schema + ".outbox (LIKE outbox INCLUDING ALL)");
			// the real outbox has a trigger that notifies the relay; the copy notifies a
			// channel nobody listens to
			statement.execute("CREATE FUNCTION " + schema + ".outbox_notify() RETURNS trigger LANGUAGE plpgsql AS "
					+ "$$ BEGIN PERFORM pg_notify('tally_load_reference', ''); RETURN NULL; END; $$");
			statement.execute("CREATE TRIGGER outbox_notify AFTER INSERT ON " + schema
					+ ".outbox FOR EACH STATEMENT EXECUTE FUNCTION " + schema + ".outbox_notify()");
		}
	}

	private Result pgbench(String schema, int clients, Duration duration) throws IOException, InterruptedException {
		Path script = Files.createTempFile("tally-load-reference", ".sql");
		try {
			Files.writeString(script, pgbenchScript(schema), StandardCharsets.UTF_8);
			long seconds = Math.max(1, duration.toSeconds());
			List<String> command = new ArrayList<>(
					List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(clients), "-j",
							Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())), "-T",
							Long.toString(seconds), "-f", script.toString(), "-D",
							"payload=\\x" + HexFormat.of().formatHex(this.payload), "-h", this.target.host(), "-p",
							Integer.toString(this.target.port())));
			if (this.target.user() != null) {
				command.addAll(List.of("-U", this.target.user()));
			}
			command.add(this.target.database());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			if (this.target.password() != null) {
				builder.environment().put("PGPASSWORD", this.target.password());
			}
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(seconds + 60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("pgbench did not finish");
			}
			Matcher tps = TPS.matcher(output);
			Matcher processed = PROCESSED.matcher(output);
			Matcher failed = FAILED.matcher(output);
			if (process.exitValue() != 0 || !tps.find() || !processed.find()) {
				throw new IOException("pgbench failed (exit " + process.exitValue() + "): " + lastLines(output));
			}
			if (failed.find() && Long.parseLong(failed.group(1)) > 0) {
				throw new IOException("pgbench had failed transactions: " + lastLines(output));
			}
			return new Result("pgbench", clients, seconds, Long.parseLong(processed.group(1)),
					Double.parseDouble(tps.group(1)), this.target.withoutCredentials());
		}
		finally {
			Files.deleteIfExists(script);
		}
	}

	private Result jdbc(String schema, int clients, Duration duration) throws SQLException, InterruptedException {
		// one second of warm-up first, so the JIT compiler does not count against the
		// database
		long start = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
		long end = start + duration.toNanos();
		AtomicLong committed = new AtomicLong();
		AtomicReference<SQLException> failure = new AtomicReference<>();
		List<Thread> threads = new ArrayList<>();
		List<Connection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < clients; i++) {
				connections.add(connect());
			}
			for (Connection connection : connections) {
				Thread thread = new Thread(() -> {
					try {
						insertUntil(connection, schema, start, end, committed);
					}
					catch (SQLException ex) {
						failure.compareAndSet(null, ex);
					}
				}, "reference-jdbc");
				thread.setDaemon(true);
				threads.add(thread);
				thread.start();
			}
			for (Thread thread : threads) {
				thread.join();
			}
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
		}
		if (failure.get() != null) {
			throw failure.get();
		}
		double seconds = duration.toNanos() / 1e9;
		return new Result("jdbc", clients, seconds, committed.get(), committed.get() / seconds,
				this.target.withoutCredentials());
	}

	private void insertUntil(Connection connection, String schema, long start, long end, AtomicLong committed)
			throws SQLException {
		connection.setAutoCommit(false);
		SplittableRandom random = new SplittableRandom();
		try (PreparedStatement invoice = connection.prepareStatement(invoiceInsert(schema));
				PreparedStatement outbox = connection.prepareStatement(outboxInsert(schema))) {
			for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
				UUID id = UUID.randomUUID();
				Timestamp at = Timestamp.from(Instant.now());
				invoice.setObject(1, id);
				invoice.setObject(2, UUID.randomUUID());
				invoice.setLong(3, random.nextLong(100, 1_000_000));
				invoice.setString(4, "USD");
				invoice.setString(5, "PENDING");
				invoice.setObject(6, LocalDate.now(ZoneOffset.UTC));
				invoice.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
				invoice.setLong(8, 1);
				invoice.setTimestamp(9, at);
				invoice.setTimestamp(10, at);
				invoice.executeUpdate();
				outbox.setString(1, id.toString());
				outbox.setObject(2, UUID.randomUUID());
				outbox.setString(3, "InvoiceCreated");
				outbox.setLong(4, 1);
				outbox.setBytes(5, this.payload);
				outbox.executeUpdate();
				connection.commit();
				if (now >= start) {
					committed.incrementAndGet();
				}
			}
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.target.jdbcUrl());
	}

	private static String lastLines(String output) {
		String[] lines = output.strip().split("\n");
		return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
	}

}
