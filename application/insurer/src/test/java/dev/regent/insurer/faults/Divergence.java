package dev.regent.insurer.faults;

import dev.regent.insurer.support.MirroredTopics;
import dev.regent.insurer.support.ThreeRegions;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a replica has not converged, printed after a scenario for each aggregate left behind: the owner's stream, each
 * region's row, held events and parked letters, and which of the aggregate's sequences each topic on the way carries.
 */
final class Divergence {

    private static final List<String> REGIONS = List.of("eu", "us", "apac");

    private Divergence() {
    }

    static String explain(String aggregateId, String owner) {
        StringBuilder out = new StringBuilder("--- not converged: " + aggregateId + " (owner " + owner + ")\n");
        ThreeRegions.database(owner).query("""
                select sequence_number, global_index, payload_type, time_stamp,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'regent-owner-epoch'
                  from domain_event_entry where aggregate_identifier = ? order by sequence_number
                """, rs -> {
            out.append(String.format("  %s store: seq %d index %d %s at %s epoch %s%n", owner, rs.getLong(1),
                    rs.getLong(2), simple(rs.getString(3)), rs.getString(4), rs.getString(5)));
        }, aggregateId);
        for (String region : REGIONS) {
            var db = ThreeRegions.database(region);
            db.query("select view_name, last_sequence, owner_region, owner_epoch, updated_at from regent_view "
                    + "where aggregate_id = ?", rs -> {
                out.append(String.format("  %s view %s: last_sequence %d owner %s/%d updated %s%n", region,
                        rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
            }, aggregateId);
            db.query("select view_name, sequence_number, expected_sequence, payload_type, held_at from "
                    + "regent_held_event where aggregate_id = ? order by sequence_number", rs -> {
                out.append(String.format("  %s held %s: seq %d (expected %d) %s since %s%n", region,
                        rs.getString(1), rs.getLong(2), rs.getLong(3), simple(rs.getString(4)), rs.getString(5)));
            }, aggregateId);
            db.query("select processing_group, sequence_number, payload_type, cause_type from regent_dead_letter "
                    + "where sequence_identifier = ? order by sequence_index", rs -> {
                out.append(String.format("  %s parked %s: seq %s %s %s%n", region, rs.getString(1),
                        rs.getString(2), simple(rs.getString(3)), rs.getString(4)));
            }, aggregateId);
            if (!region.equals(owner)) {
                out.append("  ").append(region).append(" ownership: ").append(db.queryForList(
                        "select owner_region, epoch from regent_ownership where aggregate_id = ?", aggregateId))
                        .append('\n');
                String topic = MirroredTopics.topic(owner, region);
                out.append(String.format("  %s on %s's cluster: %s; on %s's cluster: %s%n", topic, owner,
                        sequences(owner, topic, aggregateId), region, sequences(region, topic, aggregateId)));
            }
        }
        return out.toString();
    }

    /** Each region's processors' tokens, as stored: where each one is. */
    static String tokens() {
        StringBuilder out = new StringBuilder("--- tokens\n");
        for (String region : REGIONS) {
            ThreeRegions.database(region).query("select processor_name, segment, owner, time_stamp, "
                    + "convert_from(token, 'UTF8') from token_entry order by processor_name", rs -> {
                out.append(String.format("  %s %s/%d owner %s at %s: %s%n", region, rs.getString(1), rs.getInt(2),
                        rs.getString(3), rs.getString(4), rs.getString(5)));
            });
        }
        return out.toString();
    }

    /**
     * Records of different inbound topics of one region that share timestamp, partition and offset: what Axon's sorted
     * Kafka buffer merged into one (an event lost) before Regent's ingress kept fetch order. Counted as evidence that
     * the ingress is exposed, and to tell whether a missing event was one of them.
     */
    static Map<String, List<String>> twins() {
        Map<String, List<String>> byRegion = new TreeMap<>();
        for (String region : REGIONS) {
            Map<String, List<String>> byKey = new HashMap<>();
            for (String owner : REGIONS) {
                if (owner.equals(region)) {
                    continue;
                }
                String topic = MirroredTopics.topic(owner, region);
                Map<TopicPartition, Long> beginning = new HashMap<>();
                MirroredTopics.endOffsets(region, topic).keySet().forEach(partition -> beginning.put(partition, 0L));
                MirroredTopics.recordsSince(region, beginning).forEach(record -> byKey.computeIfAbsent(
                        record.timestamp() + "/" + record.partition() + "/" + record.offset(), key -> new ArrayList<>())
                        .add(owner + ":" + record.key() + " " + describe(record)));
            }
            byRegion.put(region, byKey.values().stream().filter(records -> records.size() > 1)
                    .map(records -> String.join(" = ", records)).toList());
        }
        return byRegion;
    }

    private static List<String> sequences(String region, String topic, String aggregateId) {
        try {
            return MirroredTopics.recordsKeyed(region, topic, aggregateId).stream().map(Divergence::describe)
                    .toList();
        } catch (RuntimeException e) {
            return List.of("unreadable: " + e);
        }
    }

    private static String describe(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = MirroredTopics.headers(record);
        Header sequence = record.headers().lastHeader("axon-message-aggregate-seq");
        return "#" + (sequence == null ? "-" : ByteBuffer.wrap(sequence.value()).getLong()) + "@" + record.offset()
                + " " + simple(headers.getOrDefault("axon-message-type", "?"));
    }

    private static String simple(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }
}
