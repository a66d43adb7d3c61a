package dev.regent.infrastructure.containment;

/** A command refused at the owner because a freeze that refuses writes holds its aggregate's type. */
public class WritesFrozenException extends RuntimeException {

    private final transient Freeze freeze;

    public WritesFrozenException(Freeze freeze, String aggregateType) {
        super("Writes to " + aggregateType + " aggregates are frozen by " + freeze.id() + " (" + freeze.reason()
                + "); they are accepted again once it is thawed");
        this.freeze = freeze;
    }

    public Freeze freeze() {
        return freeze;
    }
}
