package dev.regent.infrastructure.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.regent.infrastructure.embedded.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up check of Regent's topics against a real KRaft broker whose defaults drop records after 7 days. */
class TopicProvisionerIT {

    private static final Map<String, String> COMPLETE = Map.of(
            "retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete");

    @TempDir
    static Path tempDir;

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger provisionerLog = (Logger) LoggerFactory.getLogger(TopicProvisioner.class);

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start("provisioning", tempDir.resolve("kafka"));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void captureLog() {
        logged.start();
        provisionerLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        provisionerLog.detachAppender(logged);
    }

    @Test
    void givenNoTopics_whenProvisioned_thenEachIsCreatedKeepingEveryEvent() throws Exception {
        List<String> topics = List.of(topic("to.us"), topic("local"));

        provision(topics, OnFiniteRetention.REFUSE); // nothing to fix: refusing would throw

        for (String topic : topics) {
            assertThat(settingsOf(topic)).as(topic).containsAllEntriesOf(COMPLETE);
        }
    }

    @Test
    void givenTopicsThatWouldDropEvents_whenProvisionedWithFix_thenTheyKeepEverything_andEachChangeIsLogged()
            throws Exception {
        String brokerDefault = topic("default");
        String compacted = topic("compacted");
        createPlain(brokerDefault, Map.of());
        createPlain(compacted, Map.of("cleanup.policy", "compact", "retention.bytes", "1048576"));

        provision(List.of(brokerDefault, compacted), OnFiniteRetention.FIX);

        assertThat(settingsOf(brokerDefault)).containsAllEntriesOf(COMPLETE);
        assertThat(settingsOf(compacted)).containsAllEntriesOf(COMPLETE);
        assertThat(warnings()).containsExactlyInAnyOrder(
                "Kafka topic " + brokerDefault + " would drop events: retention.ms was 604800000, is now -1 "
                        + "(regent.kafka.fix-retention=true; records it deleted before are not restored)",
                "Kafka topic " + compacted + " would drop events: retention.bytes was 1048576, is now -1 "
                        + "(regent.kafka.fix-retention=true; records it deleted before are not restored)",
                "Kafka topic " + compacted + " would drop events: cleanup.policy was compact, is now delete "
                        + "(regent.kafka.fix-retention=true; records it deleted before are not restored)",
                "Kafka topic " + compacted + " would drop events: retention.ms was 604800000, is now -1 "
                        + "(regent.kafka.fix-retention=true; records it deleted before are not restored)");
    }

    @Test
    void givenATopicThatWouldDropEvents_whenProvisionedWithRefuse_thenTheStartFailsNamingIt_andTheTopicIsUntouched()
            throws Exception {
        String finite = topic("finite");
        String complete = topic("complete");
        createPlain(finite, Map.of("retention.ms", "86400000"));
        createPlain(complete, COMPLETE);

        assertThatThrownBy(() -> provision(List.of(finite, complete), OnFiniteRetention.REFUSE))
                .isInstanceOf(FiniteRetentionException.class)
                .hasMessageContaining(finite + " retention.ms=86400000 (needs -1)")
                .hasMessageNotContaining(complete)
                .hasMessageContaining("regent.kafka.fix-retention=true");

        assertThat(settingsOf(finite)).containsEntry("retention.ms", "86400000");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void givenTopicsThatKeepEverything_whenProvisionedAgain_thenNothingIsChangedOrLogged() throws Exception {
        List<String> topics = List.of(topic("again"));
        provision(topics, OnFiniteRetention.FIX);

        provision(topics, OnFiniteRetention.REFUSE);

        assertThat(settingsOf(topics.get(0))).containsAllEntriesOf(COMPLETE);
        assertThat(warnings()).isEmpty();
    }

    private static void provision(List<String> topics, OnFiniteRetention onFiniteRetention) {
        TopicProvisioner.ensureTopics(broker.bootstrapServers(), topics, 1, (short) 1, onFiniteRetention);
    }

    private static String topic(String name) {
        return "regent." + name + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A topic as someone other than Regent made it: an older version, an operator, MirrorMaker 2. */
    private static void createPlain(String topic, Map<String, String> settings)
            throws ExecutionException, InterruptedException {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(settings))).all().get();
    }

    private static Map<String, String> settingsOf(String topic) throws ExecutionException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).entries().stream()
                .filter(entry -> entry.value() != null)
                .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
    }

    private List<String> warnings() {
        return logged.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
