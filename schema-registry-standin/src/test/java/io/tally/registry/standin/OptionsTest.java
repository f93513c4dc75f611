package io.tally.registry.standin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

	@Test
	void defaultsToPort8081OnLoopback() {
		assertThat(SchemaRegistryStandIn.Options.parse())
			.isEqualTo(new SchemaRegistryStandIn.Options("127.0.0.1", 8081));
	}

	@Test
	void readsPortAndHost() {
		assertThat(SchemaRegistryStandIn.Options.parse("--port=18081", "--host=0.0.0.0"))
			.isEqualTo(new SchemaRegistryStandIn.Options("0.0.0.0", 18081));
	}

	@Test
	void rejectsNonsense() {
		assertThatThrownBy(() -> SchemaRegistryStandIn.Options.parse("--port=http"))
			.hasMessageContaining("--port=http");
		assertThatThrownBy(() -> SchemaRegistryStandIn.Options.parse("--port=70000")).hasMessageContaining("70000");
		assertThatThrownBy(() -> SchemaRegistryStandIn.Options.parse("-p", "8081")).hasMessageContaining("-p");
	}

}
