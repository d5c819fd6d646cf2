package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard's files: which paths name one, and that the page keeps to its Content-Security-Policy. */
class DashboardServletTest {
    private final DashboardServlet servlet = new DashboardServlet(TestConfig.of("", "127.0.0.1", false), "127.0.0.1");

    private String read(String path) throws IOException {
        URL url = servlet.resource(path).orElseThrow(() -> new AssertionError("no file for " + path));
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void rootIsThePageAndTheChartLibraryIsBundled() throws IOException {
        assertTrue(read("/").startsWith("<!doctype html>"));
        assertEquals(read("/"), read("/index.html"));
        assertTrue(read("/vendor/uPlot.iife.min.js").contains("uPlot"), "uPlot unpacked from its npm package");
        assertTrue(read("/vendor/uPlot.min.css").contains(".uplot"));
        assertTrue(read("/dashboard.js").contains("/stream"));
    }

    @Test
    void pathsThatNameNoFileOrClimbAreRefused() {
        for (String p : List.of("/nothing.html", "/../io/engram/http/internal/Api.class", "/vendor/../index.html",
                "/vendor", "/vendor/", "/vendor/LICENSE", "/.hidden", "//index.html", "/index.html%00", "/a b.js")) {
            assertTrue(servlet.resource(p).isEmpty(), p);
        }
    }

    @Test
    void contentTypes() {
        assertEquals("text/html;charset=UTF-8", DashboardServlet.contentType("/x/index.html"));
        assertEquals("text/javascript;charset=UTF-8", DashboardServlet.contentType("a.js"));
        assertEquals("text/css;charset=UTF-8", DashboardServlet.contentType("a.min.css"));
        assertEquals("application/octet-stream", DashboardServlet.contentType("LICENSE"));
    }

    @Test
    void pageHasNoInlineScriptStyleOrHandlerThatThePolicyWouldBlock() throws IOException {
        String html = read("/");
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int n = 0;
        while (scripts.find()) {
            n++;
            assertTrue(scripts.group(1).contains("src=\""), "script without src: " + scripts.group());
            assertEquals("", scripts.group(2).strip(), "inline script: " + scripts.group());
        }
        assertEquals(2, n, "uPlot and dashboard.js");
        assertFalse(html.contains("<style"), "inline style element");
        assertFalse(Pattern.compile("\\sstyle=").matcher(html).find(), "style attribute");
        assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "event handler attribute");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing from elsewhere");
        String js = read("/dashboard.js");
        assertFalse(js.contains("innerHTML") || js.contains("eval(") || js.contains("new Function"),
                "the script builds the page from text nodes only");
        assertTrue(DashboardServlet.CONTENT_SECURITY_POLICY.contains("script-src 'self';"));
        assertFalse(DashboardServlet.CONTENT_SECURITY_POLICY.contains("unsafe"));
    }
}
