package io.engram.app.processprediction.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an event log in XES (IEEE 1849-2016) with the JDK's StAX parser: the {@code <log>}'s
 * {@code <trace>}s, each named by its {@code concept:name} string attribute, and their
 * {@code <event>}s, each with a {@code concept:name} string (the activity) and a
 * {@code time:timestamp} date. Only the attributes directly inside a trace or event count (nested
 * attributes, globals, classifiers and extensions are skipped). With {@code completeOnly}, an event
 * whose {@code lifecycle:transition} is present and not {@code complete} is left out (a log that
 * records start and complete of each activity then gives one event per activity).
 *
 * <p>Every problem is collected, as {@code file:line} of the element at fault and the attribute
 * named: an event without an activity or a time, a date that does not parse, an event outside a
 * trace. A name ending in {@code .gz} is decompressed. A file that is not well-formed XML stops the reading at the first error, named with its
 * line and column. DTDs and external entities are refused. Stateless.
 */
final class XesReader {
    private XesReader() {
    }

    static List<Trace> read(Path file, boolean completeOnly, Problems problems) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        String name = file.getFileName().toString();
        List<Trace> traces = new ArrayList<>();
        try (InputStream in = Inputs.open(file)) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            try {
                read(r, name, completeOnly, problems, traces);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? name
                    : name + ":" + e.getLocation().getLineNumber() + ":" + e.getLocation().getColumnNumber();
            problems.add(where, "not well-formed XML: " + firstLine(e.getMessage()));
        } catch (IOException e) {
            problems.add(name, "cannot be read: " + e.getMessage());
        }
        return traces;
    }

    private static void read(XMLStreamReader r, String name, boolean completeOnly, Problems problems,
                             List<Trace> traces) throws XMLStreamException {
        int depth = 0;
        boolean rootSeen = false;
        int traceDepth = -1;
        int eventDepth = -1;
        String traceId = null;
        int traceLine = 0;
        List<Trace.Event> events = null;
        String activity = null;
        String lifecycle = null;
        OptionalLong time = null;
        int eventLine = 0;
        while (r.hasNext()) {
            int kind = r.next();
            if (kind == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String el = r.getLocalName();
                int line = r.getLocation().getLineNumber();
                if (!rootSeen) {
                    rootSeen = true;
                    if (!el.equals("log")) {
                        problems.add(name + ":" + line, "the root element is <" + el + ">, not an XES <log>");
                        return;
                    }
                } else if (el.equals("trace") && depth == 2) {
                    traceDepth = depth;
                    traceId = null;
                    traceLine = line;
                    events = new ArrayList<>();
                } else if (el.equals("event")) {
                    if (traceDepth < 0 || depth != traceDepth + 1) {
                        problems.add(name + ":" + line, "an <event> outside a <trace>");
                    } else {
                        eventDepth = depth;
                        activity = null;
                        lifecycle = null;
                        time = null;
                        eventLine = line;
                    }
                } else if (eventDepth > 0 && depth == eventDepth + 1) {
                    String key = r.getAttributeValue(null, "key");
                    String value = r.getAttributeValue(null, "value");
                    if ("concept:name".equals(key)) {
                        activity = value;
                    } else if ("lifecycle:transition".equals(key)) {
                        lifecycle = value;
                    } else if ("time:timestamp".equals(key)) {
                        time = value == null ? OptionalLong.empty() : Timestamps.parse(value);
                        if (time.isEmpty()) {
                            problems.add(name + ":" + line, "time:timestamp '" + value
                                    + "' is not an ISO-8601 date");
                        }
                    }
                } else if (traceDepth > 0 && eventDepth < 0 && depth == traceDepth + 1
                        && "concept:name".equals(r.getAttributeValue(null, "key"))) {
                    traceId = r.getAttributeValue(null, "value");
                }
            } else if (kind == XMLStreamConstants.END_ELEMENT) {
                if (depth == eventDepth) {
                    eventDepth = -1;
                    boolean ok = true;
                    if (activity == null || activity.isBlank()) {
                        problems.add(name + ":" + eventLine, "an <event> without a concept:name (its activity)");
                        ok = false;
                    }
                    if (time == null) {
                        problems.add(name + ":" + eventLine, "an <event> without a time:timestamp");
                        ok = false;
                    }
                    boolean kept = !completeOnly || lifecycle == null || lifecycle.equalsIgnoreCase("complete");
                    if (ok && time.isPresent() && kept) {
                        events.add(new Trace.Event(activity.strip(), time.getAsLong()));
                    }
                } else if (depth == traceDepth) {
                    traceDepth = -1;
                    String id = traceId == null ? "trace@" + traceLine : traceId;
                    if (!events.isEmpty()) {
                        traces.add(new Trace(id, events));
                    }
                }
                depth--;
            }
        }
        if (!rootSeen) {
            problems.add(name, "no XES <log> element");
        }
    }

    /** The JDK's message without its "ParseError at [row,col]" preamble (the location is named apart). */
    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int at = m.lastIndexOf("Message:");
        return (at >= 0 ? m.substring(at + "Message:".length()) : m).strip();
    }
}
