package dev.regent.projections.shadow;

import dev.regent.projections.replication.ProjectionDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a swap would change, on real PostgreSQL: rows compared by version and canonical state. */
class ShadowRowsTest {

    private final JdbcTemplate jdbc = ProjectionDatabase.jdbc();
    private final ShadowRows rows = new ShadowRows(jdbc);
    private final String live = "view-" + UUID.randomUUID().toString().substring(0, 8);
    private final String shadow = ShadowRebuilds.shadowOf(live);

    @BeforeEach
    void bothSidesHoldTheSameRows() {
        for (String view : List.of(live, shadow)) {
            row(view, "a-1", 2, "{\"name\": \"Ada\", \"city\": \"Paris\"}");
            row(view, "a-2", 0, "{\"name\": \"Bo\"}");
        }
    }

    @Test
    void givenTheSameRows_whenCompared_thenNothingDiffers() {
        assertThat(rows.difference(live, shadow, 5).none()).isTrue();
    }

    @Test
    void givenTheSameStateWrittenInAnotherKeyOrder_whenCompared_thenNothingDiffers() {
        jdbc.update("update regent_view set state = '{\"city\":\"Paris\",  \"name\":\"Ada\"}' "
                + "where view_name = ? and aggregate_id = 'a-1'", live);

        assertThat(rows.difference(live, shadow, 5).none()).isTrue();
    }

    @Test
    void givenRowsOnOneSideOnlyOrAtAnotherVersionOrState_whenCompared_thenEachIsNamedInItsClass() {
        row(shadow, "a-3", 0, "{\"name\": \"Cy\"}");
        row(live, "a-4", 1, "{\"name\": \"Di\"}");
        jdbc.update("update regent_view set state = '{\"name\": \"Ada\", \"city\": \"Lyon\"}' "
                + "where view_name = ? and aggregate_id = 'a-1'", live);
        jdbc.update("update regent_view set last_sequence = 1 where view_name = ? and aggregate_id = 'a-2'", live);

        ShadowDifference difference = rows.difference(live, shadow, 5);

        assertThat(difference).isEqualTo(new ShadowDifference(1, 2, 1, List.of("a-3"), List.of("a-1", "a-2"),
                List.of("a-4")));
    }

    @Test
    void givenManyDifferences_whenCompared_thenAllAreCountedAndTheSampleIsBounded() {
        for (int i = 0; i < 30; i++) {
            row(shadow, "b-%02d".formatted(i), 0, "{}");
        }

        ShadowDifference difference = rows.difference(live, shadow, 3);

        assertThat(difference.added()).isEqualTo(30);
        assertThat(difference.addedSample()).containsExactly("b-00", "b-01", "b-02");
    }

    @Test
    void givenAShadow_whenSwapped_thenItsRowsAreTheLiveOnesAndNothingIsLeftUnderTheShadowName() {
        row(shadow, "a-3", 0, "{\"name\": \"Cy\"}");
        row(live, "a-4", 1, "{\"name\": \"Di\"}");

        rows.swap(live, shadow);

        assertThat(jdbc.queryForList("select aggregate_id from regent_view where view_name = ? order by 1",
                String.class, live)).containsExactly("a-1", "a-2", "a-3");
        assertThat(rows.exists(shadow)).isFalse();
    }

    private void row(String view, String aggregateId, long lastSequence, String state) {
        jdbc.update("""
                insert into regent_view (view_name, aggregate_id, aggregate_type, owner_region, owner_epoch,
                                         last_sequence, state, last_event_id, last_event_at)
                values (?, ?, 'Customer', 'eu', 1, ?, ?::jsonb, ?, now())
                """, view, aggregateId, lastSequence, state, UUID.randomUUID().toString());
    }
}
