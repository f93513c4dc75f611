package io.tally.events.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.tally.events.invoice.InvoiceEventType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The released versions of the event schemas ({@code src/main/avro-history}, packaged in
 * event-schemas' test-jar), and events as a producer of an older release wrote them: for
 * tests of consumers that must read every released version.
 */
public final class ReleasedSchemas {

	private ReleasedSchemas() {
	}

	/** Version {@code version} of the record of {@code type}, as released. */
	public static Schema schema(InvoiceEventType type, int version) {
		String resource = "/avro-history/" + type.recordName() + "/v" + version + ".avsc";
		try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No released schema " + resource);
			}
			return new Schema.Parser().parse(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The event as a producer built with release {@code version} of its schema would
	 * write it: a generic record of that schema, fields the release does not know dropped
	 * (by Avro's own schema resolution).
	 */
	public static GenericRecord asReleased(SpecificRecord event, int version) {
		Schema released = schema(InvoiceEventType.of(event).orElseThrow(), version);
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
			new SpecificDatumWriter<SpecificRecord>(event.getSchema(), SpecificData.getForClass(event.getClass()))
				.write(event, encoder);
			encoder.flush();
			return new GenericDatumReader<GenericRecord>(event.getSchema(), released, GenericData.get()).read(null,
					DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
