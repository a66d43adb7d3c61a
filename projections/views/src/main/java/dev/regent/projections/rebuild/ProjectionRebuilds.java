package dev.regent.projections.rebuild;

import dev.regent.projections.replication.ViewStores;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Starts rebuilds of read models and reports their progress (also in the log, every few seconds). */
public class ProjectionRebuilds implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    /** When a rebuild started, and where each segment stood then: the rebuild is done once it is back there. */
    private record Started(Instant at, Map<Integer, TrackingToken> target) {
    }

    private final EventProcessingConfiguration processing;
    private final ViewStores views;
    private final Clock clock;
    private final TokenPositions positions;
    private final Map<String, Started> started = new ConcurrentHashMap<>();
    private final ScheduledExecutorService progressLog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "regent-rebuild-progress");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionRebuilds(EventProcessingConfiguration processing, ViewStores views, Clock clock,
                              Duration logEvery, TokenPositions positions) {
        this.processing = processing;
        this.positions = positions;
        this.views = views;
        this.clock = clock;
        progressLog.scheduleWithFixedDelay(this::logProgress, logEvery.toMillis(), logEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the view's processor, resets its token (its reset handler clears the view) and starts it again.
     *
     * @throws IllegalArgumentException when no read model has that name
     * @throws IllegalStateException    when it is already rebuilding
     */
    public synchronized RebuildStatus start(String view) {
        TrackingEventProcessor processor = processor(view);
        if (status(view).rebuilding()) {
            throw new IllegalStateException("The " + view + " view is already rebuilding");
        }
        Map<Integer, TrackingToken> target = new HashMap<>();
        processor.processingStatus().forEach((segment, status) -> {
            TrackingToken position = position(status.getTrackingToken());
            if (position != null) {
                target.put(segment, position);
            }
        });
        processor.shutDown();
        processor.resetTokens();
        started.put(view, new Started(clock.instant(), target));
        processor.start();
        log.info("Rebuilding the {} view from the logs", view);
        return status(view);
    }

    public List<RebuildStatus> statuses() {
        return views.definitions().stream().map(definition -> status(definition.name())).toList();
    }

    public RebuildStatus status(String view) {
        TrackingEventProcessor processor = processor(view);
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        Started since = started.get(view);
        // Started but no segment claimed yet counts as rebuilding, or a poll right after start would read "done".
        boolean rebuilding = (segments.isEmpty() && since != null)
                || segments.entrySet().stream().anyMatch(segment -> !replayed(segment.getKey(), segment.getValue(),
                since));
        long position = segments.values().stream().mapToLong(segment -> positions.of(segment.getTrackingToken()))
                .sum();
        long target = since == null ? 0 : since.target().values().stream().mapToLong(positions::of).sum();
        String error = segments.values().stream().filter(EventTrackerStatus::isErrorState)
                .map(segment -> String.valueOf(segment.getError())).findFirst().orElse(null);
        double seconds = since == null ? 0 : Duration.between(since.at(), clock.instant()).toMillis() / 1000.0;
        double rate = rebuilding && seconds > 0 ? position / seconds : 0;
        double percent = !rebuilding ? 100 : target == 0 ? 0 : Math.min(100, 100.0 * position / target);
        return new RebuildStatus(view, rebuilding, position, rebuilding ? target : position, percent, rate,
                since == null ? null : since.at(), error);
    }

    /**
     * Done once the segment is back where it stood when the rebuild started, on every source. Not Axon's "replaying"
     * flag: Axon ends a replay only when an event past its reset point arrives (a quiet region may have none), and a
     * second reset inherits the first one's point. Not "caught up" either: a Kafka source has read nothing until its
     * first fetch returns.
     */
    private static boolean replayed(int segment, EventTrackerStatus status, Started since) {
        TrackingToken target = since == null ? null : since.target().get(segment);
        if (target == null) {
            return !status.isReplaying() || status.isCaughtUp();
        }
        TrackingToken current = position(status.getTrackingToken());
        return current != null && current.covers(target);
    }

    /** Where a token has really got to: inside a replay, its current position. */
    private static TrackingToken position(TrackingToken token) {
        return token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
    }

    private TrackingEventProcessor processor(String view) {
        if (views.definition(view).isEmpty()) {
            throw new IllegalArgumentException("No read model named '" + view + "' (read models: "
                    + views.definitions().stream().map(definition -> definition.name()).sorted().toList() + ")");
        }
        return processing.eventProcessor(view, TrackingEventProcessor.class).orElseThrow(() ->
                new IllegalStateException("The " + view + " view has no tracking processor"));
    }

    private void logProgress() {
        try {
            started.keySet().forEach(view -> {
                RebuildStatus status = status(view);
                if (status.rebuilding()) {
                    log.info("Rebuilding {}: {}/{} events ({}%), {} events/s", view, status.position(),
                            status.target(), Math.round(status.percent()), Math.round(status.eventsPerSecond()));
                } else if (started.remove(view) != null) {
                    log.info("Rebuilt {}: {} events", view, status.position());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not report rebuild progress: {}", e.toString());
        }
    }

    @Override
    public void close() {
        progressLog.shutdownNow();
    }
}
