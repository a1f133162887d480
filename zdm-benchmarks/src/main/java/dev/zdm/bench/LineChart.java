package dev.zdm.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A line chart drawn with Java2D into a PNG, headless: named series of (x, y) points on linear axes
 * from zero, with optional shaded x spans (e.g. a switch) and a legend. Not thread-safe; add
 * series, then {@link #write}.
 */
final class LineChart {

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)
  };
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 520;
  private static final int LEFT = 80;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;

  private record Series(String name, double[] x, double[] y) {}

  private record Span(double from, double to, String label) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private final List<Span> spans = new ArrayList<>();

  LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  LineChart series(String name, double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series '" + name + "' has " + x.length + " x values but " + y.length + " y values");
    }
    series.add(new Series(name, x.clone(), y.clone()));
    return this;
  }

  /** Shades the x span [from, to] and writes the label above it. */
  LineChart span(double from, double to, String label) {
    spans.add(new Span(from, to, label));
    return this;
  }

  void write(Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      draw(g);
    } finally {
      g.dispose();
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private void draw(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    double maxX = 0;
    double maxY = 0;
    double minX = Double.MAX_VALUE;
    for (Series s : series) {
      for (int i = 0; i < s.x.length; i++) {
        maxX = Math.max(maxX, s.x[i]);
        minX = Math.min(minX, s.x[i]);
        maxY = Math.max(maxY, s.y[i]);
      }
    }
    if (minX == Double.MAX_VALUE) {
      minX = 0;
    }
    minX = Math.min(minX, 0);
    double stepX = niceStep(maxX - minX);
    double stepY = niceStep(maxY);
    double fromX = Math.floor(minX / stepX) * stepX;
    double toX = Math.max(fromX + stepX, Math.ceil(maxX / stepX) * stepX);
    double toY = Math.max(stepY, Math.ceil(maxY / stepY) * stepY);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    java.util.function.DoubleUnaryOperator px = x -> LEFT + (x - fromX) / (toX - fromX) * plotW;
    java.util.function.DoubleUnaryOperator py = y -> TOP + plotH - y / toY * plotH;

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (Span span : spans) {
      int a = (int) px.applyAsDouble(span.from);
      int b = (int) Math.max(a + 2, px.applyAsDouble(span.to));
      g.setColor(new Color(255, 200, 120, 255));
      g.fillRect(a, TOP, b - a, plotH);
      g.setColor(new Color(0x8a4b00));
      g.drawString(span.label, a + 3, TOP + 14);
    }
    g.setStroke(new BasicStroke(1f));
    for (double y = 0; y <= toY + stepY / 2; y += stepY) {
      int yy = (int) py.applyAsDouble(y);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(LEFT, yy, LEFT + plotW, yy);
      g.setColor(Color.DARK_GRAY);
      String text = number(y);
      g.drawString(text, LEFT - 8 - g.getFontMetrics().stringWidth(text), yy + 5);
    }
    for (double x = fromX; x <= toX + stepX / 2; x += stepX) {
      int xx = (int) px.applyAsDouble(x);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(xx, TOP, xx, TOP + plotH);
      g.setColor(Color.DARK_GRAY);
      String text = number(x);
      g.drawString(text, xx - g.getFontMetrics().stringWidth(text) / 2, TOP + plotH + 18);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);
    g.drawString(
        xLabel, LEFT + plotW / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, HEIGHT - 15);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(
        yLabel, -(TOP + plotH / 2 + rotated.getFontMetrics().stringWidth(yLabel) / 2), 20);
    rotated.dispose();
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, LEFT, 30);

    g.setStroke(new BasicStroke(1.8f));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int legendY = TOP + 20;
    for (int s = 0; s < series.size(); s++) {
      Series one = series.get(s);
      g.setColor(PALETTE[s % PALETTE.length]);
      Path2D.Double path = new Path2D.Double();
      for (int i = 0; i < one.x.length; i++) {
        double xx = px.applyAsDouble(one.x[i]);
        double yy = py.applyAsDouble(one.y[i]);
        if (i == 0) {
          path.moveTo(xx, yy);
        } else {
          path.lineTo(xx, yy);
        }
      }
      g.draw(path);
      int legendX = LEFT + plotW - 230;
      g.drawLine(legendX, legendY - 5, legendX + 25, legendY - 5);
      g.setColor(Color.BLACK);
      g.drawString(one.name, legendX + 32, legendY);
      legendY += 18;
    }
  }

  /** 1, 2 or 5 times a power of ten, giving about 5 to 10 grid lines over {@code range}. */
  static double niceStep(double range) {
    if (!(range > 0)) {
      return 1;
    }
    double raw = range / 6;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / power;
    return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
  }

  private static String number(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.2f", value).replaceFirst("0+$", "");
  }
}
