package dev.regent.infrastructure.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Creates Regent's topics in this region's cluster before anything publishes or consumes: this region's own topics,
 * and the targets of the other regions' mirrors (with the same partition count, which MirrorMaker 2 preserves), so
 * that consumers never race the first mirrored record. Every one is a {@link CompleteLog}: created so, and checked
 * at every start if it existed already (an older Regent, MirrorMaker 2 or an operator may have created it).
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final int TIMEOUT_SECONDS = 30;
    private static final int UNKNOWN_TOPIC_ATTEMPTS = 20;
    private static final long UNKNOWN_TOPIC_BACKOFF_MILLIS = 250;

    private TopicProvisioner() {
    }

    public static void ensureTopics(String bootstrapServers, Collection<String> topics, int partitions,
                                    short replicationFactor, OnFiniteRetention onFiniteRetention) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> preexisting = new ArrayList<>(topics.stream().filter(existing::contains).toList());
            preexisting.addAll(createMissing(admin, topics.stream().filter(topic -> !existing.contains(topic))
                    .toList(), partitions, replicationFactor, bootstrapServers));
            keepEverything(admin, preexisting, onFiniteRetention);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot provision Kafka topics " + topics + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning Kafka topics", e);
        }
    }

    /** Creates {@code missing} as complete logs; answers those someone else created in between. */
    private static List<String> createMissing(Admin admin, List<String> missing, int partitions,
                                              short replicationFactor, String bootstrapServers)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, KafkaFuture<Void>> creations = admin.createTopics(missing.stream()
                .map(topic -> new NewTopic(topic, partitions, replicationFactor).configs(CompleteLog.TOPIC_CONFIG))
                .toList()).values();
        List<String> created = new ArrayList<>();
        List<String> createdElsewhere = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> creation : creations.entrySet()) {
            try {
                creation.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                created.add(creation.getKey());
            } catch (ExecutionException e) {
                // Another region's service or MirrorMaker 2 created it in between: checked like any existing topic.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                createdElsewhere.add(creation.getKey());
            }
        }
        if (!created.isEmpty()) {
            log.info("Created topics {} on {}, keeping every event ({})", created, bootstrapServers,
                    CompleteLog.TOPIC_CONFIG);
        }
        return createdElsewhere;
    }

    /**
     * A topic created a moment ago (by another service, MirrorMaker 2 or an operator) may not be known yet to the
     * broker that answers: asked again a few times before giving up.
     */
    private static Map<ConfigResource, Config> configsOf(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                return admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == UNKNOWN_TOPIC_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(UNKNOWN_TOPIC_BACKOFF_MILLIS);
            }
        }
    }

    private static void keepEverything(Admin admin, Collection<String> topics, OnFiniteRetention onFiniteRetention)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        Map<ConfigResource, Config> configs = configsOf(admin, topics);
        List<RetentionDrift> drifts = new ArrayList<>();
        configs.forEach((topic, config) -> drifts.addAll(CompleteLog.driftsOf(topic.name(), config.entries().stream()
                .filter(entry -> entry.value() != null)
                .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value)))));
        if (drifts.isEmpty()) {
            return;
        }
        if (onFiniteRetention == OnFiniteRetention.REFUSE) {
            throw new FiniteRetentionException(drifts);
        }
        Map<ConfigResource, Collection<AlterConfigOp>> fixes = new LinkedHashMap<>();
        for (RetentionDrift drift : drifts) {
            fixes.computeIfAbsent(new ConfigResource(ConfigResource.Type.TOPIC, drift.topic()), topic -> new ArrayList<>())
                    .add(new AlterConfigOp(new ConfigEntry(drift.name(), drift.required()), AlterConfigOp.OpType.SET));
        }
        admin.incrementalAlterConfigs(fixes).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        drifts.forEach(drift -> log.warn("Kafka topic {} would drop events: {} was {}, is now {} "
                        + "(regent.kafka.fix-retention=true; records it deleted before are not restored)",
                drift.topic(), drift.name(), drift.actual(), drift.required()));
    }
}
