package dev.regent.insurer.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a region's Kafka cluster keeps of a topic (where its log starts, how many records and bytes it holds) and the
 * cluster's default log settings, as an operator would look at them with Kafka's admin tools.
 */
public final class BrokerLogs {

    /** The cluster-wide dynamic default ({@code kafka-configs.sh --entity-type brokers --entity-default}). */
    private static final ConfigResource CLUSTER_DEFAULT = new ConfigResource(ConfigResource.Type.BROKER, "");

    private BrokerLogs() {
    }

    /** A topic's records and bytes on disk, summed over its partitions. */
    public record Size(long records, long bytes) {

        public Size minus(Size earlier) {
            return new Size(records - earlier.records, bytes - earlier.bytes);
        }
    }

    /**
     * Sets {@code settings} as the default of every topic without its own value, in each of {@code regions}'
     * clusters, until the answer is closed (then the static defaults apply again).
     */
    public static AutoCloseable clusterDefaults(Collection<String> regions, Map<String, String> settings) {
        regions.forEach(region -> alterClusterDefaults(region, settings, AlterConfigOp.OpType.SET));
        return () -> regions.forEach(region -> alterClusterDefaults(region, settings, AlterConfigOp.OpType.DELETE));
    }

    /** A topic made with none of Regent's settings: it takes whatever the cluster's defaults are. */
    public static void createPlainTopic(String region, String topic) {
        withAdmin(region, admin -> admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all());
    }

    /** The first offset still on disk, per partition summed: 0 while the broker has deleted nothing. */
    public static long logStartOffset(String region, String topic) {
        return offsets(region, topic, OffsetSpec.earliest());
    }

    public static Size size(String region, String topic) {
        long records = offsets(region, topic, OffsetSpec.latest()) - logStartOffset(region, topic);
        long bytes = withAdmin(region, admin -> admin.describeLogDirs(nodeIds(admin)).allDescriptions()
                .thenApply(byNode -> byNode.values().stream().flatMap(dirs -> dirs.values().stream())
                        .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                        .filter(replica -> replica.getKey().topic().equals(topic))
                        .mapToLong(replica -> replica.getValue().size()).sum()));
        return new Size(records, bytes);
    }

    private static long offsets(String region, String topic, OffsetSpec spec) {
        return withAdmin(region, admin -> {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(
                            Function.identity(), partition -> spec))).all()
                    .thenApply(answers -> answers.values().stream().mapToLong(answer -> answer.offset()).sum());
        });
    }

    private static List<Integer> nodeIds(Admin admin) throws Exception {
        return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(node -> node.id()).toList();
    }

    private static void alterClusterDefaults(String region, Map<String, String> settings, AlterConfigOp.OpType op) {
        withAdmin(region, admin -> admin.incrementalAlterConfigs(Map.of(CLUSTER_DEFAULT, settings.entrySet().stream()
                .map(setting -> new AlterConfigOp(new ConfigEntry(setting.getKey(), setting.getValue()), op))
                .toList())).all());
    }

    /** Runs one admin call against {@code region}'s cluster and waits for its answer. */
    private static <T> T withAdmin(String region, AdminCall<T> call) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ThreeRegions.region(region).broker().bootstrapServers()))) {
            return call.on(admin).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Admin call to " + region + "'s cluster failed", e);
        }
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        KafkaFuture<T> on(Admin admin) throws Exception;
    }
}
