package dev.zdm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

  @Test
  void drawsSeriesAndSpansIntoAReadablePng(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("charts/lag.png");

    new LineChart("Lag", "seconds", "ms")
        .span(1, 2, "switch")
        .series("500/s", new double[] {0, 1, 2, 3}, new double[] {5, 40, 10, 5})
        .write(file);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(1000);
    assertThat(image.getHeight()).isEqualTo(520);
    assertThat(countPixels(image, 0x1f77b4)).as("pixels of the first series' colour").isPositive();
    assertThat(countPixels(image, 0xffc878)).as("pixels of the shaded span").isPositive();
  }

  @Test
  void refusesASeriesWhoseAxesDifferInLength() {
    assertThatThrownBy(() -> new LineChart("t", "x", "y").series("s", new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series 's' has 2 x values but 3 y values");
  }

  @Test
  void gridStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(LineChart.niceStep(25)).isEqualTo(5);
    assertThat(LineChart.niceStep(3)).isEqualTo(0.5);
    assertThat(LineChart.niceStep(1100)).isEqualTo(200);
    assertThat(LineChart.niceStep(0)).isEqualTo(1);
  }

  private static int countPixels(BufferedImage image, int rgb) {
    int count = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          count++;
        }
      }
    }
    return count;
  }
}
