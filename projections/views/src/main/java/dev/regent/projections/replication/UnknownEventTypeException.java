package dev.regent.projections.replication;

/** An event of the view's aggregate whose type this region's code does not know: a newer region wrote it. */
public class UnknownEventTypeException extends RuntimeException {

    public UnknownEventTypeException(String payloadType, String aggregateType) {
        super(payloadType + " is not a type this region knows, for a " + aggregateType
                + ": parked until this region runs code that knows it");
    }
}
