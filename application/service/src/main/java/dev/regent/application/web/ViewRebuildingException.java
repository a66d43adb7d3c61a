package dev.regent.application.web;

/** A read model is being rebuilt from the logs: what is not back yet will be. */
public class ViewRebuildingException extends RuntimeException {

    public ViewRebuildingException(String view, double percent) {
        super("The " + view + " view is being rebuilt (" + Math.round(percent) + "%): try again shortly");
    }
}
