package dev.regent.projections.replication;

/**
 * A stored row that its view cannot read (a corrupt row, or one written before the view refused such states). Says
 * which view and aggregate, never the row's contents: the cause, for the log, is Jackson's.
 */
public class UnreadableRowException extends RuntimeException {

    private final String view;
    private final String aggregateId;

    public UnreadableRowException(String view, String aggregateId, Throwable cause) {
        super("The stored " + view + " row of aggregate " + aggregateId + " cannot be read", cause);
        this.view = view;
        this.aggregateId = aggregateId;
    }

    public String view() {
        return view;
    }

    public String aggregateId() {
        return aggregateId;
    }
}
