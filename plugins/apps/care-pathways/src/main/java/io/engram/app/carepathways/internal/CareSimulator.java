package io.engram.app.carepathways.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A seeded simulator of primary-care records, the data of the application when no file is given.
 *
 * <h2>Conditions</h2>
 * Eight chronic conditions, each with three stages; a stage has a diagnosis code and a medication:
 * <pre>
 * condition         prior  stage 1 / 2 / 3 diagnoses       medications                              lab
 * type 2 diabetes   0.20   E11.9  E11.65 E11.22            RX:metformin RX:glipizide RX:insulin     LAB:hba1c
 * hypertension      0.25   I10    I11.9  I13.0             RX:lisinopril RX:amlodipine RX:furosemide LAB:bp
 * kidney disease    0.04   N18.2  N18.3  N18.4             RX:losartan RX:calcitriol RX:epoetin     LAB:egfr
 * COPD              0.10   J44.9  J44.1  J44.0             RX:tiotropium RX:salmeterol RX:prednisone LAB:spirometry
 * heart failure     0.04   I50.9  I50.22 I50.23            RX:carvedilol RX:spironolactone RX:digoxin LAB:bnp
 * depression        0.12   F32.9  F32.1  F32.2             RX:sertraline RX:bupropion RX:quetiapine LAB:phq9
 * osteoarthritis    0.15   M17.9  M17.11 M17.0             RX:ibuprofen RX:tramadol PR:arthroplasty LAB:xray-knee
 * hyperlipidemia    0.25   E78.5  E78.0  E78.2             RX:atorvastatin RX:ezetimibe RX:evolocumab LAB:lipids
 * </pre>
 * A patient has each condition from the first visit with its prior probability, at stage 1.
 *
 * <h2>Progression and comorbidity</h2>
 * After each visit, each condition a patient has moves up a stage with probability
 * {@value #PROGRESSION} (up to 3), and each condition the patient lacks begins (at stage 1) with
 * probability {@value #ONSET}, raised by {@value #COMORBID} for each of these links the patient has:
 * diabetes to kidney disease, diabetes to hypertension, hypertension to heart failure, kidney disease
 * to heart failure, COPD to heart failure, osteoarthritis at stage 2 or more to depression.
 *
 * <h2>Visits</h2>
 * At a visit, for each condition at stage {@code s}: its stage-{@code s} diagnosis with probability
 * 0.9, the medication of every stage up to {@code s} each with probability 0.8, its lab with
 * probability 0.4. Besides: a number of acute codes drawn from Poisson(0.7), each from twenty
 * ({@link #ACUTE}) with weights 1/1, 1/2, ... 1/20; the routine check-up {@code Z00.00} with
 * probability 0.3; a visit with no code gets the check-up. The time to the next visit follows a gamma
 * distribution of shape 2 with mean 200 / (1 + 0.6 * the sum of the stages) days, rounded up to whole
 * days; after a visit with an acute code, a follow-up comes 7 to 21 days later (uniform) instead,
 * with probability 0.5. A patient has
 * 4 to 20 visits (uniform), the first on a day of 2020 (uniform).
 *
 * <p>Stateless.
 */
final class CareSimulator {
    static final double PROGRESSION = 0.08;
    static final double ONSET = 0.01;
    static final double COMORBID = 0.04;

    static final String[][] DIAGNOSES = {
        {"E11.9", "E11.65", "E11.22"}, {"I10", "I11.9", "I13.0"}, {"N18.2", "N18.3", "N18.4"},
        {"J44.9", "J44.1", "J44.0"}, {"I50.9", "I50.22", "I50.23"}, {"F32.9", "F32.1", "F32.2"},
        {"M17.9", "M17.11", "M17.0"}, {"E78.5", "E78.0", "E78.2"}};
    static final String[][] MEDICATIONS = {
        {"RX:metformin", "RX:glipizide", "RX:insulin"}, {"RX:lisinopril", "RX:amlodipine", "RX:furosemide"},
        {"RX:losartan", "RX:calcitriol", "RX:epoetin"}, {"RX:tiotropium", "RX:salmeterol", "RX:prednisone"},
        {"RX:carvedilol", "RX:spironolactone", "RX:digoxin"}, {"RX:sertraline", "RX:bupropion", "RX:quetiapine"},
        {"RX:ibuprofen", "RX:tramadol", "PR:arthroplasty"}, {"RX:atorvastatin", "RX:ezetimibe", "RX:evolocumab"}};
    static final String[] LABS = {"LAB:hba1c", "LAB:bp", "LAB:egfr", "LAB:spirometry", "LAB:bnp", "LAB:phq9",
        "LAB:xray-knee", "LAB:lipids"};
    static final double[] PRIOR = {0.20, 0.25, 0.04, 0.10, 0.04, 0.12, 0.15, 0.25};
    static final String[] ACUTE = {"J06.9", "M54.5", "N39.0", "R51", "J02.9", "R05", "K52.9", "H66.9", "J20.9",
        "R10.9", "L03.90", "S93.4", "B34.9", "K21.9", "R42", "T78.40", "H10.9", "L30.9", "R50.9", "S61.4"};
    static final String CHECK_UP = "Z00.00";

    private static final int DIABETES = 0;
    private static final int HYPERTENSION = 1;
    private static final int KIDNEY = 2;
    private static final int COPD = 3;
    private static final int HEART_FAILURE = 4;
    private static final int DEPRESSION = 5;
    private static final int ARTHRITIS = 6;
    private static final long FIRST_DAY = LocalDate.of(2020, 1, 1).toEpochDay();

    private CareSimulator() {
    }

    /** {@code patients} patients drawn from {@code seed}, named {@code p1} on. */
    static List<Patient> simulate(int patients, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Patient> out = new ArrayList<>(patients);
        for (int i = 1; i <= patients; i++) {
            out.add(new Patient("p" + i, patient(r.split())));
        }
        return out;
    }

    private static List<Patient.Visit> patient(SplittableRandom r) {
        int n = DIAGNOSES.length;
        int[] stage = new int[n];
        for (int c = 0; c < n; c++) {
            stage[c] = r.nextDouble() < PRIOR[c] ? 1 : 0;
        }
        int visits = 4 + r.nextInt(17);
        long day = FIRST_DAY + r.nextInt(366);
        List<Patient.Visit> out = new ArrayList<>(visits);
        for (int v = 0; v < visits; v++) {
            out.add(new Patient.Visit(day, codes(r, stage)));
            day += interval(r, stage, out.get(v).codes());
            evolve(r, stage);
        }
        return out;
    }

    /** Days to the next visit: a follow-up after an acute code, else gamma(2) around the state's mean. */
    private static long interval(SplittableRandom r, int[] stage, java.util.Set<String> codes) {
        boolean acute = java.util.Arrays.stream(ACUTE).anyMatch(codes::contains);
        if (acute && r.nextDouble() < 0.5) {
            return 7 + r.nextInt(15);
        }
        int sum = 0;
        for (int s : stage) {
            sum += s;
        }
        double half = 200 / (1 + 0.6 * sum) / 2;
        double days = -half * Math.log(1 - r.nextDouble()) - half * Math.log(1 - r.nextDouble());
        return Math.max(1, (long) Math.ceil(days));
    }

    private static TreeSet<String> codes(SplittableRandom r, int[] stage) {
        TreeSet<String> codes = new TreeSet<>();
        for (int c = 0; c < stage.length; c++) {
            if (stage[c] == 0) {
                continue;
            }
            if (r.nextDouble() < 0.9) {
                codes.add(DIAGNOSES[c][stage[c] - 1]);
            }
            for (int s = 0; s < stage[c]; s++) {
                if (r.nextDouble() < 0.8) {
                    codes.add(MEDICATIONS[c][s]);
                }
            }
            if (r.nextDouble() < 0.4) {
                codes.add(LABS[c]);
            }
        }
        int acute = poisson(r, 0.7);
        for (int k = 0; k < acute; k++) {
            codes.add(ACUTE[zipf(r)]);
        }
        if (r.nextDouble() < 0.3 || codes.isEmpty()) {
            codes.add(CHECK_UP);
        }
        return codes;
    }

    private static void evolve(SplittableRandom r, int[] stage) {
        int[] before = stage.clone();
        for (int c = 0; c < stage.length; c++) {
            if (before[c] > 0) {
                if (before[c] < 3 && r.nextDouble() < PROGRESSION) {
                    stage[c]++;
                }
                continue;
            }
            double hazard = ONSET;
            if (c == KIDNEY && before[DIABETES] > 0) {
                hazard += COMORBID;
            }
            if (c == HYPERTENSION && before[DIABETES] > 0) {
                hazard += COMORBID;
            }
            if (c == HEART_FAILURE) {
                hazard += COMORBID * ((before[HYPERTENSION] > 0 ? 1 : 0) + (before[KIDNEY] > 0 ? 1 : 0)
                        + (before[COPD] > 0 ? 1 : 0));
            }
            if (c == DEPRESSION && before[ARTHRITIS] >= 2) {
                hazard += COMORBID;
            }
            if (r.nextDouble() < hazard) {
                stage[c] = 1;
            }
        }
    }

    private static int poisson(SplittableRandom r, double mean) {
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }

    private static int zipf(SplittableRandom r) {
        double total = 0;
        for (int i = 1; i <= ACUTE.length; i++) {
            total += 1.0 / i;
        }
        double u = r.nextDouble() * total;
        for (int i = 1; i <= ACUTE.length; i++) {
            u -= 1.0 / i;
            if (u < 0) {
                return i - 1;
            }
        }
        return ACUTE.length - 1;
    }

    /**
     * Writes {@code patients} as the CSV {@link VisitCsvReader} reads ({@code patient,date,codes}, the
     * codes separated by spaces), to a temporary file renamed over {@code file} (gzip-compressed when the
 * name ends with {@code .gz}).
     */
    static void write(List<Patient> patients, Path file) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try (Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(gzip
                ? new java.util.zip.GZIPOutputStream(Files.newOutputStream(tmp)) : Files.newOutputStream(tmp),
                StandardCharsets.UTF_8))) {
            w.write("patient,date,codes\n");
            for (Patient p : patients) {
                for (Patient.Visit v : p.visits()) {
                    w.write(p.id() + "," + LocalDate.ofEpochDay(v.day()) + "," + String.join(" ", new TreeSet<>(v.codes())) + "\n");
                }
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
