package io.engram.app.carepathways.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One patient's record: the id and the visits in time order. Immutable.
 *
 * @param id     the patient id
 * @param visits the visits, sorted by day
 */
record Patient(String id, List<Visit> visits) {

    Patient {
        visits = visits.stream().sorted(Comparator.comparingLong(Visit::day)).toList();
    }

    /**
     * One visit: its day (days since 1970-01-01) and the codes recorded at it (diagnoses,
     * medications, procedures, in any code system), each once.
     */
    record Visit(long day, Set<String> codes) {
        Visit {
            codes = Set.copyOf(codes);
        }
    }

    int length() {
        return visits.size();
    }
}
