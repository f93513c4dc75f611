package io.tally.revenue;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * revenue-service: projects invoice events into revenue figures and serves them over
 * REST.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RevenueServiceApplication {

	/** Avro 1.12 only instantiates generated classes from trusted packages. */
	static final String AVRO_TRUSTED_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";

	public static void main(String[] args) {
		if (System.getProperty(AVRO_TRUSTED_PACKAGES) == null) {
			System.setProperty(AVRO_TRUSTED_PACKAGES, "io.tally.events");
		}
		SpringApplication.run(RevenueServiceApplication.class, args);
	}

}
