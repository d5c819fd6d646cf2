package io.engram.app.handwriting.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads labelled samples from an InkML file (W3C Ink Markup Language, 2011). What it reads:
 * <ul>
 * <li>{@code <trace>}: points separated by commas, each point's values separated by white space, in
 * the order of the first {@code <traceFormat>}'s {@code <channel name="...">} elements (anywhere in
 * the file), else {@code X Y [T]}; channels {@code X} and {@code Y} are required, {@code T} is
 * optional, others are skipped. Values are explicit numbers (a leading {@code !} is allowed); the
 * difference encodings ({@code '} and {@code "}) are refused with the trace's line.</li>
 * <li>The label: an {@code <annotation type="truth">} directly under {@code <ink>} makes the whole
 * file one sample (every trace, in document order); otherwise every outermost {@code <traceGroup>}
 * with an {@code <annotation type="truth">} child is one sample, made of the traces inside it and
 * those its {@code <traceView traceDataRef="#id">} elements name (defined anywhere in the file).
 * Traces in no labelled group are skipped. An {@code <annotation type="writer">} beside the truth
 * names the writer.</li>
 * </ul>
 * DTDs and external entities are refused. Problems are collected as {@code file:line:column: ...},
 * all of them at once. Stateless and thread-safe.
 */
final class InkmlReader {
    private InkmlReader() {
    }

    /** One {@code <traceGroup>} or the {@code <ink>} element: its annotations and items. */
    private static final class Group {
        final String id;
        final int line;
        String truth;
        String writer = "";
        /** Traces ({@code double[][]}), trace references ({@code String}, at their line) and groups, in order. */
        final List<Object> items = new ArrayList<>();
        final List<Integer> itemLines = new ArrayList<>();

        Group(String id, int line) {
            this.id = id;
            this.line = line;
        }
    }

    /** The samples of {@code bytes} (the file {@code name}); problems go to {@code problems}. */
    static List<Ink> read(String name, byte[] bytes, List<String> problems) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        Group ink = new Group(base(name), 1);
        Deque<Group> open = new ArrayDeque<>();
        Map<String, double[][]> traces = new HashMap<>();
        List<String> channels = null;
        boolean inFormat = false;
        boolean sawInk = false;
        int before = problems.size();
        try {
            XMLStreamReader x = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = x.getLocalName();
                    String where = name + ":" + at(x.getLocation()) + ": ";
                    switch (element) {
                        case "ink" -> sawInk = true;
                        case "traceFormat" -> inFormat = channels == null;
                        case "channel" -> {
                            if (inFormat) {
                                if (channels == null) {
                                    channels = new ArrayList<>();
                                }
                                channels.add(attribute(x, "name").toUpperCase(Locale.ROOT));
                            }
                        }
                        case "traceGroup" -> open.push(new Group(id(x), x.getLocation().getLineNumber()));
                        case "annotation" -> {
                            String type = attribute(x, "type");
                            String text = x.getElementText().strip();
                            Group g = open.isEmpty() ? ink : open.peek();
                            if (type.equals("truth")) {
                                g.truth = text;
                            } else if (type.equals("writer")) {
                                g.writer = text;
                            }
                        }
                        case "trace" -> {
                            String id = id(x);
                            int line = x.getLocation().getLineNumber();
                            double[][] points = points(x.getElementText(), channels, where + "trace"
                                    + (id.isEmpty() ? "" : " " + id), problems);
                            if (!id.isEmpty()) {
                                traces.put(id, points);
                            }
                            Group g = open.isEmpty() ? ink : open.peek();
                            g.items.add(points);
                            g.itemLines.add(line);
                        }
                        case "traceView" -> {
                            String ref = attribute(x, "traceDataRef");
                            if (!ref.isEmpty() && !open.isEmpty()) {
                                open.peek().items.add(ref.startsWith("#") ? ref.substring(1) : ref);
                                open.peek().itemLines.add(x.getLocation().getLineNumber());
                            }
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String element = x.getLocalName();
                    if (element.equals("traceFormat")) {
                        inFormat = false;
                    } else if (element.equals("traceGroup")) {
                        Group g = open.pop();
                        Group parent = open.isEmpty() ? ink : open.peek();
                        parent.items.add(g);
                        parent.itemLines.add(g.line);
                    }
                }
            }
        } catch (XMLStreamException e) {
            problems.add(name + ":" + (e.getLocation() == null ? "1:1" : at(e.getLocation())) + ": not well-formed InkML: "
                    + message(e));
            return List.of();
        }
        if (!sawInk) {
            problems.add(name + ":1:1: not InkML: no <ink> element");
            return List.of();
        }
        if (problems.size() > before) {
            return List.of();
        }
        List<Ink> out = new ArrayList<>();
        if (ink.truth != null) {
            out.add(sample(name, ink, ink.truth, ink.writer, traces, problems));
        } else {
            collect(name, ink, traces, out, problems);
            if (out.isEmpty() && problems.size() == before) {
                problems.add(name + ":1:1: no <annotation type=\"truth\"> under <ink> or on a <traceGroup>: no labelled "
                        + "sample");
            }
        }
        return problems.size() > before ? List.of() : out;
    }

    private static void collect(String name, Group g, Map<String, double[][]> traces, List<Ink> out,
                                List<String> problems) {
        for (Object item : g.items) {
            if (item instanceof Group child) {
                if (child.truth != null) {
                    out.add(sample(name, child, child.truth, child.writer.isEmpty() ? g.writer : child.writer, traces,
                            problems));
                } else {
                    collect(name, child, traces, out, problems);
                }
            }
        }
    }

    private static Ink sample(String name, Group g, String truth, String writer, Map<String, double[][]> traces,
                              List<String> problems) {
        List<double[][]> strokes = new ArrayList<>();
        flatten(name, g, traces, strokes, problems);
        String id = g.id.isEmpty() ? base(name) + "#" + g.line : g.id;
        String where = name + ":" + g.line;
        if (strokes.isEmpty()) {
            problems.add(where + ": sample " + id + " (\"" + truth + "\") has no trace with points");
        }
        return new Ink(id, writer, truth, strokes, where);
    }

    private static void flatten(String name, Group g, Map<String, double[][]> traces, List<double[][]> strokes,
                                List<String> problems) {
        for (int i = 0; i < g.items.size(); i++) {
            Object item = g.items.get(i);
            if (item instanceof double[][] points) {
                if (points.length > 0) {
                    strokes.add(points);
                }
            } else if (item instanceof String ref) {
                double[][] points = traces.get(ref);
                if (points == null) {
                    problems.add(name + ":" + g.itemLines.get(i) + ": traceView refers to #" + ref
                            + ", which no <trace> defines");
                } else if (points.length > 0) {
                    strokes.add(points);
                }
            } else if (item instanceof Group child) {
                flatten(name, child, traces, strokes, problems);
            }
        }
    }

    /** The points of a trace's text: {@code [x, y, t]} each, t NaN without a T channel. */
    static double[][] points(String text, List<String> channels, String where, List<String> problems) {
        List<String> order = channels == null ? List.of("X", "Y", "T") : channels;
        int ix = order.indexOf("X");
        int iy = order.indexOf("Y");
        int it = order.indexOf("T");
        if (ix < 0 || iy < 0) {
            problems.add(where + ": the traceFormat's channels " + order + " lack X or Y");
            return new double[0][];
        }
        int needed = Math.max(ix, iy) + 1;
        List<double[]> out = new ArrayList<>();
        String[] parts = text.split(",", -1);
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p].strip();
            if (part.isEmpty()) {
                if (parts.length > 1 || p > 0) {
                    problems.add(where + ": point " + (p + 1) + " is empty");
                    return new double[0][];
                }
                continue;
            }
            String[] values = part.split("\\s+");
            if (values.length < needed) {
                problems.add(where + ": point " + (p + 1) + " has " + values.length + " value"
                        + (values.length == 1 ? "" : "s") + ", needs " + needed + " (channels " + order + ")");
                return new double[0][];
            }
            double[] point = {Double.NaN, Double.NaN, Double.NaN};
            for (int c = 0; c < Math.min(values.length, order.size()); c++) {
                int slot = c == ix ? 0 : c == iy ? 1 : c == it ? 2 : -1;
                if (slot < 0) {
                    continue;
                }
                String v = values[c].startsWith("!") ? values[c].substring(1) : values[c];
                if (v.startsWith("'") || v.startsWith("\"")) {
                    problems.add(where + ": point " + (p + 1) + ": value " + values[c] + " is difference-encoded (' or \"), "
                            + "which this reader does not support; write explicit values");
                    return new double[0][];
                }
                try {
                    point[slot] = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    problems.add(where + ": point " + (p + 1) + ": " + order.get(c) + " value '" + values[c]
                            + "' is not a number");
                    return new double[0][];
                }
                if (!Double.isFinite(point[slot])) {
                    problems.add(where + ": point " + (p + 1) + ": " + order.get(c) + " value " + values[c]
                            + " is not finite");
                    return new double[0][];
                }
            }
            out.add(point);
        }
        return out.toArray(double[][]::new);
    }

    private static String id(XMLStreamReader x) {
        for (int i = 0; i < x.getAttributeCount(); i++) {
            if (x.getAttributeLocalName(i).equals("id")) {
                return x.getAttributeValue(i);
            }
        }
        return "";
    }

    private static String attribute(XMLStreamReader x, String local) {
        for (int i = 0; i < x.getAttributeCount(); i++) {
            if (x.getAttributeLocalName(i).equals(local)) {
                return x.getAttributeValue(i);
            }
        }
        return "";
    }

    private static String at(Location l) {
        return l.getLineNumber() + ":" + l.getColumnNumber();
    }

    /** The parser's message without the location prefix it adds. */
    private static String message(XMLStreamException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int i = m.indexOf("Message: ");
        return i >= 0 ? m.substring(i + "Message: ".length()).strip() : m.strip();
    }

    /** The file name of {@code path} without folders and extension. */
    static String base(String path) {
        String n = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
