package io.engram.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final Router.Handler NONE = (r, p) -> null;

    private final Router router = new Router()
            .add("GET", "/jobs", NONE)
            .add("POST", "/jobs", NONE)
            .add("GET", "/jobs/{id}", NONE)
            .add("DELETE", "/jobs/{id}", NONE)
            .add("GET", "/jobs/{id}/events", NONE);

    @Test
    void placeholdersBindOneSegment() {
        Router.Resolved r = router.resolve("/jobs/abc-1/events").orElseThrow();
        assertEquals(List.of("abc-1"), r.params());
        assertEquals("GET, HEAD", r.allow());
        assertEquals("GET, HEAD, DELETE", router.resolve("/jobs/x").orElseThrow().allow());
        assertEquals("GET, HEAD, POST", router.resolve("/jobs/").orElseThrow().allow());
    }

    @Test
    void unmatchedPathsResolveToNothing() {
        assertTrue(router.resolve("/").isEmpty());
        assertTrue(router.resolve("/job").isEmpty());
        assertTrue(router.resolve("/jobs//events").isEmpty());
        assertTrue(router.resolve("/jobs/a/events/more").isEmpty());
    }

    @Test
    void queryStringsAreDecoded() {
        assertEquals("family", Api.query("kind=family&kind=trainer").get("kind"));
        assertEquals("a b&c", Api.query("x=a+b%26c").get("x"));
        assertEquals("", Api.query("flag").get("flag"));
        assertTrue(Api.query(null).isEmpty());
    }
}
