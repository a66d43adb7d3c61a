package dev.regent.infrastructure.ownership;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner's aggregates kept in memory between commands (one bounded, least-recently-used cache per aggregate type,
 * so a command loads its aggregate without reading and decrypting its events again; Axon's weak-reference cache loses
 * them at the next young collection). Only an owner appends, and only through its
 * aggregates, except when ownership changes (a transfer away, or a takeover that imports the former owner's events)
 * or a subject is erased: those evict the aggregate, at once and again when their transaction ends. A command that
 * fails (e.g. on a concurrency conflict) evicts it too (Axon's caching repository does, on rollback). Several
 * instances of a region share its store: each command's ownership check reads the store's last sequence for its
 * aggregate in the same statement, and an entry at another version is dropped before the command loads it
 * ({@link #validate}). A stale entry could not append unnoticed anyway: its next event would reuse a sequence number
 * the store already holds, and the command is tried again ({@code ConflictRetryingCommandBus}).
 */
public class AggregateCaches {

    private static final Field ENTRY_VERSION = entryVersionField();

    private final Map<Class<?>, LeastRecentlyUsed> byType = new ConcurrentHashMap<>();
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

    /**
     * Drops the cached aggregate unless it is at {@code lastSequence}, what the store holds now (null: no event yet):
     * another instance of this region appended since this one cached it.
     */
    public void validate(String aggregateId, Long lastSequence) {
        byType.values().forEach(cache -> cache.dropUnlessAt(aggregateId, lastSequence));
    }

    private void evictNow(String aggregateId) {
        byType.values().forEach(cache -> cache.remove(aggregateId));
    }

    /** The aggregate's version an Axon cache entry holds: private in Axon, read once when the entry is cached. */
    static Long versionOf(Object entry) {
        if (!(entry instanceof AggregateCacheEntry<?>)) {
            return null;
        }
        try {
            return (Long) ENTRY_VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read an aggregate cache entry's version", e);
        }
    }

    private static Field entryVersionField() {
        try {
            Field version = AggregateCacheEntry.class.getDeclaredField("version");
            version.setAccessible(true);
            return version;
        } catch (NoSuchFieldException e) {
            // An Axon upgrade renamed it: AggregateCachesTest fails first; caches could not be validated.
            throw new IllegalStateException("Axon's AggregateCacheEntry has no 'version' field any more", e);
        }
    }

    /** A bounded map under one lock: a cache hit costs far less than the statements it saves. */
    private static final class LeastRecentlyUsed implements Cache {

        private final Map<Object, Cached> entries;

        LeastRecentlyUsed(int capacity) {
            this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Object, Cached> eldest) {
                    return size() > capacity;
                }
            };
        }

        @Override
        @SuppressWarnings("unchecked")
        public synchronized <K, V> V get(K key) {
            Cached cached = entries.get(key);
            return cached == null ? null : (V) cached.entry();
        }

        @Override
        public synchronized void put(Object key, Object value) {
            entries.put(key, new Cached(value, versionOf(value)));
        }

        @Override
        public synchronized boolean putIfAbsent(Object key, Object value) {
            return entries.putIfAbsent(key, new Cached(value, versionOf(value))) == null;
        }

        synchronized void dropUnlessAt(Object key, Long version) {
            Cached cached = entries.get(key);
            if (cached != null && !Objects.equals(cached.version(), version)) {
                entries.remove(key);
            }
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

        private record Cached(Object entry, Long version) {
        }
    }
}
