package dev.zdm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (so importing it never overrides a user's other versions), which means
 * nothing keeps it in step with the build by inheritance; this test does.
 */
class BomTest {

  private static final Path ROOT = Path.of(System.getProperty("zdm.root", ".."));

  @Test
  void theBomHasTheProjectVersionAndListsEveryPublishedModule() throws Exception {
    Document bom = read(ROOT.resolve("zdm-bom/pom.xml"));
    Element project = bom.getDocumentElement();

    assertThat(child(project, "version")).isEqualTo(System.getProperty("zdm.version"));
    List<String> managed = new ArrayList<>();
    NodeList dependencies = project.getElementsByTagName("artifactId");
    for (int i = 0; i < dependencies.getLength(); i++) {
      if ("dependency".equals(dependencies.item(i).getParentNode().getNodeName())) {
        managed.add(dependencies.item(i).getTextContent());
      }
    }
    assertThat(managed).containsExactly("zdm-core", "zdm-jdbc", "zdm-spring-boot-starter");
    for (String module : managed) {
      assertThat(ROOT.resolve(module).resolve("pom.xml")).exists();
    }
  }

  @Test
  void theBomDeclaresTheSameSpotlessVersionAsTheBuild() throws Exception {
    Element root = read(ROOT.resolve("pom.xml")).getDocumentElement();
    String buildVersion =
        root.getElementsByTagName("spotless.version").item(0).getTextContent().trim();
    Element bom = read(ROOT.resolve("zdm-bom/pom.xml")).getDocumentElement();
    Element plugin = (Element) bom.getElementsByTagName("plugin").item(0);
    assertThat(child(plugin, "artifactId")).isEqualTo("spotless-maven-plugin");
    assertThat(child(plugin, "version")).isEqualTo(buildVersion);
  }

  private static String child(Element parent, String name) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (name.equals(children.item(i).getNodeName())) {
        return children.item(i).getTextContent().trim();
      }
    }
    return null;
  }

  private static Document read(Path pom) throws Exception {
    assertThat(Files.exists(pom)).as("%s exists", pom).isTrue();
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }
}
