package io.tally.localstack;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What each service's principal may do on the local broker, and nothing more: the ACLs of
 * {@code k8s/README.md} for a real cluster, plus CREATE on the one topic each service
 * declares itself (on a real cluster the topics are created beforehand). Only
 * invoice-service, and revenue-service's dead-letter re-drive as a principal of its own,
 * may write the event topic, so a record produced as anyone else is refused by the
 * broker. The names repeat the services' defaults ({@code tally.outbox.topic},
 * {@code tally.projection.*}, {@code tally.dead-letters.group-id}): the launcher does not
 * depend on the services' code.
 */
final class KafkaAcls {

	static final String EVENTS_TOPIC = "invoice-events";

	static final String DEAD_LETTER_TOPIC = "invoice-events-dlt";

	static final String PROJECTION_GROUP = "revenue-projection";

	static final String DEAD_LETTER_INDEX_GROUP = "revenue-dead-letters";

	static final String REBUILD_GROUP_PREFIX = PROJECTION_GROUP + "-rebuild-";

	private KafkaAcls() {
	}

	/** The bindings to create, as the super user, when the broker starts. */
	static List<AclBinding> bindings() {
		List<AclBinding> bindings = new ArrayList<>();
		String invoiceService = Service.INVOICE_SERVICE.id();
		String revenueService = Service.REVENUE_SERVICE.id();
		// the outbox relay's idempotent producer; the service declares the topic
		allow(bindings, invoiceService, ResourceType.TOPIC, EVENTS_TOPIC, AclOperation.WRITE, AclOperation.DESCRIBE,
				AclOperation.CREATE);
		// the topic is compacted: a topic declared before that is altered at start-up
		allow(bindings, invoiceService, ResourceType.TOPIC, EVENTS_TOPIC, AclOperation.DESCRIBE_CONFIGS,
				AclOperation.ALTER_CONFIGS);
		// the projection consumer, in its group
		allow(bindings, revenueService, ResourceType.TOPIC, EVENTS_TOPIC, AclOperation.READ, AclOperation.DESCRIBE);
		allow(bindings, revenueService, ResourceType.GROUP, PROJECTION_GROUP, AclOperation.READ);
		// a projection rebuild replays the topic in a group of its own, one per rebuild
		allowPrefixed(bindings, revenueService, ResourceType.GROUP, REBUILD_GROUP_PREFIX, AclOperation.READ);
		// the dead-letter producer; the service declares the topic
		allow(bindings, revenueService, ResourceType.TOPIC, DEAD_LETTER_TOPIC, AclOperation.WRITE,
				AclOperation.DESCRIBE, AclOperation.CREATE);
		// the dead-letter index (its own group) and the console reading single records
		allow(bindings, revenueService, ResourceType.TOPIC, DEAD_LETTER_TOPIC, AclOperation.READ);
		allow(bindings, revenueService, ResourceType.GROUP, DEAD_LETTER_INDEX_GROUP, AclOperation.READ);
		// the re-drive sends dead letters back to the event topic, as a principal of its
		// own
		allow(bindings, KafkaCredentials.REDRIVE, ResourceType.TOPIC, EVENTS_TOPIC, AclOperation.WRITE,
				AclOperation.DESCRIBE);
		return List.copyOf(bindings);
	}

	private static void allow(List<AclBinding> bindings, String user, ResourceType type, String name,
			AclOperation... operations) {
		allow(bindings, user, new ResourcePattern(type, name, PatternType.LITERAL), operations);
	}

	private static void allowPrefixed(List<AclBinding> bindings, String user, ResourceType type, String prefix,
			AclOperation... operations) {
		allow(bindings, user, new ResourcePattern(type, prefix, PatternType.PREFIXED), operations);
	}

	private static void allow(List<AclBinding> bindings, String user, ResourcePattern resource,
			AclOperation... operations) {
		for (AclOperation operation : operations) {
			bindings.add(new AclBinding(resource,
					new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
		}
	}

}
