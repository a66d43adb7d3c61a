package dev.regent.application.web;

/** A resource this region does not know (yet). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id, String region) {
        super(what + " " + id + " is not known in region " + region);
    }
}
