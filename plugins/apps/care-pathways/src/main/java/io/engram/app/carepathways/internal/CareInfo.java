package io.engram.app.carepathways.internal;

import io.engram.api.Dataset;
import java.util.List;
import java.util.Optional;

/**
 * What {@code evaluate} needs besides the encoded sequences, made from the training patients and
 * attached to every dataset the application loads ({@link Dataset#withContext}). Immutable.
 *
 * @param codes        the codes, sorted: the inputs' and the outputs' order
 * @param target       what is predicted
 * @param gapDays      the mean interval between visits of the training patients, days
 * @param medianGapDays the median of those intervals, days (the interval baseline)
 * @param frequent     the indices of the codes, most frequent at the training visits first
 */
record CareInfo(List<String> codes, CareTarget target, double gapDays, double medianGapDays, int[] frequent) {

    CareInfo {
        codes = List.copyOf(codes);
        frequent = frequent.clone();
    }

    static Optional<CareInfo> of(Dataset data) {
        return data.context(CareInfo.class);
    }
}
