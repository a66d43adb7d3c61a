package dev.regent.projections.requests;

import dev.regent.domain.ownership.Region;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Follows the requests this region routed to another owner without waiting for its answer. The owner's answer settles
 * a request as rejected, or as answered; it becomes {@code APPLIED} when this region applies an event the request
 * caused (its correlation id is the request id), or at once if this region already shows the owner's version.
 */
public class RoutedRequests {

    private static final RowMapper<RoutedRequest> REQUEST = (rs, row) -> new RoutedRequest(rs.getString("request_id"),
            rs.getString("command_name"), rs.getString("aggregate_id"), rs.getString("owner_region"),
            RequestStatus.valueOf(rs.getString("status")), (Long) rs.getObject("owner_version"),
            (Long) rs.getObject("version"), rs.getString("reason"), rs.getString("problem"),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    public RoutedRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void recordPending(String requestId, String commandName, String aggregateId, Region owner) {
        jdbc.update("insert into regent_request (request_id, command_name, aggregate_id, owner_region, status) "
                + "values (?, ?, ?, ?, 'PENDING') on conflict (request_id) do nothing", requestId, commandName,
                aggregateId, owner.name());
    }

    /**
     * The owner did not answer and the command was kept here ({@code QUEUED} or {@code CAPTURED}); a request that was
     * pending becomes kept.
     */
    public void recordKept(String requestId, String commandName, String aggregateId, Region owner, RequestStatus kept) {
        jdbc.update("insert into regent_request (request_id, command_name, aggregate_id, owner_region, status) "
                + "values (?, ?, ?, ?, ?) on conflict (request_id) do update set status = excluded.status, "
                + "updated_at = now() where regent_request.status = 'PENDING'", requestId, commandName, aggregateId,
                owner.name(), kept.name());
    }

    /** The version this region shows of an aggregate, in whichever read model holds it (0: not at all). */
    public long visibleVersion(String aggregateId) {
        Long version = jdbc.queryForObject("select coalesce(max(last_sequence) + 1, 0) from regent_view "
                + "where aggregate_id = ?", Long.class, aggregateId);
        return version == null ? 0 : version;
    }

    /**
     * The owner applied the command and answered the aggregate's new version.
     *
     * @param visibleVersion the version this region's projection shows now
     */
    public void ownerAccepted(String requestId, long ownerVersion, LongSupplier visibleVersion) {
        jdbc.update("update regent_request set owner_version = ?, updated_at = now() where request_id = ?",
                ownerVersion, requestId);
        long visible = visibleVersion.getAsLong();
        if (visible >= ownerVersion) {
            markApplied(requestId, visible);
        }
    }

    /** The owner did not answer in time but may still apply the change: the request stays pending, with the reason. */
    public void ownerSilent(String requestId, String reason) {
        jdbc.update("update regent_request set reason = ?, updated_at = now() where request_id = ? "
                + "and status = 'PENDING'", reason, requestId);
    }

    public void ownerRejected(String requestId, String reason, String problem) {
        jdbc.update("update regent_request set status = 'REJECTED', reason = ?, problem = ?, updated_at = now() "
                + "where request_id = ? and status in ('PENDING', 'QUEUED', 'CAPTURED')", reason, problem, requestId);
    }

    /** Called as a projection applies an event caused by {@code requestId}: the change is visible here now. */
    public void markApplied(String requestId, long version) {
        markApplied(Map.of(requestId, version));
    }

    /** As {@link #markApplied(String, long)}, for a batch's requests in one round trip. */
    public void markApplied(Map<String, Long> versionsByRequest) {
        List<Object[]> rows = versionsByRequest.entrySet().stream()
                .map(request -> new Object[]{request.getValue(), request.getKey()}).toList();
        jdbc.batchUpdate("update regent_request set status = 'APPLIED', version = ?, updated_at = now() "
                + "where request_id = ? and status in ('PENDING', 'QUEUED', 'CAPTURED')", rows);
    }

    public Optional<RoutedRequest> find(String requestId) {
        return jdbc.query("select * from regent_request where request_id = ?", REQUEST, requestId).stream()
                .findFirst();
    }
}
