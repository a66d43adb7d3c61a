package dev.regent.domain.ownership;

/**
 * An event of a {@link HomeOwnership HOME}-owned aggregate that gives its home attribute a new value (a customer who
 * moved abroad). When the value's home region is another region, Regent relocates the aggregate there, with the data
 * subject's data: the owner hands it over exactly as in a planned transfer.
 */
public interface HomeChanged {

    /** The home attribute's new value, read through the jurisdiction map like the creating command's. */
    String home();
}
