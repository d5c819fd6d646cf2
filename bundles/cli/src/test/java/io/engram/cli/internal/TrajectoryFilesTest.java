package io.engram.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.kernel.Predictor.Replay;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoryFilesTest {
    @TempDir
    Path tmp;

    private static Replay replay() {
        return new Replay(List.of("step", "x.m", "theta1.degrees", "action.0", "reward"), List.of(
                new double[] {0, 0, 4.5, Double.NaN, 0},
                new double[] {1, 0.25, 3.0, -1, 1},
                new double[] {2, 0.5, -2.5, 0.125, 1}));
    }

    @Test
    void theCsvHasAHeaderAndEmptyFieldsForMissingNumbers() {
        assertEquals("step,x.m,theta1.degrees,action.0,reward\n0,0,4.5,,0\n1,0.25,3,-1,1\n2,0.5,-2.5,0.125,1\n",
                TrajectoryFiles.csv(replay()));
    }

    @Test
    void writesTheCsvAndAPanelPerPlottedColumn() throws Exception {
        List<Path> written = TrajectoryFiles.write(TrajectoryFiles.base(tmp.resolve("run.png")), replay());
        assertEquals(List.of(tmp.resolve("run.csv"), tmp.resolve("run.png")), written);
        assertEquals(TrajectoryFiles.csv(replay()), Files.readString(written.get(0), StandardCharsets.UTF_8));
        BufferedImage png = ImageIO.read(written.get(1).toFile());
        assertEquals(TrajectoryChart.WIDTH, png.getWidth());
        assertEquals(TrajectoryChart.MARGIN + 3 * TrajectoryChart.PANEL, png.getHeight(), "x.m, theta1 and action.0");
        assertEquals(List.of(1, 2, 3), TrajectoryFiles.plotted(replay().columns()));
        assertEquals(tmp.resolve("run"), TrajectoryFiles.base(tmp.resolve("run.csv")));
        assertEquals(tmp.resolve("run.x"), TrajectoryFiles.base(tmp.resolve("run.x")));
    }
}
