package dev.sparring.trainer.eval;

import dev.sparring.hal.io.AtomicFiles;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * PNG plots of training and evaluation results, drawn with JFreeChart off screen:
 * <ul>
 *   <li>{@link #learningCurves}: mean return against environment steps with a ± 1 standard deviation band over
 *       seeds, one colour per method on one chart;</li>
 *   <li>{@link #learningCurvePercentiles}: the median return over seeds against environment steps with a band
 *       between two percentiles over seeds;</li>
 *   <li>{@link #percentiles}: each method's per-seed values sorted against their percentile among the seeds;</li>
 *   <li>{@link #robustnessCurves}: mean return against one parameter's multiplier, ± 1 standard deviation over the
 *       episodes of each point or over seeds, one colour per method;</li>
 *   <li>{@link #robustnessHeatMaps}: one heat map of mean return over a 2-D sweep per method, side by side, with one
 *       shared colour scale and its colour bar.</li>
 * </ul>
 * Methods take colours in order from {@link #seriesColor(int)} (baseline first: blue, then orange). Loading this
 * class sets {@code java.awt.headless=true} unless the property is already set, so plots render on machines without
 * a display; that only takes effect when no AWT class has been used before.
 */
public final class Plots {
    private static final Color[] PALETTE = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0x9467BD), new Color(0x8C564B),
        new Color(0xE377C2), new Color(0x7F7F7F), new Color(0x17BECF), new Color(0xBCBD22), new Color(0xD62728)};
    private static final String FONT = Font.SANS_SERIF;
    private static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 20);
    private static final Font SUBTITLE_FONT = new Font(FONT, Font.PLAIN, 13);
    private static final Font PANEL_TITLE_FONT = new Font(FONT, Font.BOLD, 16);
    private static final Font LABEL_FONT = new Font(FONT, Font.PLAIN, 15);
    private static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 12);
    private static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 14);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color TEXT = new Color(0x222222);
    private static final float BAND_ALPHA = 0.22f;
    private static final int COLOUR_BAR_WIDTH_PX = 110;
    private static final int HEAT_MAP_TITLE_HEIGHT_PX = 84;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /**
     * @param index a method's position in the list given to a plot.
     * @return its line colour (Tableau 10, red last as it reads as a warning; the palette repeats after ten).
     */
    public static Color seriesColor(final int index) {
        return PALETTE[index % PALETTE.length];
    }

    /**
     * Plots learning curves: x = environment steps, y = mean return, a band of ± 1 standard deviation over seeds.
     *
     * @param png      the PNG file, created or replaced.
     * @param title    the chart's title.
     * @param methods  one aggregated curve per method.
     * @param widthPx  image width.
     * @param heightPx image height.
     */
    public static void learningCurves(final Path png, final String title, final List<Labelled<MeanCurve>> methods,
        final int widthPx, final int heightPx) {
        learningCurves(png, title, null, "mean episode return", methods, widthPx, heightPx);
    }

    /**
     * Plots learning curves with named axes: x = {@code xLabel} (environment steps when null), y = {@code yLabel},
     * a band of ± 1 standard deviation over seeds.
     *
     * @param png      the PNG file, created or replaced.
     * @param title    the chart's title.
     * @param xLabel   the x axis's label, or null for environment steps.
     * @param yLabel   the y axis's label.
     * @param methods  one aggregated curve per method.
     * @param widthPx  image width.
     * @param heightPx image height.
     */
    public static void learningCurves(final Path png, final String title, final String xLabel, final String yLabel,
        final List<Labelled<MeanCurve>> methods, final int widthPx, final int heightPx) {
        checkMethods(methods);
        final List<Band> bands = new ArrayList<>();
        final List<String> seeds = new ArrayList<>();
        for (final Labelled<MeanCurve> method : methods) {
            final MeanCurve curve = method.value();
            final Band band = new Band(method.label(), curve.size());
            for (int p = 0; p < curve.size(); p++) {
                band.set(p, curve.step(p), curve.mean(p), curve.mean(p) - curve.std(p), curve.mean(p) + curve.std(p));
            }
            bands.add(band);
            seeds.add(method.label() + ": " + curve.seeds());
        }
        final JFreeChart chart = bandChart(title, xLabel == null ? stepsAxis() : axis(xLabel), yLabel, bands, false);
        chart.addSubtitle(subtitle(methods.stream().allMatch(method -> method.value().seeds() == 1)
            ? "one seed per method: no spread over seeds to shade"
            : "shaded: ± 1 standard deviation over seeds (" + String.join(", ", seeds) + ")"));
        write(png, widthPx, heightPx, (g2, area) -> chart.draw(g2, area));
    }

    /**
     * Plots learning curves as the median over seeds, x = environment steps, with a band between two percentiles
     * over seeds (the 25th and 75th, as robust-RL papers draw them).
     *
     * @param png      the PNG file, created or replaced.
     * @param title    the chart's title.
     * @param methods  one percentile curve per method.
     * @param widthPx  image width.
     * @param heightPx image height.
     */
    public static void learningCurvePercentiles(final Path png, final String title,
        final List<Labelled<PercentileCurve>> methods, final int widthPx, final int heightPx) {
        learningCurvePercentiles(png, title, null, "episode return (median over seeds)", methods, widthPx, heightPx);
    }

    /**
     * Plots learning curves as the median over seeds with a band between two percentiles over seeds, with named
     * axes.
     *
     * @param png      the PNG file, created or replaced.
     * @param title    the chart's title.
     * @param xLabel   the x axis's label, or null for environment steps.
     * @param yLabel   the y axis's label.
     * @param methods  one percentile curve per method.
     * @param widthPx  image width.
     * @param heightPx image height.
     */
    public static void learningCurvePercentiles(final Path png, final String title, final String xLabel,
        final String yLabel, final List<Labelled<PercentileCurve>> methods, final int widthPx, final int heightPx) {
        checkMethods(methods);
        final List<Band> bands = new ArrayList<>();
        final List<String> seeds = new ArrayList<>();
        for (final Labelled<PercentileCurve> method : methods) {
            final PercentileCurve curve = method.value();
            final Band band = new Band(method.label(), curve.size());
            for (int p = 0; p < curve.size(); p++) {
                band.set(p, curve.steps()[p], curve.median()[p], curve.low()[p], curve.high()[p]);
            }
            bands.add(band);
            seeds.add(method.label() + ": " + curve.seeds());
        }
        final PercentileCurve first = methods.getFirst().value();
        final JFreeChart chart = bandChart(title, xLabel == null ? stepsAxis() : axis(xLabel), yLabel, bands, false);
        chart.addSubtitle(subtitle(methods.stream().allMatch(method -> method.value().seeds() == 1)
            ? "one seed per method: each line is its seed's curve, no spread to shade"
            : String.format(Locale.ROOT, "line: median; shaded: %.0fth to %.0fth percentile over seeds (%s)",
                first.lowPercentile(), first.highPercentile(), String.join(", ", seeds))));
        write(png, widthPx, heightPx, (g2, area) -> chart.draw(g2, area));
    }

    /**
     * Plots each method's values sorted against their percentile among the method's seeds (the RARL paper's
     * percentile plots): the {@code k}-th smallest of {@code n} values at {@code 100 k/(n − 1)} % (one value at 50 %).
     *
     * @param png         the PNG file, created or replaced.
     * @param title       the chart's title.
     * @param valueLabel  the y axis's label.
     * @param methods     one value per seed, per method (at least one value each).
     * @param widthPx     image width.
     * @param heightPx    image height.
     */
    public static void percentiles(final Path png, final String title, final String valueLabel,
        final List<Labelled<double[]>> methods, final int widthPx, final int heightPx) {
        checkMethods(methods);
        final List<Band> bands = new ArrayList<>();
        for (final Labelled<double[]> method : methods) {
            final double[] sorted = method.value().clone();
            if (sorted.length == 0) {
                throw new IllegalArgumentException("method '" + method.label() + "' has no values to plot");
            }
            Arrays.sort(sorted);
            final Band band = new Band(method.label() + " (" + sorted.length + (sorted.length == 1 ? " seed)"
                : " seeds)"), sorted.length);
            for (int k = 0; k < sorted.length; k++) {
                final double percentile = sorted.length == 1 ? 50.0 : 100.0 * k / (sorted.length - 1);
                band.set(k, percentile, sorted[k], sorted[k], sorted[k]);
            }
            bands.add(band);
        }
        final NumberAxis percentile = axis("percentile of seeds (%)");
        percentile.setRange(-2.0, 102.0);
        final JFreeChart chart = bandChart(title, percentile, valueLabel, bands, true);
        write(png, widthPx, heightPx, (g2, area) -> chart.draw(g2, area));
    }

    /**
     * Plots robustness curves of 1-D sweeps: x = the swept parameter (multiplier or value), y = mean return, a band
     * of ± 1 standard deviation (over each point's episodes for one policy, over seeds for a sweep combined
     * {@link SweepResult#acrossPolicies across policies}: the caller says which); a dashed line marks the nominal
     * value of a multiplier axis.
     *
     * @param png      the PNG file, created or replaced.
     * @param title    the chart's title.
     * @param methods  one 1-D sweep per method, over the same axis.
     * @param bandNote what the band is, e.g. {@code "± 1 standard deviation over seeds"}.
     * @param widthPx  image width.
     * @param heightPx image height.
     */
    public static void robustnessCurves(final Path png, final String title, final List<Labelled<SweepResult>> methods,
        final String bandNote, final int widthPx, final int heightPx) {
        checkMethods(methods);
        checkSameAxes(methods, false);
        final SweepResult first = methods.getFirst().value();
        final List<Band> bands = new ArrayList<>();
        for (final Labelled<SweepResult> method : methods) {
            final SweepResult sweep = method.value();
            final Band band = new Band(method.label(), sweep.sizeA());
            for (int i = 0; i < sweep.sizeA(); i++) {
                final double mean = sweep.meanReturn(i, 0);
                final double std = sweep.stdReturn(i, 0);
                band.set(i, sweep.axisA().point(i), mean, mean - std, mean + std);
            }
            bands.add(band);
        }
        final NumberAxis parameter = axis(axisTitle(first.axisA()));
        parameter.setAutoRangeIncludesZero(false);
        final JFreeChart chart = bandChart(title, parameter, "mean episode return", bands, true);
        if (!first.axisA().absolute()) {
            final ValueMarker nominal = new ValueMarker(1.0, Color.GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            nominal.setLabel("nominal");
            nominal.setLabelFont(TICK_FONT);
            nominal.setLabelPaint(Color.GRAY);
            nominal.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            nominal.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            nominal.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            nominal.setLabelOffset(new RectangleInsets(6, 6, 6, 6));
            chart.getXYPlot().addDomainMarker(nominal);
        }
        chart.addSubtitle(subtitle(parametersText(first.axisA(), first.parametersA()) + "; shaded: " + bandNote));
        write(png, widthPx, heightPx, (g2, area) -> chart.draw(g2, area));
    }

    /** One line per method with a shaded band, coloured in method order. */
    private static JFreeChart bandChart(final String title, final NumberAxis xAxis, final String yLabel,
        final List<Band> bands, final boolean shapes) {
        final YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (final Band band : bands) {
            final YIntervalSeries series = new YIntervalSeries(band.label);
            for (int p = 0; p < band.x.length; p++) {
                series.add(band.x[p], band.y[p], band.low[p], band.high[p]);
            }
            data.addSeries(series);
        }
        return chart(title, new XYPlot(data, xAxis, axis(yLabel), bandRenderer(bands.size(), shapes)), true);
    }

    private static NumberAxis stepsAxis() {
        final NumberAxis steps = axis("environment steps");
        steps.setNumberFormatOverride(NumberFormat.getCompactNumberInstance(Locale.US, NumberFormat.Style.SHORT));
        return steps;
    }

    /**
     * Plots 2-D sweeps as heat maps of mean return, one panel per method side by side (x = axis A, y = axis B, tick
     * labels the points), coloured on one scale spanning every panel's cells, with a colour bar on the right.
     *
     * @param png      the PNG file, created or replaced.
     * @param title    the figure's title.
     * @param methods  one 2-D sweep per method, over the same axes.
     * @param widthPx  image width.
     * @param heightPx image height.
     */
    public static void robustnessHeatMaps(final Path png, final String title,
        final List<Labelled<SweepResult>> methods, final int widthPx, final int heightPx) {
        checkMethods(methods);
        checkSameAxes(methods, true);
        double lower = Double.POSITIVE_INFINITY;
        double upper = Double.NEGATIVE_INFINITY;
        for (final Labelled<SweepResult> method : methods) {
            final SweepResult sweep = method.value();
            for (int i = 0; i < sweep.sizeA(); i++) {
                for (int j = 0; j < sweep.sizeB(); j++) {
                    lower = Math.min(lower, sweep.meanReturn(i, j));
                    upper = Math.max(upper, sweep.meanReturn(i, j));
                }
            }
        }
        if (!(lower < upper)) {
            lower -= 1.0;
            upper += 1.0;
        }
        final ViridisScale scale = new ViridisScale(lower, upper);
        final SweepResult first = methods.getFirst().value();
        final TextTitle heading = new TextTitle(title, TITLE_FONT);
        heading.setPaint(TEXT);
        final boolean nominalCell = nominalIndex(first.axisA()) >= 0 && nominalIndex(first.axisB()) >= 0;
        final TextTitle subheading = subtitle(parametersText(first.axisA(), first.parametersA()) + "; "
            + parametersText(first.axisB(), first.parametersB()) + "; colour: mean return over "
            + first.episodesPerCell() + " episodes per cell" + (nominalCell ? "; white box: nominal" : ""));
        final List<JFreeChart> panels = new ArrayList<>(methods.size());
        for (final Labelled<SweepResult> method : methods) {
            panels.add(heatMapPanel(method, scale));
        }
        final NumberAxis barAxis = new NumberAxis("mean return");
        barAxis.setRange(lower, upper);
        style(barAxis);
        final PaintScaleLegend bar = new PaintScaleLegend(scale, barAxis);
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        bar.setSubdivisionCount(256);
        bar.setStripWidth(18);
        bar.setStripOutlineVisible(true);
        bar.setAxisOffset(4);
        bar.setMargin(RectangleInsets.ZERO_INSETS);
        bar.setPadding(new RectangleInsets(0, 8, 0, 8));
        bar.setBackgroundPaint(Color.WHITE);
        write(png, widthPx, heightPx, (g2, area) -> {
            drawTitle(g2, heading, new Rectangle2D.Double(0, 6, widthPx, 30));
            drawTitle(g2, subheading, new Rectangle2D.Double(0, 38, widthPx, 42));
            final double panelWidth = (double) (widthPx - COLOUR_BAR_WIDTH_PX) / panels.size();
            Rectangle2D dataArea = null;
            for (int m = 0; m < panels.size(); m++) {
                final ChartRenderingInfo info = new ChartRenderingInfo();
                panels.get(m).draw(g2, new Rectangle2D.Double(m * panelWidth, HEAT_MAP_TITLE_HEIGHT_PX, panelWidth,
                    heightPx - HEAT_MAP_TITLE_HEIGHT_PX), info);
                dataArea = info.getPlotInfo().getDataArea();
            }
            bar.draw(g2, new Rectangle2D.Double(widthPx - COLOUR_BAR_WIDTH_PX, dataArea.getY(),
                COLOUR_BAR_WIDTH_PX, dataArea.getHeight()));
        });
    }

    /**
     * Plots who was grouped with whom over time: x = window, y = robot (in the given order), each cell coloured by the
     * robot's group in that window (light grey: in no group), with lines between the given blocks of rows (e.g. the
     * robots of one hidden type).
     *
     * @param png         the PNG file, created or replaced.
     * @param title       the chart's title.
     * @param subtitle    a line under it (what the rows and blocks are).
     * @param groups      {@code groups[window][row]}: the group of the row's robot, -1 for none.
     * @param blockStarts the rows where a new block begins (after row 0).
     * @param widthPx     image width.
     * @param heightPx    image height.
     */
    public static void groupsOverTime(final Path png, final String title, final String subtitle,
        final int[][] groups, final int[] blockStarts, final int widthPx, final int heightPx) {
        if (groups.length == 0 || groups[0].length == 0) {
            throw new IllegalArgumentException("a groups plot needs at least one window and one robot");
        }
        final int windows = groups.length;
        final int rows = groups[0].length;
        final double[][] xyz = new double[3][windows * rows];
        int maxGroup = 0;
        for (int w = 0; w < windows; w++) {
            for (int r = 0; r < rows; r++) {
                final int cell = w * rows + r;
                xyz[0][cell] = w;
                xyz[1][cell] = r;
                xyz[2][cell] = groups[w][r];
                maxGroup = Math.max(maxGroup, groups[w][r]);
            }
        }
        final DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("groups", xyz);
        final LookupPaintScale scale = new LookupPaintScale(-1.5, maxGroup + 0.5, GRID);
        for (int g = 0; g <= maxGroup; g++) {
            scale.add(g - 0.5, seriesColor(g));
        }
        final XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(1.0);
        renderer.setBlockHeight(1.0);
        renderer.setBlockAnchor(RectangleAnchor.CENTER);
        renderer.setPaintScale(scale);
        final XYPlot plot = new XYPlot(data, axis("window"), axis("robot"), renderer);
        for (final int start : blockStarts) {
            final ValueMarker line = new ValueMarker(start - 0.5, Color.BLACK, new BasicStroke(2f));
            plot.addRangeMarker(line);
        }
        final JFreeChart chart = chart(title, plot, false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        chart.addSubtitle(subtitle(subtitle));
        write(png, widthPx, heightPx, (g2, area) -> chart.draw(g2, area));
    }

    private static JFreeChart heatMapPanel(final Labelled<SweepResult> method, final ViridisScale scale) {
        final SweepResult sweep = method.value();
        final int cells = sweep.sizeA() * sweep.sizeB();
        final double[][] xyz = new double[3][cells];
        for (int i = 0; i < sweep.sizeA(); i++) {
            for (int j = 0; j < sweep.sizeB(); j++) {
                final int cell = i * sweep.sizeB() + j;
                xyz[0][cell] = i;
                xyz[1][cell] = j;
                xyz[2][cell] = sweep.meanReturn(i, j);
            }
        }
        final DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(method.label(), xyz);
        final XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(1.0);
        renderer.setBlockHeight(1.0);
        renderer.setBlockAnchor(RectangleAnchor.CENTER);
        renderer.setPaintScale(scale);
        final XYPlot plot = new XYPlot(data, pointAxis(sweep.axisA()), pointAxis(sweep.axisB()), renderer);
        style(plot);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        final int nominalA = nominalIndex(sweep.axisA());
        final int nominalB = nominalIndex(sweep.axisB());
        if (nominalA >= 0 && nominalB >= 0) {
            plot.addAnnotation(new XYShapeAnnotation(new Rectangle2D.Double(nominalA - 0.5, nominalB - 0.5, 1.0, 1.0),
                new BasicStroke(2f), Color.WHITE));
        }
        final JFreeChart chart = new JFreeChart(method.label(), PANEL_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setPaint(TEXT);
        chart.setPadding(new RectangleInsets(4, 8, 8, 8));
        return chart;
    }

    /** A title drawn on its own, outside a chart: laid out in its area first, as a chart would. */
    private static void drawTitle(final Graphics2D g2, final TextTitle title, final Rectangle2D area) {
        title.arrange(g2, new RectangleConstraint(new Range(0.0, area.getWidth()),
            new Range(0.0, area.getHeight())));
        title.draw(g2, area);
    }

    /** The index of the multiplier 1 on a multiplier axis, or -1. */
    private static int nominalIndex(final ParameterAxis axis) {
        if (!axis.absolute()) {
            for (int i = 0; i < axis.size(); i++) {
                if (axis.point(i) == 1.0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** An axis over point indices, ticks labelled with the points. */
    private static NumberAxis pointAxis(final ParameterAxis axis) {
        final NumberAxis indices = axis(axisTitle(axis));
        indices.setRange(-0.5, axis.size() - 0.5);
        indices.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        indices.setNumberFormatOverride(new PointFormat(axis.points()));
        return indices;
    }

    private static DeviationRenderer bandRenderer(final int series, final boolean shapes) {
        final DeviationRenderer renderer = new DeviationRenderer(true, shapes);
        renderer.setAlpha(BAND_ALPHA);
        for (int s = 0; s < series; s++) {
            renderer.setSeriesPaint(s, seriesColor(s));
            renderer.setSeriesFillPaint(s, seriesColor(s));
            renderer.setSeriesStroke(s, new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        return renderer;
    }

    private static JFreeChart chart(final String title, final XYPlot plot, final boolean legend) {
        style(plot);
        final JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setPaint(TEXT);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        final LegendTitle legendTitle = chart.getLegend();
        if (legendTitle != null) {
            legendTitle.setItemFont(LEGEND_FONT);
            legendTitle.setFrame(BlockBorder.NONE);
            legendTitle.setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }

    private static void style(final XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
    }

    private static NumberAxis axis(final String label) {
        final NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        style(axis);
        return axis;
    }

    private static void style(final NumberAxis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelPaint(TEXT);
    }

    private static TextTitle subtitle(final String text) {
        final TextTitle subtitle = new TextTitle(text, SUBTITLE_FONT);
        subtitle.setPaint(Color.DARK_GRAY);
        return subtitle;
    }

    private static String axisTitle(final ParameterAxis axis) {
        return axis.absolute() ? axis.label() : axis.label() + " × nominal";
    }

    private static String parametersText(final ParameterAxis axis, final List<String> parameters) {
        return parameters.equals(List.of(axis.label())) ? axis.label()
            : axis.label() + " = " + String.join(", ", parameters);
    }

    private static void checkMethods(final List<? extends Labelled<?>> methods) {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a plot needs at least one method");
        }
        final HashSet<String> labels = new HashSet<>();
        for (final Labelled<?> method : methods) {
            if (!labels.add(method.label())) {
                throw new IllegalArgumentException("plotted methods need distinct labels, '" + method.label()
                    + "' appears twice");
            }
        }
    }

    private static void checkSameAxes(final List<Labelled<SweepResult>> methods, final boolean grid) {
        final SweepResult first = methods.getFirst().value();
        for (final Labelled<SweepResult> method : methods) {
            final SweepResult sweep = method.value();
            if (sweep.isGrid() != grid) {
                throw new IllegalArgumentException("method '" + method.label() + "' is a " + (sweep.isGrid()
                    ? "2-D grid" : "1-D curve") + " but this plot needs a " + (grid ? "2-D grid" : "1-D curve"));
            }
            if (!sameAxis(first.axisA(), sweep.axisA()) || grid && !sameAxis(first.axisB(), sweep.axisB())) {
                throw new IllegalArgumentException("methods '" + methods.getFirst().label() + "' and '"
                    + method.label() + "' were swept over different axes; a shared plot needs the same labels "
                    + "and points");
            }
        }
    }

    private static boolean sameAxis(final ParameterAxis a, final ParameterAxis b) {
        return a.label().equals(b.label()) && a.absolute() == b.absolute() && Arrays.equals(a.points(), b.points());
    }

    private static void write(final Path png, final int widthPx, final int heightPx, final Painter painter) {
        if (widthPx < 200 || heightPx < 150) {
            throw new IllegalArgumentException("plot " + png + " must be at least 200 × 150 px, was " + widthPx
                + " × " + heightPx);
        }
        final BufferedImage image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setColor(Color.WHITE);
            g2.fillRect(0, 0, widthPx, heightPx);
            painter.paint(g2, new Rectangle2D.Double(0, 0, widthPx, heightPx));
        } finally {
            g2.dispose();
        }
        try {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this JVM's ImageIO");
            }
            AtomicFiles.write(png, bytes.toByteArray());
        } catch (final IOException e) {
            throw new UncheckedIOException("could not write the plot " + png + ": " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("plot " + png + " was not written");
        }
    }

    /** A method's line (x, y) and band (low to high) per point. */
    private static final class Band {
        private final String label;
        private final double[] x;
        private final double[] y;
        private final double[] low;
        private final double[] high;

        Band(final String label, final int points) {
            this.label = label;
            this.x = new double[points];
            this.y = new double[points];
            this.low = new double[points];
            this.high = new double[points];
        }

        void set(final int point, final double xValue, final double yValue, final double lowValue,
            final double highValue) {
            x[point] = xValue;
            y[point] = yValue;
            low[point] = lowValue;
            high[point] = highValue;
        }
    }

    /** Draws a figure into an image's area. */
    @FunctionalInterface
    private interface Painter {
        void paint(Graphics2D g2, Rectangle2D area);
    }

    /** Formats a point index as the point it stands for (3 significant digits); blank between points. */
    private static final class PointFormat extends NumberFormat {
        private final String[] labels;

        PointFormat(final double[] points) {
            this.labels = new String[points.length];
            for (int i = 0; i < points.length; i++) {
                labels[i] = new BigDecimal(points[i]).round(new MathContext(3)).stripTrailingZeros().toPlainString();
            }
        }

        @Override
        public StringBuffer format(final double number, final StringBuffer toAppendTo, final FieldPosition pos) {
            final long index = Math.round(number);
            return Math.abs(number - index) < 1e-9 ? format(index, toAppendTo, pos) : toAppendTo;
        }

        @Override
        public StringBuffer format(final long number, final StringBuffer toAppendTo, final FieldPosition pos) {
            return number >= 0 && number < labels.length ? toAppendTo.append(labels[(int) number]) : toAppendTo;
        }

        @Override
        public Number parse(final String source, final ParsePosition parsePosition) {
            throw new UnsupportedOperationException("point labels are not parsed");
        }
    }
}
