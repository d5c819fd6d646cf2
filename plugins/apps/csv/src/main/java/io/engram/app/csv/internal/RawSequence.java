package io.engram.app.csv.internal;

import java.util.List;

/**
 * A sequence as read, before targets are typed: per step its line, its inputs and its raw target
 * cells. An incomplete sequence had a step that could not be read; its other steps are still checked
 * so that every problem is reported, but it yields no data.
 */
record RawSequence(String file, int line, List<Step> steps, boolean complete) {

    record Step(int line, double[] inputs, List<String> targets) {
    }
}
