package io.engram.spark;

import io.engram.launcher.Main;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main class for {@code spark-submit}: {@code spark-submit --master MASTER
 * --conf spark.executorEnv.ENGRAM_HOME=/opt/engram --driver-java-options -Dengram.home=/opt/engram
 * engram-spark.jar SPEC [KEY=VALUE...]} runs {@code engram run --spark MASTER SPEC [KEY=VALUE...]}
 * with the master that {@code spark-submit} set. The Engram installation comes from the system
 * property {@code engram.home}, else from the environment variable {@code ENGRAM_HOME}.
 */
public final class Submit {

    private Submit() {
    }

    public static void main(String[] args) throws Throwable {
        if (System.getProperty("engram.home") == null && System.getenv("ENGRAM_HOME") != null) {
            System.setProperty("engram.home", System.getenv("ENGRAM_HOME"));
        }
        List<String> line = new ArrayList<>(List.of("run", "--spark", System.getProperty("spark.master", "")));
        line.addAll(Arrays.asList(args));
        Main.main(line.toArray(String[]::new));
    }
}
