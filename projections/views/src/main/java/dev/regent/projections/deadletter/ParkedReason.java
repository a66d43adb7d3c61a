package dev.regent.projections.deadletter;

import dev.regent.domain.shared.NewerEventRevisionException;
import dev.regent.projections.replication.FrozenEventException;
import dev.regent.projections.replication.StorageFailedException;
import dev.regent.projections.replication.UnknownEventTypeException;
import dev.regent.projections.replication.UnreadableRowException;
import org.axonframework.serialization.SerializationException;

import java.util.Locale;

/** Why an event was parked, as operators and metrics name it. */
public enum ParkedReason {
    UNKNOWN_TYPE, NEWER_REVISION, UNREADABLE_PAYLOAD, STORAGE_FAILED, FROZEN, HANDLER_FAILED;

    /** The reason behind a handler's failure, looking through the exceptions that wrap it. */
    public static ParkedReason of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FrozenEventException) {
                return FROZEN;
            }
            // Before the payload's reasons: an unreadable stored row fails in Jackson too, but the event is fine.
            if (cause instanceof StorageFailedException || cause instanceof UnreadableRowException) {
                return STORAGE_FAILED;
            }
            if (cause instanceof UnknownEventTypeException) {
                return UNKNOWN_TYPE;
            }
            if (cause instanceof NewerEventRevisionException) {
                return NEWER_REVISION;
            }
            if (cause instanceof SerializationException
                    || cause instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return UNREADABLE_PAYLOAD;
            }
        }
        return HANDLER_FAILED;
    }

    /** The reason's name in metrics and in the API, e.g. {@code unknown-type}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ParkedReason ofLabel(String label) {
        for (ParkedReason reason : values()) {
            if (reason.label().equals(label)) {
                return reason;
            }
        }
        return HANDLER_FAILED;
    }
}
