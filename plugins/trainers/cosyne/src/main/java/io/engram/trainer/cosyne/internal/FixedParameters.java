package io.engram.trainer.cosyne.internal;

import io.engram.api.Network;
import io.engram.api.ParameterVector;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Which elements of a network's parameter vector a regular expression over parameter names fixes. Stateless. */
final class FixedParameters {
    private FixedParameters() {
    }

    /**
     * One flag per element of {@code network}'s parameter vector (the family's, or
     * {@link ParameterVector#of}, as the population search lays it out): true for the elements of the
     * parameters whose whole name matches {@code regex}; all false for an empty one.
     *
     * @throws IllegalArgumentException naming {@code trainer.fixed} when {@code regex} is not a valid
     *                                  regular expression
     */
    static boolean[] flags(Network network, String regex) {
        ParameterVector layout = network.capability(ParameterVector.class)
                .orElseGet(() -> ParameterVector.of(network));
        boolean[] fixed = new boolean[layout.size()];
        if (regex.isEmpty()) {
            return fixed;
        }
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("trainer.fixed: not a regular expression: " + regex + " ("
                    + e.getDescription() + ")", e);
        }
        int offset = 0;
        for (String name : layout.names()) {
            int n = network.parameters().get(name).shape().size();
            if (p.matcher(name).matches()) {
                java.util.Arrays.fill(fixed, offset, offset + n, true);
            }
            offset += n;
        }
        return fixed;
    }
}
