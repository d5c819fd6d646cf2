package io.engram.app.subcellular.internal;

import io.engram.layers.protein.ProteinRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of protein sequences whose compartment is told by the sorting signal planted in
 * them, as cells read it (Emanuelsson et al. 2000 for the N-terminal signals; Kalderon et al. 1984 for
 * the SV40 nuclear localisation signal; Gould et al. 1989 for the peroxisomal SKL; Munro and Pelham
 * 1987 for KDEL). The background residues are drawn independently from {@link #BACKGROUND}, the
 * amino-acid frequencies of the 100 UniProtKB/Swiss-Prot entries that Debian's {@code emboss-test}
 * package ships ({@code /usr/share/EMBOSS/test/swiss/seq.dat}, 37,224 residues; counted by
 * {@code tools/residue-frequencies.py}). Every sequence starts with M. The classes:
 * <ul>
 *   <li>{@code Cytoplasm}: no signal.</li>
 *   <li>{@code Secreted}: an N-terminal signal peptide: after the M, an n-region of 1 to 5 residues,
 *   half of them K or R; an h-region of 7 to 15 hydrophobic residues (L, A, V, I, F, M, W); a
 *   c-region of 3 to 6 small or polar residues ending in the cleavage motif A-x-A.</li>
 *   <li>{@code ER}: the same signal peptide and the retention signal KDEL (HDEL one time in four) as
 *   the last four residues.</li>
 *   <li>{@code Mitochondrion}: an N-terminal transit peptide of 15 to 35 residues, rich in R, L, A and
 *   S and without D or E.</li>
 *   <li>{@code Nucleus}: a nuclear localisation signal somewhere in the middle half: SV40's PKKKRKV,
 *   c-Myc's PAAKRVKLD or nucleoplasmin's bipartite KRPAATKKAGQAKKKK.</li>
 *   <li>{@code Peroxisome}: the C-terminal targeting signal SKL (or AKL, SRL, SHL).</li>
 * </ul>
 * Each residue of a planted signal is replaced by a background draw with probability
 * {@code mutation}, so that some signals are blurred. Decoys make the residue composition a poor
 * guide, as it is in real proteins, whose hydrophobic cores and basic patches lie anywhere: every
 * sequence, whatever its class, gets with probability {@code decoy} each of a hydrophobic stretch
 * like an h-region, a stretch like a transit peptide, and an internal KDEL or SKL, all placed in
 * its middle half, where they sort nothing; only where a signal lies tells the class. Sequence lengths are uniform in
 * {@code [minLength, maxLength]}, signals included. The records are drawn class by class, in the
 * order of {@link #CLASSES}, from one {@link Random} seeded with the seed. Stateless.
 */
final class LocalisationSignals {
    static final List<String> CLASSES = List.of("Cytoplasm", "ER", "Mitochondrion", "Nucleus", "Peroxisome", "Secreted");
    static final String RESIDUES = "ACDEFGHIKLMNPQRSTVWY";
    /** Frequencies of {@link #RESIDUES} in emboss-test's Swiss-Prot sample. */
    static final double[] BACKGROUND = {0.0783, 0.0195, 0.0543, 0.0616, 0.0405, 0.0687, 0.0222, 0.0556, 0.0497, 0.0931,
        0.0269, 0.0377, 0.0534, 0.0382, 0.0491, 0.0772, 0.0581, 0.0702, 0.0151, 0.0306};
    static final List<String> NLS = List.of("PKKKRKV", "PAAKRVKLD", "KRPAATKKAGQAKKKK");
    static final List<String> PTS1 = List.of("SKL", "SKL", "AKL", "SRL", "SHL");

    private LocalisationSignals() {
    }

    /** What the generator is asked for. */
    record Spec(int perClass, int minLength, int maxLength, double mutation, double decoy) {
    }

    static List<ProteinRecord> generate(Spec spec, long seed) {
        Random r = new Random(seed);
        List<ProteinRecord> out = new ArrayList<>();
        for (String label : CLASSES) {
            for (int i = 0; i < spec.perClass(); i++) {
                String id = label.toLowerCase() + "-" + i;
                out.add(new ProteinRecord(id, sequence(label, spec, r), label, "generator:" + id));
            }
        }
        return out;
    }

    static String sequence(String label, Spec spec, Random r) {
        int length = spec.minLength() + r.nextInt(spec.maxLength() - spec.minLength() + 1);
        String head = "";
        String tail = "";
        String middle = "";
        switch (label) {
            case "Secreted" -> head = signalPeptide(r);
            case "ER" -> {
                head = signalPeptide(r);
                tail = r.nextInt(4) == 0 ? "HDEL" : "KDEL";
            }
            case "Mitochondrion" -> head = transitPeptide(r);
            case "Nucleus" -> middle = NLS.get(r.nextInt(NLS.size()));
            case "Peroxisome" -> tail = PTS1.get(r.nextInt(PTS1.size()));
            default -> {
            }
        }
        StringBuilder decoys = new StringBuilder();
        if (r.nextDouble() < spec.decoy()) {
            int h = 7 + r.nextInt(9);
            for (int i = 0; i < h; i++) {
                decoys.append(pick("LLLAAVVIFMW", r));
            }
        }
        if (r.nextDouble() < spec.decoy()) {
            decoys.append(transitPeptide(r));
        }
        if (r.nextDouble() < spec.decoy()) {
            decoys.append(r.nextBoolean() ? "KDEL" : "SKL");
        }
        middle = r.nextBoolean() ? middle + background(r) + decoys : decoys + "" + background(r) + middle;
        head = mutate(head, spec.mutation(), r);
        tail = mutate(tail, spec.mutation(), r);
        middle = mutate(middle, spec.mutation(), r);
        int free = Math.max(0, length - 1 - head.length() - tail.length() - middle.length());
        StringBuilder s = new StringBuilder("M").append(head);
        int at = middle.isEmpty() ? 0 : free / 4 + r.nextInt(free / 2 + 1);
        for (int i = 0; i < free; i++) {
            if (i == at) {
                s.append(middle);
            }
            s.append(background(r));
        }
        if (free == 0) {
            s.append(middle);
        }
        return s.append(tail).toString();
    }

    private static String signalPeptide(Random r) {
        StringBuilder s = new StringBuilder();
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            s.append(r.nextBoolean() ? (r.nextBoolean() ? 'K' : 'R') : background(r));
        }
        int h = 7 + r.nextInt(9);
        for (int i = 0; i < h; i++) {
            s.append(pick("LLLAAVVIFMW", r));
        }
        int c = 3 + r.nextInt(4);
        for (int i = 0; i < c - 3; i++) {
            s.append(pick("SGTQNA", r));
        }
        return s.append('A').append(pick("SGTQNAPE", r)).append('A').toString();
    }

    private static String transitPeptide(Random r) {
        StringBuilder s = new StringBuilder();
        int n = 15 + r.nextInt(21);
        for (int i = 0; i < n; i++) {
            s.append(pick("RRRLLLAAASSSGKQFVTP", r));
        }
        return s.toString();
    }

    private static String mutate(String signal, double rate, Random r) {
        StringBuilder s = new StringBuilder(signal);
        for (int i = 0; i < s.length(); i++) {
            if (r.nextDouble() < rate) {
                s.setCharAt(i, background(r));
            }
        }
        return s.toString();
    }

    static char background(Random r) {
        double u = r.nextDouble();
        double sum = 0;
        double total = 0;
        for (double f : BACKGROUND) {
            total += f;
        }
        for (int i = 0; i < BACKGROUND.length; i++) {
            sum += BACKGROUND[i] / total;
            if (u < sum) {
                return RESIDUES.charAt(i);
            }
        }
        return RESIDUES.charAt(RESIDUES.length() - 1);
    }

    private static char pick(String from, Random r) {
        return from.charAt(r.nextInt(from.length()));
    }
}
