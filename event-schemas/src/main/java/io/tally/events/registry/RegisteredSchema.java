package io.tally.events.registry;

import org.apache.avro.Schema;

/**
 * One version of a subject in a schema registry.
 *
 * @param subject the subject name
 * @param id the schema's global id
 * @param version the version number within the subject (from 1)
 * @param schema the schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {

}
