package dev.regent.infrastructure.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Work a region does again and again while its service runs (offering kept commands to their owners, taking back
 * overdue handovers, purging expired keys): each job on one daemon thread, every interval after the last run ended;
 * a failed run is logged and the next one comes as usual.
 */
public final class PeriodicTask implements SmartLifecycle {

    /** One job: what it is (for the log), how often, and the work. */
    public record Job(String what, Duration interval, Runnable work) {
    }

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String threadName;
    private final List<Job> jobs;
    private ScheduledExecutorService scheduler;

    public PeriodicTask(String threadName, List<Job> jobs) {
        this.threadName = threadName;
        this.jobs = List.copyOf(jobs);
    }

    public static PeriodicTask every(Duration interval, String threadName, String what, Runnable work) {
        return new PeriodicTask(threadName, List.of(new Job(what, interval, work)));
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        for (Job job : jobs) {
            long millis = job.interval().toMillis();
            scheduler.scheduleWithFixedDelay(() -> run(job), millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private static void run(Job job) {
        try {
            job.work().run();
        } catch (RuntimeException e) {
            log.warn("{} failed; trying again in {}: {}", job.what(), job.interval(), e.toString());
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
