package dev.regent.projections.shadow;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A shadow's rows, kept in {@code regent_view} (and its events held behind gaps in {@code regent_held_event}) under the
 * shadow's own view name: the live view's statements work on them as they are, and a swap is a rename in one
 * transaction.
 */
final class ShadowRows {

    /**
     * Rows that differ: in one side only, or at another version, or with another state (jsonb equality: key order
     * and spacing do not count, as in the canonical JSON views write).
     */
    private static final String DIFFERENCE = """
            select coalesce(s.aggregate_id, l.aggregate_id), s.aggregate_id is not null, l.aggregate_id is not null
              from (select aggregate_id, last_sequence, state from regent_view where view_name = ?) s
              full join (select aggregate_id, last_sequence, state from regent_view where view_name = ?) l
                on l.aggregate_id = s.aggregate_id
             where s.aggregate_id is null or l.aggregate_id is null
                or s.last_sequence <> l.last_sequence or s.state <> l.state
             order by 1
            """;

    private final JdbcTemplate jdbc;

    ShadowRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    ShadowDifference difference(String liveView, String shadowView, int sampleSize) {
        ShadowDifference.Tally tally = new ShadowDifference.Tally(sampleSize);
        jdbc.query(DIFFERENCE, (RowCallbackHandler) rs -> tally.add(
                ShadowDifference.Kind.of(rs.getBoolean(2), rs.getBoolean(3)), rs.getString(1)), shadowView, liveView);
        return tally.result();
    }

    /** The shadow's rows become the live view's, the live ones gone; to run in one transaction. */
    void swap(String liveView, String shadowView) {
        clear(liveView);
        jdbc.update("update regent_view set view_name = ? where view_name = ?", liveView, shadowView);
        jdbc.update("update regent_held_event set view_name = ? where view_name = ?", liveView, shadowView);
    }

    void clear(String view) {
        jdbc.update("delete from regent_held_event where view_name = ?", view);
        jdbc.update("delete from regent_view where view_name = ?", view);
    }

    boolean exists(String view) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from regent_view where view_name = ?)", Boolean.class, view));
    }
}
