package dev.regent.infrastructure.transfer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Looks for overdue handovers every sweep interval, while the service runs. */
final class HandoverDeadlines implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HandoverDeadlines.class);

    private final Handovers handovers;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    HandoverDeadlines(Handovers handovers, Duration interval) {
        this.handovers = handovers;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "regent-handover-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            handovers.reclaimOverdue();
        } catch (RuntimeException e) {
            log.warn("Looking for overdue handovers failed; trying again in {}: {}", interval, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
