package dev.regent.infrastructure.containment;

/** Publishes what a thawed freeze held at this region's egress. */
@FunctionalInterface
public interface HeldEventsRelease {

    /** @return how many held events were published */
    long release(String freezeId);
}
