package io.engram.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weights of a network grouped by the unit they feed, over the flat layout of its
 * {@link io.engram.api.ParameterVector}: the node-decoupling of the decoupled extended Kalman filter
 * (Puskorius and Feldkamp 1994, "Neurocontrol of nonlinear dynamical systems with Kalman filter
 * trained recurrent networks", IEEE Trans. Neural Networks 5(2), section III) and the subpopulations
 * of enforced-subpopulation neuroevolution (ESP; Gomez and Miikkulainen 1999), one per unit.
 *
 * <p>The rule reads only names and shapes, as families lay parameters out ({@code x [in, out]},
 * {@code x [out]}, inputs by rows, receiving units by the last axis): element {@code k} of parameter
 * {@code prefix.name} whose last dimension is {@code d} feeds unit {@code (prefix, d, k mod d)}; all
 * elements with the same unit form one group. So column {@code j} of an input matrix, of a
 * recurrent matrix and element {@code j} of a bias of the same layer (prefix {@code layer0}) are one
 * group: the weights into gate or unit {@code j}. Vectors of another width in the layer (peepholes)
 * group by their own index, and the readout ({@code readout.w}, {@code readout.b}) by output unit.
 * Stateless.
 */
public final class UnitGroups {
    private UnitGroups() {
    }

    /**
     * The groups of the flat vector that lays out {@code shapes} one after the other, each
     * row-major (the order of the map); a group is the ascending flat indices of its elements, groups
     * in the order of their first element. Parameters in {@code excluded} keep their place in the
     * layout but belong to no group.
     *
     * @param shapes each parameter's dimensions, in layout order
     */
    public static List<int[]> of(Map<String, int[]> shapes, Set<String> excluded) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        int offset = 0;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            int[] dims = e.getValue();
            int size = 1;
            for (int d : dims) {
                size *= d;
            }
            if (!excluded.contains(e.getKey())) {
                String name = e.getKey();
                int dot = name.lastIndexOf('.');
                String prefix = dot < 0 ? "" : name.substring(0, dot);
                int last = dims.length == 0 ? 1 : Math.max(1, dims[dims.length - 1]);
                for (int k = 0; k < size; k++) {
                    groups.computeIfAbsent(prefix + '#' + last + '#' + (k % last), x -> new ArrayList<>())
                            .add(offset + k);
                }
            }
            offset += size;
        }
        List<int[]> out = new ArrayList<>(groups.size());
        for (List<Integer> g : groups.values()) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }
}
