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

	public static void main(String[] args) {
		SpringApplication.run(RevenueServiceApplication.class, args);
	}

}
