package io.engram.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The plugins a distribution ships, read from its {@code plugins/*.jar}: each jar's
 * Bundle-SymbolicName and Bundle-Version, and the id and kind of every DS component in its
 * {@code OSGI-INF/*.xml} that carries one of the {@code engram.family}, {@code engram.backend},
 * {@code engram.trainer} or {@code engram.application} properties.
 *
 * <p>Stateless; the static methods are safe from any thread.
 */
final class ShippedPlugins {

    /** The component property naming each kind, and the kind as {@code engram plugins} prints it. */
    static final Map<String, String> KINDS = Map.of(
            "engram.family", "family",
            "engram.backend", "backend",
            "engram.trainer", "trainer",
            "engram.application", "application",
            "engram.loss", "loss");

    /** One plugin: its id, kind, bundle and bundle version. */
    record Plugin(String id, String kind, String bundle, String version, Path jar) {
    }

    private ShippedPlugins() {
    }

    /** The jars of {@code plugins}, sorted by name. */
    static List<Path> jars(Path plugins) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(plugins, "*.jar")) {
            dir.forEach(jars::add);
        }
        jars.sort(null);
        return jars;
    }

    /** The plugins one bundle registers; empty if none of its components names a kind. */
    static List<Plugin> of(Path jar) throws Exception {
        List<Plugin> found = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String bundle = manifest.getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
            String version = manifest.getMainAttributes().getValue("Bundle-Version");
            for (JarEntry entry : file.stream().toList()) {
                if (entry.getName().startsWith("OSGI-INF/") && entry.getName().endsWith(".xml")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        NodeList properties = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                                .getElementsByTagName("property");
                        for (int i = 0; i < properties.getLength(); i++) {
                            Element property = (Element) properties.item(i);
                            String kind = KINDS.get(property.getAttribute("name"));
                            if (kind != null) {
                                found.add(new Plugin(property.getAttribute("value"), kind, bundle, version, jar));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The artifactId of the Maven module in {@code folder} (its pom.xml's own, not its parent's). */
    static String artifactId(Path folder) throws Exception {
        NodeList children = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(folder.resolve("pom.xml").toFile()).getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("artifactId")) {
                return e.getTextContent().trim();
            }
        }
        throw new IllegalStateException(folder + "/pom.xml has no artifactId");
    }
}
