package dev.regent.infrastructure.kafka;

import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.Buffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The mirrored records between the Kafka fetcher and a processor, handed out in the order they were fetched.
 *
 * <p>Axon's {@code SortedKafkaMessageBuffer} orders them by record timestamp, then partition, then offset, in a
 * {@code ConcurrentSkipListSet}. Two records of different topics (eu's and apac's events mirrored into us) with the
 * same timestamp, partition number and offset compare as equal, and the set silently keeps only one: an event lost,
 * every later event of its aggregate held behind the gap forever. Reordering also let a processor commit a token
 * covering records it had not been handed yet (each record's token counts every record fetched before it), which
 * skips them when the stream is reopened. One aggregate's events share a topic and partition, so fetch order is
 * already their sequence order; no order across source regions is promised or needed.
 */
final class ArrivalOrderBuffer implements Buffer<KafkaEventMessage> {

    private final ArrayDeque<KafkaEventMessage> messages = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final AtomicReference<RuntimeException> fetchFailure = new AtomicReference<>();
    private final int capacity;
    private final RegionArrivals arrivals;

    ArrivalOrderBuffer(int capacity) {
        this(capacity, new RegionArrivals());
    }

    /** @param arrivals told of every batch put in, so that the region's idle processors wake for it */
    ArrivalOrderBuffer(int capacity, RegionArrivals arrivals) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.arrivals = arrivals;
    }

    @Override
    public void put(KafkaEventMessage message) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            add(message);
        } finally {
            lock.unlock();
        }
        arrivals.signal();
    }

    @Override
    public void putAll(Collection<KafkaEventMessage> fetched) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            for (KafkaEventMessage message : fetched) {
                add(message);
            }
        } finally {
            lock.unlock();
        }
        if (!fetched.isEmpty()) {
            arrivals.signal();
        }
    }

    private void add(KafkaEventMessage message) throws InterruptedException {
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        while (messages.size() == capacity) {
            notFull.await();
        }
        messages.addLast(message);
        notEmpty.signal();
    }

    /** The oldest message, waiting up to {@code timeout}; a fetcher failure is thrown once nothing is left before it. */
    @Override
    public KafkaEventMessage poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (messages.isEmpty()) {
                throwFetchFailure();
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return remove();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public KafkaEventMessage take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (messages.isEmpty()) {
                throwFetchFailure();
                notEmpty.await();
            }
            return remove();
        } finally {
            lock.unlock();
        }
    }

    private KafkaEventMessage remove() {
        KafkaEventMessage message = messages.pollFirst();
        notFull.signal();
        return message;
    }

    @Override
    public KafkaEventMessage peek() {
        lock.lock();
        try {
            return messages.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public int remainingCapacity() {
        return capacity - size();
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            messages.clear();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The fetcher stopped on {@code failure}: the processor gets it once it has taken what was fetched before. */
    @Override
    public void setException(RuntimeException failure) {
        fetchFailure.set(failure);
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        arrivals.signal();
    }

    private void throwFetchFailure() {
        RuntimeException failure = fetchFailure.get();
        if (failure != null) {
            throw failure;
        }
    }
}
