package dev.regent.domain.shared;

/** A command that is well-formed but not allowed in the aggregate's current state (answered 409). */
public class BusinessRuleViolation extends RuntimeException {

    public BusinessRuleViolation(String message) {
        super(message);
    }
}
