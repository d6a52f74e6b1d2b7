package dev.sparring.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    private static final ActionFunction RAMP = (observation, action) -> action[0] = observation[0] + observation[1];
    private static final ActionFunction HALF = (observation, action) -> action[0] = 0.5 * observation[0];

    @TempDir
    Path dir;

    @Test
    void shouldDrawLearningCurvesOfBothMethodsInTheirColours() throws Exception {
        final Path png = dir.resolve("learning.png");

        Plots.learningCurves(png, "inverted_pendulum: learning curves", List.of(
            new Labelled<>("baseline", curve(0.0)), new Labelled<>("RARL", curve(40.0))), 900, 540);

        final BufferedImage image = decode(png, 900, 540);
        assertTrue(GraphicsEnvironment.isHeadless());
        assertTrue(pixels(image, Plots.seriesColor(0), 24, 0, image.getWidth()) > 200, "baseline line pixels");
        assertTrue(pixels(image, Plots.seriesColor(1), 24, 0, image.getWidth()) > 200, "RARL line pixels");
    }

    @Test
    void shouldColourEachRobotsGroupInEachWindow() throws Exception {
        final Path png = dir.resolve("groups.png");
        final int[][] groups = new int[10][8];
        for (final int[] window : groups) {
            for (int robot = 0; robot < 8; robot++) {
                window[robot] = robot < 4 ? 0 : 1;
            }
        }
        groups[9][7] = -1;

        Plots.groupsOverTime(png, "groups", "two types", groups, new int[] {4}, 800, 480);

        final BufferedImage image = decode(png, 800, 480);
        final int first = pixels(image, Plots.seriesColor(0), 8, 0, image.getWidth());
        final int second = pixels(image, Plots.seriesColor(1), 8, 0, image.getWidth());
        assertTrue(first > 10_000 && second > 10_000, "both groups fill their half: " + first + ", " + second);
        assertTrue(Plots.seriesColor(2).getRGB() != Plots.seriesColor(0).getRGB());
    }

    @Test
    void shouldDrawRobustnessCurvesOfBothMethods() throws Exception {
        final Path png = dir.resolve("curves.png");
        final RobustnessSweep sweep = RobustnessSweep.curve(ParameterAxis.mass(ParameterAxis.range(0.5, 1.5, 11)), 4,
            1L);

        Plots.robustnessCurves(png, "return vs mass", List.of(
            new Labelled<>("baseline", sweep.run(new ScriptedEnv(10), HALF, DisturbanceMode.none())),
            new Labelled<>("RARL", sweep.run(new ScriptedEnv(10), RAMP, DisturbanceMode.none()))),
            "± 1 standard deviation over 4 episodes per point", 800, 500);

        final BufferedImage image = decode(png, 800, 500);
        assertTrue(pixels(image, Plots.seriesColor(0), 24, 0, image.getWidth()) > 200, "baseline line pixels");
        assertTrue(pixels(image, Plots.seriesColor(1), 24, 0, image.getWidth()) > 200, "RARL line pixels");
    }

    @Test
    void shouldDrawHeatMapsOnOneSharedColourScale() throws Exception {
        final Path png = dir.resolve("heat.png");
        final RobustnessSweep sweep = RobustnessSweep.grid(ParameterAxis.mass(ParameterAxis.range(0.5, 1.5, 11)),
            ParameterAxis.scaled("length_m", ParameterAxis.range(0.5, 1.5, 11)), 2, 1L);
        final SweepResult baseline = sweep.run(new ScriptedEnv(10), HALF, DisturbanceMode.none());
        final SweepResult rarl = sweep.run(new ScriptedEnv(10), RAMP, DisturbanceMode.none());

        Plots.robustnessHeatMaps(png, "return vs mass and length", List.of(new Labelled<>("baseline", baseline),
            new Labelled<>("RARL", rarl)), 1100, 500);

        final BufferedImage image = decode(png, 1100, 500);
        final ViridisScale scale = new ViridisScale(baseline.meanReturn(0, 0), rarl.meanReturn(10, 10));
        final Color lowest = scale.color(baseline.meanReturn(0, 0));
        final Color highest = scale.color(rarl.meanReturn(10, 10));
        assertTrue(pixels(image, lowest, 0, 0, 550) > 100, "the lowest cell is in the baseline panel");
        assertEquals(0, pixels(image, lowest, 0, 550, 1100), "the lowest colour is in no other cell");
        assertTrue(pixels(image, highest, 0, 550, 990) > 100, "the highest cell is in the RARL panel");
        assertTrue(pixels(image, lowest, 6, 990, 1100) > 0, "the colour bar reaches the lowest colour");
        assertTrue(pixels(image, highest, 6, 990, 1100) > 0, "the colour bar reaches the highest colour");
    }

    @Test
    void shouldRefuseHeatMapsOverDifferentAxes() {
        final SweepResult a = RobustnessSweep.grid(ParameterAxis.mass(0.5, 1.0), ParameterAxis.scaled("length_m", 1.0,
            2.0), 1, 0L).run(new ScriptedEnv(3), RAMP, DisturbanceMode.none());
        final SweepResult b = RobustnessSweep.grid(ParameterAxis.mass(0.5, 1.5), ParameterAxis.scaled("length_m", 1.0,
            2.0), 1, 0L).run(new ScriptedEnv(3), RAMP, DisturbanceMode.none());

        assertThrows(IllegalArgumentException.class, () -> Plots.robustnessHeatMaps(dir.resolve("x.png"), "x",
            List.of(new Labelled<>("baseline", a), new Labelled<>("RARL", b)), 800, 400));
    }

    private static MeanCurve curve(final double lift) {
        final List<LearningCurve> seeds = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            final double[] steps = new double[50];
            final double[] values = new double[50];
            for (int i = 0; i < 50; i++) {
                steps[i] = 20_000.0 * i;
                values[i] = (1000.0 - lift) * (1.0 - Math.exp(-i / 12.0)) + lift + 30.0 * (s - 1) * Math.sin(i);
            }
            seeds.add(new LearningCurve(steps, values));
        }
        return LearningCurves.aggregate(seeds, 100);
    }

    private static BufferedImage decode(final Path png, final int widthPx, final int heightPx) throws Exception {
        final BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(widthPx, image.getWidth());
        assertEquals(heightPx, image.getHeight());
        return image;
    }

    /** Pixels in columns [fromX, toX) within a summed RGB distance {@code tolerance} of a colour. */
    private static int pixels(final BufferedImage image, final Color color, final int tolerance, final int fromX,
        final int toX) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) {
                final Color pixel = new Color(image.getRGB(x, y));
                if (Math.abs(pixel.getRed() - color.getRed()) + Math.abs(pixel.getGreen() - color.getGreen())
                    + Math.abs(pixel.getBlue() - color.getBlue()) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }
}
