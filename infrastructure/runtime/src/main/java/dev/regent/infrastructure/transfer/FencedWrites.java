package dev.regent.infrastructure.transfer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** The writes this region made as an owner that had already lost the aggregate (the losing side of a split brain). */
public class FencedWrites {

    private static final Logger log = LoggerFactory.getLogger(FencedWrites.class);

    private final JdbcTemplate jdbc;
    private final Counter reported;

    public FencedWrites(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.reported = Counter.builder("regent.ownership.fenced.writes")
                .description("Events appended here by a former owner past the point another region took over from")
                .register(meters);
    }

    /** Reports this region's events of the aggregate past {@code fromSequence}; reporting again adds nothing. */
    public int report(String aggregateId, long fromSequence, String newOwner, long newEpoch) {
        int found = jdbc.update("""
                insert into regent_fenced_write (event_id, aggregate_id, sequence, event_type, epoch, appended_at,
                       new_owner, new_epoch)
                select event_identifier, aggregate_identifier, sequence_number, payload_type,
                       coalesce((convert_from(meta_data, 'UTF8')::jsonb ->> 'regent-owner-epoch')::bigint, 0),
                       time_stamp, ?, ?
                  from domain_event_entry where aggregate_identifier = ? and sequence_number > ?
                on conflict (event_id) do nothing
                """, newOwner, newEpoch, aggregateId, fromSequence);
        if (found > 0) {
            reported.increment(found);
            log.warn("{} write(s) to {} made here after {} took it over from sequence {} (epoch {}): kept here, "
                    + "not merged; see GET /ownership/{}/fenced-writes", found, aggregateId, newOwner, fromSequence,
                    newEpoch, aggregateId);
        }
        return found;
    }

    public List<FencedWrite> of(String aggregateId) {
        return jdbc.query("select * from regent_fenced_write where aggregate_id = ? order by sequence",
                (rs, n) -> new FencedWrite(rs.getString("event_id"), rs.getString("aggregate_id"),
                        rs.getLong("sequence"), rs.getString("event_type"), rs.getLong("epoch"),
                        rs.getString("appended_at"), rs.getString("new_owner"), rs.getLong("new_epoch"),
                        rs.getTimestamp("reported_at").toInstant()), aggregateId);
    }
}
