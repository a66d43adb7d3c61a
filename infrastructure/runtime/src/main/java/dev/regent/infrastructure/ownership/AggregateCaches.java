package dev.regent.infrastructure.ownership;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner's aggregates kept in memory between commands (one bounded, least-recently-used cache per aggregate type,
 * so a command loads its aggregate without reading and decrypting its events again; Axon's weak-reference cache loses
 * them at the next young collection). Only an owner appends, and only through its
 * aggregates, except when ownership changes (a transfer away, or a takeover that imports the former owner's events)
 * or a subject is erased: those evict the aggregate, at once and again when their transaction ends. A command that
 * fails (e.g. on a concurrency conflict) evicts it too (Axon's caching repository does, on rollback). And a stale
 * entry could not append unnoticed anyway: its next event would reuse a sequence number the store already holds.
 */
public class AggregateCaches {

    private final Map<Class<?>, Cache> byType = new ConcurrentHashMap<>();
    private final int entriesPerType;

    /** @param entriesPerType how many aggregates of each type are kept, the least recently used going first */
    public AggregateCaches(int entriesPerType) {
        this.entriesPerType = entriesPerType;
    }

    public boolean enabled() {
        return entriesPerType > 0;
    }

    /** The cache of one aggregate type, for Axon's {@code AggregateConfigurer.configureCache}. */
    public Cache of(Class<?> aggregateType) {
        return byType.computeIfAbsent(aggregateType, type -> new LeastRecentlyUsed(entriesPerType));
    }

    /** Forgets the aggregate now, and again when the current transaction or unit of work ends. */
    public void evict(String aggregateId) {
        evictNow(aggregateId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evictNow(aggregateId);
                }
            });
        }
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.onCleanup(done -> evictNow(aggregateId)));
    }

    private void evictNow(String aggregateId) {
        byType.values().forEach(cache -> cache.remove(aggregateId));
    }

    /** A bounded map under one lock: a cache hit costs far less than the statements it saves. */
    private static final class LeastRecentlyUsed implements Cache {

        private final Map<Object, Object> entries;

        LeastRecentlyUsed(int capacity) {
            this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                    return size() > capacity;
                }
            };
        }

        @Override
        @SuppressWarnings("unchecked")
        public synchronized <K, V> V get(K key) {
            return (V) entries.get(key);
        }

        @Override
        public synchronized void put(Object key, Object value) {
            entries.put(key, value);
        }

        @Override
        public synchronized boolean putIfAbsent(Object key, Object value) {
            return entries.putIfAbsent(key, value) == null;
        }

        @Override
        public synchronized boolean remove(Object key) {
            return entries.remove(key) != null;
        }

        @Override
        public synchronized void removeAll() {
            entries.clear();
        }

        @Override
        public synchronized boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public Registration registerCacheEntryListener(EntryListener listener) {
            return () -> true; // nothing here expires or is listened to
        }
    }
}
