package dev.zdm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** H2 is optional: applications on PostgreSQL or MariaDB do not have it on their class path. */
class DialectsWithoutH2Test {

  @Test
  void everyDialectLoadsWhenH2IsAbsent() throws Exception {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!new File(entry).getName().startsWith("h2-")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    try (URLClassLoader withoutH2 =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThat(withoutH2.getResource("org/h2/api/Trigger.class")).isNull();
      Class<?> dialects = withoutH2.loadClass("dev.zdm.jdbc.Dialects");
      List<?> all = (List<?>) dialects.getMethod("all").invoke(null);
      assertThat(all).hasSize(3);
    }
  }
}
