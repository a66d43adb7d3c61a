package dev.regent.projections.shadow;

import java.util.ArrayList;
import java.util.List;

/**
 * What swapping a shadow in would do to the live view, row by row (a row compared by its version and its canonical
 * state): rows it would add, change and remove, counted, with a bounded sample of aggregate ids of each class. Only
 * ids: a view's rows may hold personal data.
 */
public record ShadowDifference(long added, long changed, long removed, List<String> addedSample,
                               List<String> changedSample, List<String> removedSample) {

    /** How a row of either side differs from the other. */
    enum Kind {
        ADDED, CHANGED, REMOVED;

        /** Only rows that differ are classified: a row in both sides is one that changed. */
        static Kind of(boolean inShadow, boolean inLive) {
            if (inShadow && inLive) {
                return CHANGED;
            }
            if (inShadow) {
                return ADDED;
            }
            if (inLive) {
                return REMOVED;
            }
            throw new IllegalArgumentException("A row is in the shadow, the live view or both");
        }
    }

    public boolean none() {
        return added == 0 && changed == 0 && removed == 0;
    }

    /** Counts rows as they come, keeping the first {@code sampleSize} ids of each kind. */
    static final class Tally {

        private final int sampleSize;
        private final long[] counts = new long[Kind.values().length];
        private final List<List<String>> samples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

        Tally(int sampleSize) {
            this.sampleSize = sampleSize;
        }

        void add(Kind kind, String aggregateId) {
            counts[kind.ordinal()]++;
            List<String> sample = samples.get(kind.ordinal());
            if (sample.size() < sampleSize) {
                sample.add(aggregateId);
            }
        }

        ShadowDifference result() {
            return new ShadowDifference(counts[0], counts[1], counts[2], List.copyOf(samples.get(0)),
                    List.copyOf(samples.get(1)), List.copyOf(samples.get(2)));
        }
    }
}
