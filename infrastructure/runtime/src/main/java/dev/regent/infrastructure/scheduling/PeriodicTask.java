package dev.regent.infrastructure.scheduling;

import dev.regent.infrastructure.instances.RegionLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Work a region does again and again while its service runs (offering kept commands to their owners, taking back
 * overdue handovers, purging expired keys): each job on one daemon thread, every interval after the last run ended;
 * a failed run is logged and the next one comes as usual.
 * <p>
 * A region may run several instances of its service. A job is either done by {@linkplain Job#everyInstance every
 * instance} (it keeps something of the instance's own, e.g. an in-memory cache) or {@linkplain Job#oncePerRegion
 * once per region}: then only the instance holding the job's lease runs it, renewing the lease at each run (and while
 * it runs); the others skip, and one of them takes over once the lease expires ({@link #leaseTtl}) or is released
 * when the holder stops.
 */
public final class PeriodicTask implements SmartLifecycle {

    /**
     * One job: what it is (for the log, and its lease's name), how often, the work, and whether it must run on one
     * instance of the region only.
     */
    public record Job(String what, Duration interval, Runnable work, boolean oncePerRegion) {

        /** Work every instance does for itself. */
        public static Job everyInstance(String what, Duration interval, Runnable work) {
            return new Job(what, interval, work, false);
        }

        /** Work the region does once, on whichever instance holds the job's lease. */
        public static Job oncePerRegion(String what, Duration interval, Runnable work) {
            return new Job(what, interval, work, true);
        }

        /** The lease named after the job, e.g. {@code job:delivery-of-kept-commands}. */
        public String leaseName() {
            return "job:" + what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        }
    }

    /** A once-per-region job's lease outlives this many of its intervals, so that it stays with its holder. */
    static final int LEASE_INTERVALS = 3;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String threadName;
    private final List<Job> jobs;
    private final RegionLeases leases;
    private ScheduledExecutorService scheduler;

    /**
     * @param leases where once-per-region jobs take their leases; may be null when every job is per instance
     */
    public PeriodicTask(String threadName, List<Job> jobs, RegionLeases leases) {
        if (leases == null && jobs.stream().anyMatch(Job::oncePerRegion)) {
            throw new IllegalArgumentException(threadName + " has work done once per region: it needs the leases");
        }
        this.threadName = threadName;
        this.jobs = List.copyOf(jobs);
        this.leases = leases;
    }

    public static PeriodicTask of(String threadName, RegionLeases leases, Job job) {
        return new PeriodicTask(threadName, List.of(job), leases);
    }

    /** How long a once-per-region job's lease lasts without renewal: a few intervals, never below the region's TTL. */
    Duration leaseTtl(Job job) {
        Duration intervals = job.interval().multipliedBy(LEASE_INTERVALS);
        return intervals.compareTo(leases.defaultTtl()) > 0 ? intervals : leases.defaultTtl();
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

    private void run(Job job) {
        try {
            if (job.oncePerRegion()) {
                leases.runIfHolder(job.leaseName(), leaseTtl(job), job.work());
            } else {
                job.work().run();
            }
        } catch (RuntimeException e) {
            log.warn("{} failed; trying again in {}: {}", job.what(), job.interval(), e.toString());
        }
    }

    /** The running work is interrupted and waited for (a while), then this instance's leases are given up at once. */
    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        for (Job job : jobs) {
            if (job.oncePerRegion()) {
                try {
                    leases.release(job.leaseName());
                } catch (RuntimeException e) {
                    log.warn("Could not release {}: it expires by itself: {}", job.leaseName(), e.toString());
                }
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
