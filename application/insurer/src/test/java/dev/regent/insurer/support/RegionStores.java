package dev.regent.insurer.support;

import dev.regent.insurer.support.RegentClient.Answer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every region holds, counted: aggregates in its event store, ownership registry entries, read-model rows, held
 * and parked events, routed and kept requests. Equal counts before and after a test mean it left nothing behind.
 */
public record RegionStores(Map<String, Map<String, Long>> counts) {

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("aggregates", "select count(distinct aggregate_identifier) from domain_event_entry");
        QUERIES.put("events", "select count(*) from domain_event_entry");
        QUERIES.put("registry", "select count(*) from regent_ownership");
        QUERIES.put("views", "select count(*) from regent_view");
        QUERIES.put("held", "select count(*) from regent_held_event");
        QUERIES.put("parked", "select count(*) from regent_dead_letter");
        QUERIES.put("requests", "select count(*) from regent_request");
        QUERIES.put("kept", "select count(*) from regent_deferred_command");
    }

    public static RegionStores count() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (String region : List.of(EU, US, APAC)) {
            Map<String, Long> regionCounts = new LinkedHashMap<>();
            QUERIES.forEach((what, sql) ->
                    regionCounts.put(what, ThreeRegions.database(region).queryForObject(sql, Long.class)));
            counts.put(region, regionCounts);
        }
        return new RegionStores(counts);
    }

    /** The counts once nothing moves any more (earlier work replicated): two counts two seconds apart agree. */
    public static RegionStores settled() {
        AtomicReference<RegionStores> last = new AtomicReference<>(count());
        await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ofSeconds(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    RegionStores now = count();
                    return now.equals(last.getAndSet(now));
                });
        return last.get();
    }

    /**
     * Every region's event processors (read models, sagas, egress, registry) are running, none in error; the read
     * models say so at {@code GET /projections} too.
     */
    public static void assertHealthy(RegentClient api) {
        for (String region : List.of(EU, US, APAC)) {
            List<String> inError = new ArrayList<>();
            ThreeRegions.region(region).bean(EventProcessingConfiguration.class).eventProcessors()
                    .forEach((name, processor) -> {
                        if (processor instanceof StreamingEventProcessor streaming) {
                            streaming.processingStatus().forEach((segment, status) -> {
                                if (status.isErrorState()) {
                                    inError.add(name + "[" + segment + "]: " + status.getError());
                                }
                            });
                        }
                    });
            assertThat(inError).as("event processors in error in " + region).isEmpty();
            Answer projections = api.get(region, "/projections");
            assertThat(projections.status()).isEqualTo(200);
            List<String> failing = new ArrayList<>();
            projections.body().forEach(view -> {
                if (view.hasNonNull("error")) {
                    failing.add(view.get("view").asText() + ": " + view.get("error").asText());
                }
            });
            assertThat(failing).as("read models in error in " + region).isEmpty();
        }
    }

    /** The ids among {@code aggregateIds} that some region's read models parked. */
    public static List<String> parked(RegentClient api, Collection<String> aggregateIds) {
        List<String> parked = new ArrayList<>();
        for (String region : List.of(EU, US, APAC)) {
            api.get(region, "/dead-letters").body().forEach(letter -> {
                String id = letter.path("aggregateId").asText();
                if (aggregateIds.contains(id)) {
                    parked.add(region + ":" + id + " (" + letter.path("reason").asText() + ")");
                }
            });
        }
        return parked;
    }
}
