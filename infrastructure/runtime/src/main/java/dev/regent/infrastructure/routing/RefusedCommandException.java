package dev.regent.infrastructure.routing;

/**
 * A command from another region that this region will not read: a type it has no handler for, a payload that is not
 * of the named type, or a payload that does not parse. Answered 400; nothing was loaded, handled or written.
 */
public class RefusedCommandException extends IllegalArgumentException {

    public RefusedCommandException(String message) {
        super(message);
    }
}
