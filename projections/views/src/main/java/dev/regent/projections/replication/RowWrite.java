package dev.regent.projections.replication;

import java.sql.Timestamp;

/** One view row as an applied event leaves it, ready to be written. */
record RowWrite(String aggregateId, String aggregateType, String ownerRegion, long ownerEpoch, long lastSequence,
                String state, String lastEventId, Timestamp lastEventAt, long importedEpoch) {
}
