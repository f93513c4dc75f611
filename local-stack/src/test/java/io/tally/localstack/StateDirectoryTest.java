package io.tally.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StateDirectoryTest {

	@TempDir
	Path temp;

	@Test
	void wipeDeletesAMarkedStateDirectory() throws Exception {
		Path state = this.temp.resolve("state");
		StateDirectory.prepare(state);
		Files.createDirectories(state.resolve("kafka/data"));
		Files.writeString(state.resolve("kafka/data/meta.properties"), "x");

		StateDirectory.wipe(state);

		assertThat(state).doesNotExist();
	}

	@Test
	void wipeRefusesADirectoryThatIsNotOurs() throws Exception {
		Path someonesFiles = this.temp.resolve("documents");
		Files.createDirectories(someonesFiles);
		Files.writeString(someonesFiles.resolve("thesis.txt"), "precious");

		assertThatIllegalStateException().isThrownBy(() -> StateDirectory.wipe(someonesFiles))
			.withMessageContaining("not a Tally state directory");
		assertThat(someonesFiles.resolve("thesis.txt")).exists();
	}

	@Test
	void remembersInfrastructurePortsForASingleServiceStart() throws Exception {
		StateDirectory.prepare(this.temp);
		StateDirectory.writePorts(this.temp, new Ports(1, 2, 3, 4, 5, 6, 7, 8, 9));

		Ports read = StateDirectory.readPorts(this.temp, Ports.defaults()).orElseThrow();

		assertThat(read).isEqualTo(new Ports(1, 2, 3, 4, 8080, 8082, 7, 8083, 8183));
	}

	@Test
	void noRecordedPortsBeforeTheFirstStart() throws Exception {
		assertThat(StateDirectory.readPorts(this.temp, Ports.defaults())).isEmpty();
	}

}
