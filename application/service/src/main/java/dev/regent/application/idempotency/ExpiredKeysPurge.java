package dev.regent.application.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired idempotency keys, in batches (every {@code regent.idempotency.purge-interval}). */
final class ExpiredKeysPurge {

    private static final Logger log = LoggerFactory.getLogger(ExpiredKeysPurge.class);
    private static final int BATCH = 1_000;

    private final IdempotencyKeys keys;

    ExpiredKeysPurge(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** One purge; answers how many keys it deleted. */
    int purge() {
        int deleted = keys.purgeExpired(BATCH);
        if (deleted > 0) {
            log.info("Deleted {} expired idempotency keys", deleted);
        }
        return deleted;
    }
}
