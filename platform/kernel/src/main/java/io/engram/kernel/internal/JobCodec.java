package io.engram.kernel.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobState;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The JSON forms of a job record. The info file is {@code {"info": {...}, "eventLog": "events.jsonl"}};
 * the event log holds one event per line ({@link #line}), without the job id its directory names.
 * Records written before the event log existed are one file {@code {"info": {...}, "events": [...]}},
 * still read ({@link #readInfo}, {@link #readEvents}) without holding the whole file in memory.
 * Each trainer event is tagged by its {@link TrainingEvent#type()}. Non-finite numbers are written as
 * the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}. Stateless and thread-safe.
 */
public final class JobCodec {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter LINE = JSON.writer().without(SerializationFeature.INDENT_OUTPUT);

    private JobCodec() {
    }

    /** A record in the single-file form used before the event log existed, events included. */
    public static byte[] write(JobInfo info, List<JobEvent> events) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("info", info(info));
        ArrayNode list = root.putArray("events");
        for (JobEvent e : events) {
            list.add(event(e));
        }
        return JSON.writeValueAsBytes(root);
    }

    /** The info file of a record whose events are in the event log {@code eventLog}. */
    public static byte[] writeInfo(JobInfo info, String eventLog) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("info", info(info));
        root.put("eventLog", eventLog);
        return JSON.writeValueAsBytes(root);
    }

    /** One line of the event log: the event without its job id, ending with a newline. */
    public static byte[] line(JobEvent e) throws IOException {
        ObjectNode n = event(e);
        n.remove("jobId");
        byte[] json = LINE.writeValueAsBytes(n);
        byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }

    /** Reads one line of {@code jobId}'s event log; a malformed one fails naming what is wrong. */
    public static JobEvent readLine(String jobId, String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        if (n == null || !n.isObject()) {
            throw new IOException("not a JSON object");
        }
        ((ObjectNode) n).put("jobId", jobId);
        return event(n);
    }

    /**
     * The info of a record file, in either format, read as a stream: the events of an old single-file
     * record are skipped, not parsed.
     */
    public static JobInfo readInfo(InputStream in) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            JobInfo info = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                if (field.equals("info") && p.currentToken() == JsonToken.START_OBJECT) {
                    info = info((JsonNode) JSON.readTree(p));
                } else {
                    p.skipChildren();
                }
            }
            if (info == null) {
                throw new IOException("no \"info\" object");
            }
            return info;
        }
    }

    /**
     * Hands each event of an old single-file record to {@code sink}, in file order, one at a time;
     * nothing when the file has no {@code events} array.
     */
    public static void readEvents(InputStream in, Consumer<JobEvent> sink) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                if (field.equals("events") && p.currentToken() == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        sink.accept(event((JsonNode) JSON.readTree(p)));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    static ObjectNode info(JobInfo i) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", i.id());
        n.put("name", i.name());
        n.put("state", i.state().name());
        n.put("family", i.family());
        n.put("trainer", i.trainer());
        n.put("application", i.application());
        n.put("backend", i.backend());
        n.put("submittedAt", i.submittedAt());
        n.put("startedAt", i.startedAt());
        n.put("endedAt", i.endedAt());
        n.set("metrics", numbers(i.metrics()));
        n.put("error", i.error());
        n.put("checkpoint", i.checkpoint());
        ObjectNode spec = n.putObject("spec");
        new java.util.TreeMap<>(i.spec()).forEach(spec::put);
        ObjectNode environment = n.putObject("environment");
        new java.util.TreeMap<>(i.environment()).forEach(environment::put);
        return n;
    }

    static JobInfo info(JsonNode n) throws IOException {
        return new JobInfo(text(n, "id"), text(n, "name"), state(n), text(n, "family"), text(n, "trainer"),
                text(n, "application"), text(n, "backend"), text(n, "submittedAt"), text(n, "startedAt"),
                text(n, "endedAt"), numbers(n.path("metrics")), text(n, "error"), text(n, "checkpoint"),
                texts(n.path("spec")), texts(n.path("environment")));
    }

    private static Map<String, String> texts(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    static ObjectNode event(JobEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("jobId", e.jobId());
        n.put("seq", e.seq());
        n.put("time", e.time());
        n.put("state", e.state().name());
        if (e.event() != null) {
            n.set("event", trainingEvent(e.event()));
        }
        return n;
    }

    static JobEvent event(JsonNode n) throws IOException {
        JsonNode ev = n.get("event");
        return new JobEvent(text(n, "jobId"), n.path("seq").asLong(), text(n, "time"), state(n),
                ev == null || ev.isNull() ? null : trainingEvent(ev));
    }

    static ObjectNode trainingEvent(TrainingEvent event) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", event.type());
        if (event instanceof TrainingEvent.Progress) {
            TrainingEvent.Progress p = (TrainingEvent.Progress) event;
            n.put("epoch", p.epoch());
            n.put("epochs", p.epochs());
            n.put("batch", p.batch());
            n.put("batches", p.batches());
            number(n, "loss", p.loss());
        } else if (event instanceof TrainingEvent.EpochEnd) {
            TrainingEvent.EpochEnd e = (TrainingEvent.EpochEnd) event;
            n.put("epoch", e.epoch());
            number(n, "trainLoss", e.trainLoss());
            number(n, "validationLoss", e.validationLoss());
            n.set("metrics", numbers(e.metrics()));
        } else if (event instanceof TrainingEvent.Message) {
            TrainingEvent.Message m = (TrainingEvent.Message) event;
            n.put("level", m.level());
            n.put("text", m.text());
        } else if (event instanceof TrainingEvent.Stopped) {
            TrainingEvent.Stopped s = (TrainingEvent.Stopped) event;
            n.put("reason", s.reason());
            n.put("failure", s.failure());
        }
        return n;
    }

    static TrainingEvent trainingEvent(JsonNode n) throws IOException {
        String type = n.path("type").asText();
        switch (type) {
            case "progress":
                return new TrainingEvent.Progress(n.path("epoch").asInt(), n.path("epochs").asInt(),
                        n.path("batch").asInt(), n.path("batches").asInt(), number(n.path("loss")));
            case "epoch":
                return new TrainingEvent.EpochEnd(n.path("epoch").asInt(), number(n.path("trainLoss")),
                        number(n.path("validationLoss")), numbers(n.path("metrics")));
            case "message":
                return new TrainingEvent.Message(n.path("level").asText(), n.path("text").asText());
            case "stopped":
                return new TrainingEvent.Stopped(n.path("reason").asText(), n.path("failure").asBoolean());
            default:
                throw new IOException("unknown event type '" + type + "'");
        }
    }

    private static ObjectNode numbers(Map<String, Double> values) {
        ObjectNode n = JSON.createObjectNode();
        new java.util.TreeMap<>(values).forEach((k, v) -> number(n, k, v));
        return n;
    }

    private static Map<String, Double> numbers(JsonNode n) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), number(e.getValue()));
        }
        return out;
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.put(key, Double.toString(v));
        }
    }

    private static double number(JsonNode n) throws IOException {
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            throw new IOException("expected a number, got " + n);
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static JobState state(JsonNode n) throws IOException {
        String s = n.path("state").asText();
        try {
            return JobState.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown job state '" + s + "'");
        }
    }
}
