package dev.regent.projections.shadow;

import dev.regent.projections.rebuild.ProjectionRebuilds;
import dev.regent.projections.rebuild.TokenPositions;
import dev.regent.projections.replication.ViewDefinition;
import dev.regent.projections.replication.ViewStores;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Shadow rebuilds of read models (see the package docs): at most one per view, built in the background, compared,
 * swapped in or discarded. A shadow lives as long as this service does; its rows outlive a restart only until the next
 * shadow of the view or a discard clears them.
 */
public class ShadowRebuilds implements AutoCloseable {

    /** Rows of the shadow of view {@code v} are kept under the view name {@code v~shadow}. */
    public static final String SUFFIX = "~shadow";
    /** At most this many aggregate ids of each class in a difference. */
    public static final int SAMPLE = 20;

    private static final Logger log = LoggerFactory.getLogger(ShadowRebuilds.class);
    private static final Duration STOPPING = Duration.ofSeconds(30);

    /** A shadow and the thread building it. */
    private record Running(ShadowBuild build, Future<?> work) {
    }

    private final EventProcessingConfiguration processing;
    private final ViewStores views;
    private final ProjectionRebuilds rebuilds;
    private final Supplier<StreamableMessageSource<TrackedEventMessage<?>>> source;
    private final ShadowRows rows;
    private final TransactionTemplate transactions;
    private final TokenPositions positions;
    private final Clock clock;
    private final int batchSize;
    private final Map<String, Running> shadows = new ConcurrentHashMap<>();
    private final ExecutorService builders = Executors.newCachedThreadPool(daemon("regent-shadow-rebuild"));
    private final ScheduledExecutorService progressLog =
            Executors.newSingleThreadScheduledExecutor(daemon("regent-shadow-progress"));

    /**
     * @param source    what the view processors read, as Axon built it for them (the same wrapped sources)
     * @param batchSize events applied per transaction, as the live processors do
     */
    public ShadowRebuilds(EventProcessingConfiguration processing, ViewStores views, ProjectionRebuilds rebuilds,
                          Supplier<StreamableMessageSource<TrackedEventMessage<?>>> source, JdbcTemplate jdbc,
                          PlatformTransactionManager transactionManager, TokenPositions positions, Clock clock,
                          int batchSize, Duration logEvery) {
        this.processing = processing;
        this.views = views;
        this.rebuilds = rebuilds;
        this.source = source;
        this.rows = new ShadowRows(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
        this.positions = positions;
        this.clock = clock;
        this.batchSize = batchSize;
        progressLog.scheduleWithFixedDelay(this::logProgress, logEvery.toMillis(), logEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public static String shadowOf(String view) {
        return view + SUFFIX;
    }

    /**
     * Starts building a shadow of {@code view} up to where its processor stands now; with {@code asOf}, of the events
     * stamped at or before that instant only.
     *
     * @throws IllegalArgumentException when no read model has that name
     * @throws IllegalStateException    when the view has a shadow already, or is rebuilding in place
     */
    public synchronized ShadowStatus start(String view, Instant asOf) {
        ViewDefinition<?> definition = definition(view);
        Running existing = shadows.get(view);
        if (existing != null) {
            throw new IllegalStateException("The " + view + " view has a shadow already ("
                    + existing.build().state() + "): swap it in or discard it first");
        }
        requireNotRebuilding(view);
        Map<Integer, EventTrackerStatus> segments = processor(view).processingStatus();
        if (segments.isEmpty()) {
            throw new IllegalStateException("The " + view + " view's processor holds no segment now (stopped or "
                    + "starting): try again once it runs");
        }
        TrackingToken target = segments.values().stream().map(segment -> position(segment.getTrackingToken()))
                .filter(Objects::nonNull).reduce(TrackingToken::upperBound).orElse(null);
        String shadowView = shadowOf(view);
        rows.clear(shadowView); // what a shadow abandoned by a restart left
        ShadowBuild build = new ShadowBuild(view, shadowView, asOf, target, source.get(),
                views.projectionAside(definition, shadowView), transactions, positions, clock, batchSize);
        shadows.put(view, new Running(build, builders.submit(build)));
        log.info("Building a shadow of the {} view{}", view, asOf == null ? "" : " as of " + asOf);
        return build.status();
    }

    /**
     * The shadow of {@code view}, once built with what a swap would change.
     *
     * @throws IllegalArgumentException when no read model has that name
     */
    public Optional<ShadowStatus> status(String view) {
        definition(view);
        return Optional.ofNullable(shadows.get(view)).map(running -> withDifference(view, running.build()));
    }

    /**
     * Swaps the built shadow in, in one transaction, with the view's processor stopped: the shadow's rows replace the
     * live ones, and the processor goes on from where the shadow ended, so every event it applied since is applied
     * again to the new rows (the rows are version-aware: what they have already is skipped).
     *
     * @throws IllegalArgumentException when no read model has that name
     * @throws NoSuchElementException   when the view has no shadow
     * @throws IllegalStateException    when the shadow cannot be swapped in (see the message)
     */
    public synchronized ShadowStatus swap(String view) {
        ShadowBuild build = existing(view).build();
        if (build.asOf() != null) {
            throw new IllegalStateException("The shadow of " + view + " shows the view as of " + build.asOf()
                    + ": swapping it in would drop every event after that instant. Discard it, or build a shadow "
                    + "without asOf");
        }
        if (build.state() != ShadowState.BUILT) {
            ShadowStatus status = build.status();
            throw new IllegalStateException(build.state() == ShadowState.FAILED
                    ? "The shadow of " + view + " failed: discard it and build another"
                    : "The shadow of " + view + " is still building (" + Math.round(status.percent())
                    + "%): swap it in once it is built");
        }
        requireNotRebuilding(view);
        TrackingEventProcessor processor = processor(view);
        TokenStore tokens = processing.tokenStore(view);
        processor.shutDown();
        ShadowDifference difference;
        try {
            difference = transactions.execute(transaction -> {
                ShadowDifference replaced = rows.difference(view, build.shadowView(), SAMPLE);
                rows.swap(view, build.shadowView());
                // Stored while the processor is shut down (Axon lets the node claim a released segment to store it).
                for (int segment : tokens.fetchSegments(view)) {
                    tokens.storeToken(build.end(), view, segment);
                    tokens.releaseClaim(view, segment);
                }
                return replaced;
            });
        } finally {
            processor.start();
        }
        ShadowStatus swapped = build.status().withDifference(ShadowState.SWAPPED, difference);
        shadows.remove(view);
        log.info("Swapped the shadow of {} in: {} rows added, {} changed, {} removed", view,
                swapped.difference().added(), swapped.difference().changed(), swapped.difference().removed());
        return swapped;
    }

    /**
     * Stops and forgets the shadow of {@code view}, its rows included; nothing to do when there is none.
     *
     * @throws IllegalArgumentException when no read model has that name
     */
    public synchronized void discard(String view) {
        definition(view);
        Running running = shadows.get(view);
        if (running != null) {
            running.build().cancel();
            try {
                running.work().get(STOPPING.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                running.work().cancel(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping the shadow of " + view, e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                // it has stopped, one way or another
            }
            shadows.remove(view);
        }
        transactions.executeWithoutResult(transaction -> rows.clear(shadowOf(view)));
        log.info("Discarded the shadow of {}", view);
    }

    private ShadowStatus withDifference(String view, ShadowBuild build) {
        ShadowStatus status = build.status();
        return status.state() == ShadowState.BUILT
                ? status.withDifference(status.state(), rows.difference(view, build.shadowView(), SAMPLE)) : status;
    }

    private Running existing(String view) {
        definition(view);
        Running running = shadows.get(view);
        if (running == null) {
            throw new NoSuchElementException("The " + view + " view has no shadow");
        }
        return running;
    }

    private void requireNotRebuilding(String view) {
        if (rebuilds.status(view).rebuilding()) {
            throw new IllegalStateException("The " + view + " view is rebuilding in place: wait until it is done");
        }
    }

    private ViewDefinition<?> definition(String view) {
        return views.definition(view).orElseThrow(() -> new IllegalArgumentException("No read model named '"
                + view + "'"));
    }

    private TrackingEventProcessor processor(String view) {
        return processing.eventProcessor(view, TrackingEventProcessor.class).orElseThrow(() ->
                new IllegalStateException("The " + view + " view has no tracking processor"));
    }

    private static TrackingToken position(TrackingToken token) {
        return token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
    }

    private void logProgress() {
        try {
            shadows.forEach((view, running) -> {
                ShadowStatus status = running.build().status();
                if (status.state() == ShadowState.BUILDING) {
                    log.info("Shadow of {}: {}/{} events ({}%), {} events/s", view, status.position(),
                            status.target(), Math.round(status.percent()), Math.round(status.eventsPerSecond()));
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not report shadow rebuild progress: {}", e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        shadows.values().forEach(running -> running.build().cancel());
        builders.shutdownNow();
        progressLog.shutdownNow();
    }
}
