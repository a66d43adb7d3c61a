package dev.regent.insurer.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.Reconciliations;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuild rate and reconciliation time, at the sizes given by {@code -Dbenchmark.aggregates=100000,1000000}.
 * Not a test of speed (nothing fails for being slow): it prints figures. Run with the {@code benchmarks} profile.
 *
 * <p>Data: N policies owned by eu, appended straight into eu's event store (one event each, as the owner would
 * store them) and shipped to us by the normal egress and MirrorMaker 2. Then: the policies view rebuilt in eu (from
 * the event store) and in us (from the mirrored topic), and reconciliation of us's replicas with eu (clean, then with
 * 0.1 % of the replica rows altered). With {@code -Dbenchmark.reconcile-scale=1000000}, reconciliation again over that
 * many more aggregates, written straight into both regions' read models.
 */
class RebuildAndReconciliationBenchmark {

    private final RegentClient api = ThreeRegions.client();
    private final StringBuilder results = new StringBuilder();
    private static final int BATCH = 50; // regent.events.batch-size's default
    private static final RawViewWrites RAW = new RawViewWrites(BATCH);

    @Test
    void rebuildRateAndReconciliationTime() throws Exception {
        String sizes = System.getProperty("benchmark.aggregates", "100000");
        long appended = 0;
        for (long size : Arrays.stream(sizes.split(",")).mapToLong(Long::parseLong).sorted().toArray()) {
            long added = appendPolicies(size - appended);
            appended += added;
            StackCpu before = StackCpu.now();
            double rate = awaitReplicated(US, appended, added);
            StackCpu replication = StackCpu.now().minus(before);
            results.append(String.format("  cost per replicated event, whole stack (3 JVM services, brokers, "
                    + "MirrorMaker 2, 3 PostgreSQL): %.3f ms CPU%n", replication.millisPer(added)))
                    .append(replication.describe(added, "replicated event").indent(2));
            double raw = RAW.batchedInsertOfTheViewRows(US);
            results.append(String.format("    baseline, raw JDBC batched insert of the same %,d view rows in us "
                    + "(batches of %d, a commit each): %,.0f rows/s; replication = %.2f× it%n", appended, BATCH, raw,
                    rate / raw));
            double scan = RAW.scanAndBatchedUpsert(EU, EU);
            results.append(String.format("    baseline, raw JDBC scan of eu's store + batched upsert of the rows: "
                    + "%,.0f events/s%n", scan));
            measureRebuild(EU, "event store", appended, scan);
            measureRebuild(US, "mirrored topic", appended, scan);
            measureReconciliation(appended);
        }
        String scale = System.getProperty("benchmark.reconcile-scale", "");
        if (!scale.isBlank()) {
            measureReconciliationAtScale(Long.parseLong(scale));
        }
        System.out.println("\n=== Regent: rebuild and reconciliation (" + Runtime.getRuntime().availableProcessors()
                + " cores) ===\n" + results);
        assertThat(results).isNotEmpty();
    }

    /** Appends {@code count} PolicyIssuedEvents owned by eu, as its fenced store would (ownership rows first). */
    private long appendPolicies(long count) {
        JdbcTemplate eu = ThreeRegions.database(EU);
        Long offset = eu.queryForObject("select count(*) from regent_ownership where aggregate_id like 'bench-%'",
                Long.class);
        long start = System.nanoTime();
        eu.update("""
                insert into regent_ownership (aggregate_id, aggregate_type, owner_region, epoch, rule, assigned_at)
                select 'bench-' || i, 'Policy', 'eu', 1, 'NATIVE', now() from generate_series(?::bigint, ?::bigint) i
                """, offset, offset + count - 1);
        eu.update("""
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                       payload_type, payload_revision, payload, meta_data, time_stamp)
                select gen_random_uuid()::text, 'bench-' || i, 0, 'Policy',
                       'dev.regent.insurer.policy.PolicyIssuedEvent', '1',
                       convert_to(format('{"policyId":{"value":"bench-%s"},"customerId":{"value":"bench-customer"},'
                                         || '"product":"HOME-CONTENTS","coverageLimit":%s}', i, 1000 + i % 9000),
                                  'UTF8'),
                       convert_to('{"regent-origin-region":"eu","regent-owner-epoch":"1"}', 'UTF8'),
                       to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                  from generate_series(?::bigint, ?::bigint) i
                """, offset, offset + count - 1);
        results.append(String.format("appended %,d policy events in eu's store: %.1f s%n", count, seconds(start)));
        return count;
    }

    /** Events per second, from now until {@code region}'s policies view holds every bench policy. */
    private double awaitReplicated(String region, long benchPolicies, long added) {
        long start = System.nanoTime();
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(200)).until(() ->
                benchRows(region) >= benchPolicies);
        double rate = added / seconds(start);
        results.append(String.format("  egress + MirrorMaker 2 + ingress to %s: %,d policies in %.1f s (%,.0f/s)%n",
                region, added, seconds(start), rate));
        return rate;
    }

    private void measureRebuild(String region, String source, long benchPolicies, double baseline) {
        long start = System.nanoTime();
        assertThat(api.post(region, "/projections/policies/rebuild", Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(100)).until(() ->
                !api.get(region, "/projections/policies").body().get("rebuilding").asBoolean()
                        || benchRows(region) >= benchPolicies);
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(100)).until(() ->
                benchRows(region) >= benchPolicies);
        long events = api.get(region, "/projections/policies").body().get("position").asLong();
        double took = seconds(start);
        results.append(String.format("  rebuild of policies in %s from the %s: %,d events in %.1f s = %,.0f events/s "
                + "(%.2f× the raw scan + upsert)%n", region, source, events, took, events / took,
                events / took / baseline));
    }

    private void measureReconciliation(long benchPolicies) {
        results.append(String.format("  reconciliation of us with eu, %,d policies: clean %.1f s", benchPolicies,
                timeRun(US, false)));
        JdbcTemplate us = ThreeRegions.database(US);
        long altered = Math.max(1, benchPolicies / 1000);
        us.update("update regent_view set state = jsonb_set(state, '{product}', '\"ALTERED\"') "
                + "where view_name = 'policies' and aggregate_id in (select aggregate_id from regent_view "
                + "where view_name = 'policies' and aggregate_id like 'bench-%' order by aggregate_id limit ?)", altered);
        long start = System.nanoTime();
        JsonNode report = Reconciliations.run(api, US, true, Duration.ofHours(1));
        results.append(String.format(", %,d diverged found and repaired %.1f s (%s differing buckets)%n",
                report.at("/driftCounts/DIVERGED").asLong(), seconds(start), report.get("bucketsDiffering")));
    }

    /**
     * Reconciliation over {@code size} aggregates without replicating them first (at 1M that would take this machine
     * an hour): their events are written into eu's store (eu's processors stopped first, so that nothing replays or
     * ships them) and their rows as eu and us would hold them, then compared clean and with 0.1 % of us's rows
     * altered (found, not repaired: repairing would ship their events). The owner's store is what eu's digests are
     * computed from, so the rows must have events there, and be what eu's projection makes of them.
     */
    private void measureReconciliationAtScale(long size) {
        JdbcTemplate eu = ThreeRegions.database(EU);
        String template = eu.queryForObject("select state::text from regent_view where view_name = 'policies' "
                + "and aggregate_id like 'bench-%' limit 1", String.class);
        ThreeRegions.region(EU).bean(EventProcessingConfiguration.class).eventProcessors().values()
                .forEach(EventProcessor::shutDown);
        long start = System.nanoTime();
        eu.update("""
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                       payload_type, payload_revision, payload, meta_data, time_stamp)
                select 'scale-event-' || i, 'scale-' || i, 0, 'Policy',
                       'dev.regent.insurer.policy.PolicyIssuedEvent', '1',
                       convert_to(format('{"policyId":{"value":"scale-%s"},"customerId":{"value":"bench-customer"},'
                                         || '"product":"HOME-CONTENTS","coverageLimit":%s}', i, 1000 + i % 9000),
                                  'UTF8'),
                       convert_to('{"regent-origin-region":"eu","regent-owner-epoch":"1"}', 'UTF8'),
                       to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                  from generate_series(1, ?::bigint) i
                """, size);
        for (String region : new String[]{EU, US}) {
            JdbcTemplate database = ThreeRegions.database(region);
            database.update("""
                    insert into regent_ownership (aggregate_id, aggregate_type, owner_region, epoch, rule, assigned_at)
                    select 'scale-' || i, 'Policy', 'eu', 1, 'NATIVE', now() from generate_series(1, ?::bigint) i
                    on conflict do nothing
                    """, size);
            database.update("""
                    insert into regent_view (view_name, aggregate_id, aggregate_type, owner_region, owner_epoch,
                           last_sequence, state, last_event_id, last_event_at)
                    select 'policies', 'scale-' || i, 'Policy', 'eu', 1, 0,
                           jsonb_set(jsonb_set(?::jsonb, '{policyId}', to_jsonb('scale-' || i)), '{coverageLimit}',
                                     to_jsonb(1000 + i % 9000)), 'scale-event-' || i, now()
                      from generate_series(1, ?::bigint) i
                    on conflict do nothing
                    """, template, size);
        }
        results.append(String.format("written %,d more policy rows in eu and us: %.1f s%n", size, seconds(start)));
        long total = benchRows(EU) + size;
        // The first run after a bulk insert also pays PostgreSQL's first reads of the new rows (hint bits): twice.
        results.append(String.format("  reconciliation of us with eu, %,d policies: clean %.1f s, again %.1f s", total,
                timeRun(US, false), timeRun(US, false)));
        long altered = size / 1000;
        ThreeRegions.database(US).update("update regent_view set state = jsonb_set(state, '{product}', "
                + "'\"ALTERED\"') where view_name = 'policies' and aggregate_id in (select 'scale-' || i "
                + "from generate_series(1, ?::bigint) i)", altered);
        start = System.nanoTime();
        JsonNode report = Reconciliations.run(api, US, false, Duration.ofHours(1));
        results.append(String.format(", %,d diverged found %.1f s (%s differing buckets)%n",
                report.at("/driftCounts/DIVERGED").asLong(), seconds(start), report.get("bucketsDiffering")));
        start = System.nanoTime();
        JsonNode owners = Reconciliations.run(api, EU, false, Duration.ofHours(1));
        results.append(String.format("  reconciliation run in eu (the owner of the %,d): %.1f s, drift %s%n", total,
                seconds(start), owners.get("driftCounts")));
    }

    private double timeRun(String region, boolean repair) {
        long start = System.nanoTime();
        JsonNode report = Reconciliations.run(api, region, repair, Duration.ofHours(1));
        assertThat(report.get("status").asText()).startsWith("COMPLETED");
        return seconds(start);
    }

    private static long benchRows(String region) {
        Long rows = ThreeRegions.database(region).queryForObject("select count(*) from regent_view "
                + "where view_name = 'policies' and aggregate_id like 'bench-%'", Long.class);
        return rows == null ? 0 : rows;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

}
