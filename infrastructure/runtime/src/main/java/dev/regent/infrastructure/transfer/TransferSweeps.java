package dev.regent.infrastructure.transfer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every sweep interval, while the service runs: takes back overdue handovers, and offers pending relocations to
 * their new homes.
 */
final class TransferSweeps implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TransferSweeps.class);

    private final Handovers handovers;
    private final Relocations relocations;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    TransferSweeps(Handovers handovers, Relocations relocations, Duration interval) {
        this.handovers = handovers;
        this.relocations = relocations;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "regent-transfer-sweeps");
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
        try {
            relocations.offerPending();
        } catch (RuntimeException e) {
            log.warn("Offering pending relocations failed; trying again in {}: {}", interval, e.toString());
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
