package io.engram.app.processprediction.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes traces as an XES log (the concept, time and lifecycle extensions; every event
 * {@code complete}), with StAX, to a temporary file renamed over {@code file} when done (gzip-compressed
 * when the name ends with {@code .gz}). What
 * {@link XesReader} reads back is the same traces. Stateless.
 */
final class XesWriter {
    private XesWriter() {
    }

    static void write(List<Trace> traces, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try (Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(gzip
                ? new java.util.zip.GZIPOutputStream(Files.newOutputStream(tmp)) : Files.newOutputStream(tmp),
                StandardCharsets.UTF_8))) {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("log");
            w.writeAttribute("xes.version", "1.0");
            w.writeAttribute("xes.features", "");
            extension(w, "Concept", "concept", "http://www.xes-standard.org/concept.xesext");
            extension(w, "Time", "time", "http://www.xes-standard.org/time.xesext");
            extension(w, "Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext");
            for (Trace t : traces) {
                w.writeCharacters("\n  ");
                w.writeStartElement("trace");
                attribute(w, "    ", "string", "concept:name", t.id());
                for (Trace.Event e : t.events()) {
                    w.writeCharacters("\n    ");
                    w.writeStartElement("event");
                    attribute(w, "      ", "string", "concept:name", e.activity());
                    attribute(w, "      ", "string", "lifecycle:transition", "complete");
                    attribute(w, "      ", "date", "time:timestamp", Timestamps.format(e.time()));
                    w.writeCharacters("\n    ");
                    w.writeEndElement();
                }
                w.writeCharacters("\n  ");
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("writing " + file + ": " + e.getMessage(), e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void extension(XMLStreamWriter w, String name, String prefix, String uri) throws XMLStreamException {
        w.writeCharacters("\n  ");
        w.writeEmptyElement("extension");
        w.writeAttribute("name", name);
        w.writeAttribute("prefix", prefix);
        w.writeAttribute("uri", uri);
    }

    private static void attribute(XMLStreamWriter w, String indent, String type, String key, String value)
            throws XMLStreamException {
        w.writeCharacters("\n" + indent);
        w.writeEmptyElement(type);
        w.writeAttribute("key", key);
        w.writeAttribute("value", value);
    }
}
