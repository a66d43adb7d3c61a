package dev.regent.projections.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs and their drift, in this region's database. The latest finished run is what blocks workflows. */
public class ReconciliationStore {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final JdbcTemplate jdbc;

    public ReconciliationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void save(ReconciliationReport report, Map<String, String> aggregateTypeByView) {
        jdbc.update("""
                insert into regent_reconciliation_run (run_id, status, started_at, finished_at, report)
                values (?, ?, ?, ?, ?::jsonb)
                on conflict (run_id) do update set status = excluded.status, finished_at = excluded.finished_at,
                                                  report = excluded.report
                """, report.runId(), report.status().name(), Timestamp.from(report.startedAt()),
                report.finishedAt() == null ? null : Timestamp.from(report.finishedAt()), toJson(report));
        if (report.status() != RunStatus.RUNNING) {
            jdbc.batchUpdate("""
                    insert into regent_drift (run_id, view_name, aggregate_id, aggregate_type, owner_region,
                                              drift_class, owner_sequence, replica_sequence)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                    """, report.drifts().stream().map(drift -> new Object[]{report.runId(), drift.view(),
                    drift.aggregateId(), aggregateTypeByView.get(drift.view()), drift.ownerRegion(),
                    drift.driftClass().name(), drift.ownerSequence(), drift.replicaSequence()}).toList());
        }
    }

    public Optional<ReconciliationReport> find(String runId) {
        return jdbc.query("select report::text from regent_reconciliation_run where run_id = ?",
                (rs, n) -> fromJson(rs.getString(1)), runId).stream().findFirst();
    }

    public List<ReconciliationReport> latest(int limit) {
        return jdbc.query("select report::text from regent_reconciliation_run order by started_at desc limit ?",
                (rs, n) -> fromJson(rs.getString(1)), limit);
    }

    /** Whether the latest finished run found this aggregate drifted (in any view). */
    public boolean isDrifted(String aggregateId) {
        Boolean drifted = jdbc.queryForObject("""
                select exists (select 1 from regent_drift d where d.aggregate_id = ? and d.run_id = (
                    select run_id from regent_reconciliation_run where status <> 'RUNNING'
                     order by started_at desc limit 1))
                """, Boolean.class, aggregateId);
        return Boolean.TRUE.equals(drifted);
    }

    /** Open incidents: aggregate types the latest finished run found drifted above their threshold. */
    public List<Incident> openIncidents() {
        return latest(10).stream().filter(report -> report.status() != RunStatus.RUNNING).findFirst()
                .map(ReconciliationReport::incidents).orElse(List.of());
    }

    private static String toJson(ReconciliationReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write reconciliation report " + report.runId(), e);
        }
    }

    private static ReconciliationReport fromJson(String json) {
        try {
            return JSON.readValue(json, ReconciliationReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable reconciliation report: " + json, e);
        }
    }
}
