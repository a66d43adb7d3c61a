package dev.regent.application.reconciliation;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.projections.reconciliation.BucketDigest;
import dev.regent.projections.reconciliation.Digest;
import dev.regent.projections.reconciliation.Digests;
import dev.regent.projections.reconciliation.Drift;
import dev.regent.projections.reconciliation.DriftClass;
import dev.regent.projections.reconciliation.DriftComparison;
import dev.regent.projections.reconciliation.Incident;
import dev.regent.projections.reconciliation.ReconciliationReport;
import dev.regent.projections.reconciliation.ReconciliationStore;
import dev.regent.projections.reconciliation.RunStatus;
import dev.regent.projections.replication.ViewDefinition;
import dev.regent.projections.replication.ViewStores;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Runs reconciliation in this region, one run at a time, in the background: first this region's own views against
 * its event store (the owner is checked, and repaired from its store, before anything is compared with it), then, for
 * every read model and every other region, this region's replicas of that region's aggregates against its digests;
 * classify the drift, repair it if asked, raise incidents, and keep the report.
 */
@Service
public class ReconciliationService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);

    private final ViewStores views;
    private final Digests digests;
    private final OwnerDigests owners;
    private final OwnViewReconciliation ownViews;
    private final ReconciliationStore store;
    private final ReconciliationSettings settings;
    private final RegentProperties properties;
    private final Region localRegion;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "regent-reconciliation");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<ReconciliationReport> running = new AtomicReference<>();
    private final Map<String, Long> driftGauges = new ConcurrentHashMap<>();

    ReconciliationService(ViewStores views, Digests digests, OwnerDigests owners, OwnViewReconciliation ownViews,
                          ReconciliationStore store, ReconciliationSettings settings, RegentProperties properties,
                          Region localRegion, Clock clock, MeterRegistry meters) {
        this.views = views;
        this.digests = digests;
        this.owners = owners;
        this.ownViews = ownViews;
        this.store = store;
        this.settings = settings;
        this.properties = properties;
        this.localRegion = localRegion;
        this.clock = clock;
        this.meters = meters;
    }

    /** Starts a run in the background; while one runs, answers that one. */
    public synchronized ReconciliationReport start(String trigger, boolean repair) {
        ReconciliationReport current = running.get();
        if (current != null) {
            return current;
        }
        ReconciliationReport started = new ReconciliationReport(UUID.randomUUID().toString(), RunStatus.RUNNING,
                trigger, repair, clock.instant(), null, 0, 0, Map.of(), List.of(), 0, List.of(), List.of());
        store.save(started, aggregateTypes());
        running.set(started);
        runner.submit(() -> finish(started));
        return started;
    }

    public Optional<ReconciliationReport> find(String runId) {
        return store.find(runId);
    }

    public List<ReconciliationReport> latest(int limit) {
        return store.latest(limit);
    }

    public List<Incident> openIncidents() {
        return store.openIncidents();
    }

    private void finish(ReconciliationReport started) {
        ReconciliationReport report;
        try {
            report = run(started);
        } catch (RuntimeException e) {
            log.error("Reconciliation run {} failed", started.runId(), e);
            report = new ReconciliationReport(started.runId(), RunStatus.FAILED, started.trigger(), started.repair(),
                    started.startedAt(), clock.instant(), 0, 0, Map.of(), List.of(), 0, List.of(),
                    List.of(String.valueOf(e)));
        }
        try {
            store.save(report, aggregateTypes());
        } finally {
            running.set(null);
        }
    }

    private ReconciliationReport run(ReconciliationReport started) {
        int buckets = settings.buckets();
        long compared = 0;
        long differing = 0;
        long resynced = 0;
        List<Drift> drifts = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<Integer> contentWindow = ownViews.nextContentWindow();
        for (ViewDefinition<?> view : views.definitions()) {
            try {
                List<Drift> own = ownViews.check(view.name(), contentWindow);
                drifts.addAll(own);
                if (started.repair() && !own.isEmpty()) {
                    errors.addAll(ownViews.repair(view.name(), own));
                }
            } catch (RuntimeException e) {
                log.warn("Checking this region's own {} view against its event store failed: {}", view.name(),
                        e.toString());
                errors.add(view.name() + " against this region's event store: " + e.getMessage());
            }
        }
        for (ViewDefinition<?> view : views.definitions()) {
            for (Region owner : properties.allRegions()) {
                if (owner.equals(localRegion)) {
                    continue;
                }
                try {
                    List<BucketDigest> theirs = owners.buckets(owner, view.name(), buckets);
                    List<BucketDigest> ours = digests.replicaBuckets(view.name(), owner, buckets);
                    List<Integer> different = DriftComparison.differingBuckets(theirs, ours);
                    compared += buckets;
                    differing += different.size();
                    if (different.isEmpty()) {
                        continue;
                    }
                    List<Digest> expected = owners.entries(owner, view.name(), buckets, different);
                    List<Digest> held = digests.replicaEntries(view.name(), owner, buckets, new HashSet<>(different));
                    List<Drift> found = DriftComparison.compare(view.name(), owner.name(), expected, held);
                    drifts.addAll(found);
                    // An owner's own unreadable row cannot be repaired from here: its events would only park again.
                    Set<String> unreadableAtOwner = expected.stream().filter(Digest::unreadable)
                            .map(Digest::aggregateId).collect(Collectors.toSet());
                    List<Drift> repairable = found.stream()
                            .filter(drift -> !unreadableAtOwner.contains(drift.aggregateId())).toList();
                    if (started.repair() && !repairable.isEmpty()) {
                        resynced += repair(view, owner, repairable);
                    }
                } catch (RuntimeException e) {
                    log.warn("Reconciliation of {} with {} failed: {}", view.name(), owner, e.toString());
                    errors.add(view.name() + " with " + owner + ": " + e.getMessage());
                }
            }
        }
        Map<DriftClass, Long> counts = new EnumMap<>(DriftClass.class);
        drifts.forEach(drift -> counts.merge(drift.driftClass(), 1L, Long::sum));
        List<Incident> incidents = incidents(drifts);
        record(counts, incidents);
        log.info("Reconciliation run {}: {} buckets compared, {} differing, drift {}{}", started.runId(), compared,
                differing, counts, started.repair() ? ", " + resynced + " events published again" : "");
        return new ReconciliationReport(started.runId(), errors.isEmpty() ? RunStatus.COMPLETED
                : RunStatus.COMPLETED_WITH_ERRORS, started.trigger(), started.repair(), started.startedAt(),
                clock.instant(), compared, differing, counts, drifts, resynced, incidents, errors);
    }

    /** Forget the drifted rows, and have the owner publish those aggregates again (orphans only go). */
    private long repair(ViewDefinition<?> view, Region owner, List<Drift> drifts) {
        List<String> all = drifts.stream().map(Drift::aggregateId).toList();
        views.rows(view.name()).orElseThrow().forget(all);
        List<String> fromOwner = drifts.stream().filter(drift -> drift.driftClass() != DriftClass.ORPHANED)
                .map(Drift::aggregateId).toList();
        long events = fromOwner.isEmpty() ? 0 : owners.resync(owner, fromOwner);
        log.info("Repairing {} {} replicas of {}: forgotten, {} events published again by the owner", all.size(),
                view.name(), owner, events);
        return events;
    }

    private List<Incident> incidents(List<Drift> drifts) {
        Map<String, String> typeByView = aggregateTypes();
        Map<String, Long> driftedByType = drifts.stream().collect(Collectors.groupingBy(
                drift -> typeByView.get(drift.view()), LinkedHashMap::new, Collectors.counting()));
        List<Incident> incidents = new ArrayList<>();
        driftedByType.forEach((type, drifted) -> {
            long threshold = settings.thresholdFor(type);
            if (drifted > threshold) {
                incidents.add(new Incident(type, drifted, threshold));
                log.warn("Reconciliation incident: {} {} replicas drifted (threshold {}); workflows depending on "
                        + "them wait until a run finds them reconciled", drifted, type, threshold);
            }
        });
        return incidents;
    }

    private void record(Map<DriftClass, Long> counts, List<Incident> incidents) {
        meters.counter("regent.reconciliation.runs").increment();
        for (DriftClass driftClass : DriftClass.values()) {
            driftGauges.put(driftClass.name(), counts.getOrDefault(driftClass, 0L));
            meters.gauge("regent.reconciliation.drift", List.of(Tag.of("class",
                    driftClass.name())), driftGauges, gauges -> gauges.getOrDefault(driftClass.name(), 0L));
        }
        aggregateTypes().values().stream().distinct().forEach(type -> {
            driftGauges.put("incident:" + type, incidents.stream().anyMatch(incident ->
                    incident.aggregateType().equals(type)) ? 1L : 0L);
            meters.gauge("regent.reconciliation.incidents", List.of(Tag.of(
                    "aggregateType", type)), driftGauges, gauges -> gauges.getOrDefault("incident:" + type, 0L));
        });
    }

    private Map<String, String> aggregateTypes() {
        return views.definitions().stream().collect(Collectors.toMap(ViewDefinition::name,
                ViewDefinition::aggregateType));
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
