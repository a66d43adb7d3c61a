package dev.regent.projections.replication;

/**
 * A view could not store what an event makes of an aggregate's row: the database refused the row (a NUL in a text,
 * a number out of range) or the view could not read it back. The event is parked; the message never holds the row.
 */
public class StorageFailedException extends RuntimeException {

    public StorageFailedException(String view, String aggregateId, String why) {
        super("The " + view + " view cannot store aggregate " + aggregateId + ": " + why);
    }
}
