package dev.regent.application.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Deletes expired idempotency keys every {@code regent.idempotency.purge-interval}, in batches. */
final class ExpiredKeysPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiredKeysPurge.class);
    private static final int BATCH = 1_000;

    private final IdempotencyKeys keys;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    ExpiredKeysPurge(IdempotencyKeys keys, Duration interval) {
        this.keys = keys;
        this.interval = interval;
    }

    /** One purge; answers how many keys it deleted. */
    int purge() {
        int deleted = keys.purgeExpired(BATCH);
        if (deleted > 0) {
            log.info("Deleted {} expired idempotency keys", deleted);
        }
        return deleted;
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("Could not delete expired idempotency keys: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "regent-idempotency-purge");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
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
