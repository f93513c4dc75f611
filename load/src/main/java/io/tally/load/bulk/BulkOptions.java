package io.tally.load.bulk;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a bulk load writes and where: {@code --bulk-events} and the options that go with
 * it.
 *
 * @param events how many {@code InvoiceCreated} events to write
 * @param customers how many new customers they spread over
 * @param currencies the currencies, drawn evenly
 * @param topic the event topic
 * @param bootstrapServers the broker(s), {@code host:port[,…]}
 * @param registryUrl the schema registry
 * @param kafkaConfig a Kafka client properties file (e.g. SASL settings), or null
 * @param await whether to wait until revenue-service shows the events
 * @param stallTimeout how long revenue-service may show no progress before the wait gives
 * up
 */
public record BulkOptions(int events, int customers, List<String> currencies, String topic, String bootstrapServers,
		String registryUrl, Path kafkaConfig, boolean await, Duration stallTimeout) {

	/** The topic invoice-service publishes to. */
	public static final String DEFAULT_TOPIC = "invoice-events";

	/**
	 * The stall timeout when none is given: a consumer's first batch after a quiet spell
	 * may take half a minute on a busy machine (JIT, rebalance).
	 */
	public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(2);

	/** The currencies when none are given. */
	public static final List<String> DEFAULT_CURRENCIES = List.of("USD", "EUR", "GBP");

	/**
	 * Checks the values.
	 * @throws IllegalArgumentException naming the option that is wrong
	 */
	public BulkOptions {
		if (events < 1) {
			throw new IllegalArgumentException("--bulk-events must be at least 1");
		}
		if (customers < 1) {
			throw new IllegalArgumentException("--bulk-customers must be at least 1");
		}
		if (currencies.isEmpty()) {
			throw new IllegalArgumentException("--bulk-currencies names no currency");
		}
		for (String currency : currencies) {
			if (!currency.matches("[A-Z]{3}") || !isKnown(currency)) {
				throw new IllegalArgumentException("--bulk-currencies: " + currency + " is no ISO 4217 code");
			}
		}
		currencies = List.copyOf(currencies);
		if (bootstrapServers == null || bootstrapServers.isBlank()) {
			throw new IllegalArgumentException("--bulk-events needs --kafka-bootstrap (or --stack-dir)");
		}
		if (registryUrl == null || !registryUrl.matches("https?://.+")) {
			throw new IllegalArgumentException("--bulk-events needs --registry-url http(s)://… (or --stack-dir)");
		}
		if (kafkaConfig != null && !Files.isReadable(kafkaConfig)) {
			throw new IllegalArgumentException("--kafka-config: cannot read " + kafkaConfig);
		}
	}

	/** The customers when none are given: one for every ten invoices. */
	public static int defaultCustomers(int events) {
		return Math.max(1, events / 10);
	}

	/**
	 * The settings of {@link #kafkaConfig}, or none; read when needed, so that no
	 * password is kept in the options.
	 */
	Map<String, String> kafkaProperties() {
		if (this.kafkaConfig == null) {
			return Map.of();
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(this.kafkaConfig)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read --kafka-config " + this.kafkaConfig + ": " + ex.getMessage(),
					ex);
		}
		Map<String, String> settings = new LinkedHashMap<>();
		properties.stringPropertyNames().forEach((name) -> settings.put(name, properties.getProperty(name).trim()));
		return settings;
	}

	private static boolean isKnown(String code) {
		try {
			Currency.getInstance(code);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
