package io.tally.invoice.reconciliation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.tally.events.InvoiceDeleted;
import io.tally.events.InvoiceUpdated;
import io.tally.invoice.EventProbe;
import io.tally.invoice.ServiceIntegrationTest;
import io.tally.testsupport.http.JsonHttp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;

import static io.tally.invoice.EventProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciliation endpoints on the real database and broker: the digest lists live and
 * deleted invoices with their versions page by page, and re-publication writes events a
 * consumer can apply.
 */
class ReconciliationOpsTest extends ServiceIntegrationTest {

	private static final String TOPIC = "invoice-events";

	@Autowired
	KafkaAdmin kafkaAdmin;

	@Test
	void digestListsLiveAndDeletedInvoicesWithTheirVersionsPageByPage() {
		List<String> ids = IntStream.range(0, 5).mapToObj((i) -> create()).toList();
		update(ids.get(1));
		update(ids.get(1));
		http().delete("/api/invoices/" + ids.get(2)).expect(204);

		List<JsonNode> whole = pages(1000);
		Map<String, JsonNode> byId = whole.stream()
			.collect(Collectors.toMap((entry) -> entry.get("invoiceId").asString(), (entry) -> entry));
		assertThat(entry(byId, ids.get(0))).isEqualTo("v1");
		assertThat(entry(byId, ids.get(1))).isEqualTo("v3");
		assertThat(entry(byId, ids.get(2))).as("the deletion's version").isEqualTo("v2 deleted");
		assertThat(pages(7)).as("small pages add up to the same list, in the same order").isEqualTo(whole);
		assertThat(whole).extracting((entry) -> entry.get("invoiceId").asString()).doesNotHaveDuplicates();
	}

	@Test
	void digestLooksUpGivenInvoices() {
		String live = create();
		String deleted = create();
		http().delete("/api/invoices/" + deleted).expect(204);
		String unknown = UUID.randomUUID().toString();

		JsonNode page = operations().get("/api/ops/reconciliation/digest?ids=" + live + "," + deleted + "," + unknown)
			.expect(200)
			.json();

		List<String> entries = new ArrayList<>();
		page.get("invoices")
			.forEach((entry) -> entries.add(entry.get("invoiceId").asString() + " " + entry.get("version").asLong()
					+ " " + entry.get("deleted").asBoolean()));
		assertThat(entries).containsExactlyInAnyOrder(live + " 1 false", deleted + " 2 true");
		assertThat(page.get("next").isNull()).isTrue();
	}

	@Test
	void refusesBadDigestRequestsWithProblems() {
		String hundredAndOne = IntStream.range(0, 101)
			.mapToObj((i) -> UUID.randomUUID().toString())
			.collect(Collectors.joining(","));
		for (String query : List.of("size=0", "size=1001", "after=nope", "ids=" + UUID.randomUUID() + "&size=5",
				"ids=" + hundredAndOne, "ids=nope")) {
			JsonHttp.Response response = operations().get("/api/ops/reconciliation/digest?" + query).expect(400);
			assertThat(response.json().get("type").asString()).as(query).isEqualTo("urn:tally:problem:invalid-request");
			assertThat(response.json().get("errors")).as(query).isNotEmpty();
		}
	}

	@Test
	void republishesTheCurrentStateOfLiveAndDeletedInvoices() {
		String live = create();
		update(live);
		String deleted = create();
		http().delete("/api/invoices/" + deleted).expect(204);
		String unknown = UUID.randomUUID().toString();

		JsonNode result = operations()
			.post("/api/ops/reconciliation/republish",
					"{\"invoiceIds\":[\"" + live + "\",\"" + deleted + "\",\"" + unknown + "\"]}")
			.expect(200)
			.json();

		assertThat(result.get("republished")).hasSize(2);
		assertThat(result.get("notFound").get(0).asString()).isEqualTo(unknown);
		try (EventProbe probe = EventProbe.forInvoices(TOPIC, Set.of(live, deleted))) {
			List<ConsumerRecord<String, Object>> records = probe.awaitCount(5, Duration.ofSeconds(30));
			ConsumerRecord<String, Object> liveAgain = last(records, live);
			assertThat(liveAgain.value()).isInstanceOf(InvoiceUpdated.class);
			assertThat(((InvoiceUpdated) liveAgain.value()).getInvoiceVersion()).isEqualTo(2);
			assertThat(header(liveAgain, "invoiceVersion")).isEqualTo("2");
			assertThat(eventIds(records, live)).as("a new event id").doesNotHaveDuplicates().hasSize(3);
			ConsumerRecord<String, Object> deletedAgain = last(records, deleted);
			assertThat(deletedAgain.value()).isInstanceOf(InvoiceDeleted.class);
			assertThat(((InvoiceDeleted) deletedAgain.value()).getInvoiceVersion()).isEqualTo(2);
			assertThat(eventIds(records, deleted)).doesNotHaveDuplicates().hasSize(3);
		}
		for (String body : List.of("{\"invoiceIds\":[]}", "{}", "{\"invoiceIds\":[null]}",
				"{\"invoiceIds\":[\"nope\"]}")) {
			assertThat(operations().post("/api/ops/reconciliation/republish", body)
				.expect(400)
				.json()
				.get("type")
				.asString()).as(body).isEqualTo("urn:tally:problem:invalid-request");
		}
	}

	@Test
	void declaresTheEventTopicCompactedAndAltersOneThatIsNot() throws Exception {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			assertThat(cleanupPolicy(admin, topic)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
			// a topic created before the policy was declared
			admin
				.incrementalAlterConfigs(
						Map.of(topic,
								List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG,
										TopicConfig.CLEANUP_POLICY_DELETE), AlterConfigOp.OpType.SET))))
				.all()
				.get(30, TimeUnit.SECONDS);
			// a broker serves configs from its metadata, which follows the controller
			// asynchronously
			await().atMost(Duration.ofSeconds(30))
				.until(() -> cleanupPolicy(admin, topic).equals(TopicConfig.CLEANUP_POLICY_DELETE));

			// what every start-up does
			this.kafkaAdmin.initialize();

			await().atMost(Duration.ofSeconds(30))
				.until(() -> cleanupPolicy(admin, topic).equals(TopicConfig.CLEANUP_POLICY_COMPACT));
		}
	}

	private String create() {
		JsonNode body = http()
			.post("/api/invoices", "{\"customerId\":\"" + UUID.randomUUID() + "\",\"amountMinor\":1200}")
			.expect(201)
			.json();
		return body.get("id").asString();
	}

	private void update(String id) {
		JsonNode current = http().get("/api/invoices/" + id).expect(200).json();
		http().put("/api/invoices/" + id,
				"{\"customerId\":\"" + current.get("customerId").asString() + "\",\"amountMinor\":"
						+ (current.get("amountMinor").asLong() + 1) + ",\"currency\":\"USD\",\"status\":\"PENDING\","
						+ "\"issueDate\":\"" + current.get("issueDate").asString() + "\"}")
			.expect(200);
	}

	/** The whole digest, read with pages of {@code size}. */
	private List<JsonNode> pages(int size) {
		List<JsonNode> entries = new ArrayList<>();
		String after = null;
		do {
			JsonNode page = operations()
				.get("/api/ops/reconciliation/digest?size=" + size + ((after != null) ? "&after=" + after : ""))
				.expect(200)
				.json();
			page.get("invoices").forEach(entries::add);
			assertThat(page.get("invoices").size()).isLessThanOrEqualTo(size);
			after = page.get("next").isNull() ? null : page.get("next").asString();
		}
		while (after != null);
		return entries;
	}

	private static String entry(Map<String, JsonNode> byId, String id) {
		JsonNode entry = byId.get(id);
		return "v" + entry.get("version").asLong() + (entry.get("deleted").asBoolean() ? " deleted" : "");
	}

	private static ConsumerRecord<String, Object> last(List<ConsumerRecord<String, Object>> records, String key) {
		List<ConsumerRecord<String, Object>> ofKey = records.stream().filter((r) -> r.key().equals(key)).toList();
		return ofKey.get(ofKey.size() - 1);
	}

	private static Collection<String> eventIds(List<ConsumerRecord<String, Object>> records, String key) {
		return records.stream().filter((r) -> r.key().equals(key)).map((r) -> header(r, "eventId")).toList();
	}

	private static String cleanupPolicy(Admin admin, ConfigResource topic) throws Exception {
		return admin.describeConfigs(List.of(topic))
			.all()
			.get(30, TimeUnit.SECONDS)
			.get(topic)
			.get(TopicConfig.CLEANUP_POLICY_CONFIG)
			.value();
	}

}
