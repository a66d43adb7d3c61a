package dev.regent.domain.shared;

/**
 * An event written by a newer version of the code than this region runs: reading it with the older class would
 * silently drop whatever the new revision added, so it is refused and the event is parked until this region learns it.
 */
public class NewerEventRevisionException extends RuntimeException {

    public NewerEventRevisionException(String eventType, String revision, String knownRevision) {
        super(eventType + " revision " + revision + " is newer than this region knows (revision " + knownRevision
                + "): parked until this region runs code that reads it");
    }
}
