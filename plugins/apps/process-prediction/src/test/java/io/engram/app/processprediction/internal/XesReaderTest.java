package io.engram.app.processprediction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XesReaderTest {
    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(XesReaderTest.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long at(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    @Test
    void readsTracesEventsAndTimesKeepingCompleteEventsOnly() {
        Problems problems = new Problems();
        List<Trace> traces = XesReader.read(resource("helpdesk.xes"), true, problems);
        assertTrue(problems.isEmpty(), problems.all().mkString("; "));
        assertEquals(2, traces.size());
        assertEquals("T1", traces.get(0).id());
        // the start event is left out; the nested concept:name is not the activity; +01:00 is read
        assertEquals(List.of(new Trace.Event("Open", at("2026-01-05T07:30:00Z")),
                new Trace.Event("Resolve", at("2026-01-05T12:00:00Z"))), traces.get(0).events());
        // events are sorted by time
        assertEquals(List.of("Open", "Resolve"), traces.get(1).events().stream().map(Trace.Event::activity).toList());
    }

    @Test
    void lifecycleAllKeepsTheStartEvents() {
        Problems problems = new Problems();
        List<Trace> traces = XesReader.read(resource("helpdesk.xes"), false, problems);
        assertEquals(3, traces.get(0).length());
    }

    @Test
    void everyBadEventIsNamedWithItsLineAndAttribute() throws IOException {
        Path f = dir.resolve("bad.xes");
        Files.writeString(f, """
                <log>
                  <event><string key="concept:name" value="Loose"/></event>
                  <trace>
                    <event><date key="time:timestamp" value="2026-01-05T08:00:00Z"/></event>
                    <event><string key="concept:name" value="A"/></event>
                    <event><string key="concept:name" value="B"/><date key="time:timestamp" value="yesterday"/></event>
                  </trace>
                </log>
                """);
        Problems problems = new Problems();
        XesReader.read(f, true, problems);
        String all = problems.all().mkString("\n");
        assertTrue(all.contains("bad.xes:2") && all.contains("outside a <trace>"), all);
        assertTrue(all.contains("bad.xes:4") && all.contains("without a concept:name"), all);
        assertTrue(all.contains("bad.xes:5") && all.contains("without a time:timestamp"), all);
        assertTrue(all.contains("bad.xes:6") && all.contains("time:timestamp 'yesterday'"), all);
    }

    @Test
    void malformedXmlIsNamedWithLineAndColumn() throws IOException {
        Path f = dir.resolve("broken.xes");
        Files.writeString(f, "<log>\n  <trace>\n  </log>\n");
        Problems problems = new Problems();
        XesReader.read(f, true, problems);
        assertEquals(1, problems.all().size());
        assertTrue(problems.all().head().where().startsWith("broken.xes:3:"), problems.all().head().toString());
        assertTrue(problems.all().head().message().startsWith("not well-formed XML"), problems.all().head().toString());
    }

    @Test
    void aRootOtherThanLogIsRefused() throws IOException {
        Path f = dir.resolve("other.xml");
        Files.writeString(f, "<html><body/></html>");
        Problems problems = new Problems();
        XesReader.read(f, true, problems);
        assertTrue(problems.all().head().toString().contains("not an XES <log>"), problems.all().mkString());
    }

    @Test
    void doctypesAreRefused() throws IOException {
        Path f = dir.resolve("dtd.xes");
        Files.writeString(f, "<?xml version=\"1.0\"?>\n<!DOCTYPE log [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<log><trace><event><string key=\"concept:name\" value=\"&x;\"/>"
                + "<date key=\"time:timestamp\" value=\"2026-01-05\"/></event></trace></log>");
        Problems problems = new Problems();
        List<Trace> traces = XesReader.read(f, true, problems);
        assertTrue(traces.isEmpty() || traces.get(0).events().stream().noneMatch(e -> e.activity().contains("root")),
                "an external entity was expanded");
        assertTrue(!problems.isEmpty(), "a DTD with an external entity was accepted");
    }

    @Test
    void whatTheWriterWritesReadsBackTheSame() throws IOException {
        List<Trace> traces = OrderToCash.simulate(40, 7);
        Path f = dir.resolve("o2c.xes");
        XesWriter.write(traces, f);
        Problems problems = new Problems();
        List<Trace> back = XesReader.read(f, true, problems);
        assertTrue(problems.isEmpty(), problems.all().mkString("; "));
        assertEquals(traces, back);
        Path gz = dir.resolve("o2c.xes.gz");
        XesWriter.write(traces, gz);
        assertEquals(traces, XesReader.read(gz, true, problems));
        assertTrue(Files.size(gz) < Files.size(f) / 5, "compressed " + Files.size(gz) + " of " + Files.size(f));
    }

    @Test
    void aGzNameThatIsNotGzipIsNamed() throws IOException {
        Path f = dir.resolve("plain.xes.gz");
        Files.writeString(f, "<log/>");
        Problems problems = new Problems();
        XesReader.read(f, true, problems);
        assertEquals("plain.xes.gz", problems.all().head().where());
        assertTrue(problems.all().head().message().contains("not gzip-compressed"), problems.all().head().message());
    }
}
