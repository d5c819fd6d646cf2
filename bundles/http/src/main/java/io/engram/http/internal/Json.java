package io.engram.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.api.HyperParameter;
import io.engram.api.ParamType;
import io.engram.api.Problem;
import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.PluginInfo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON shapes of the API. Enum values are written in lower case; numbers that are not finite
 * are written as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}; maps are
 * written with sorted keys so that answers are stable. Stateless and thread-safe.
 */
final class Json {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** Links to the collections: {@code {"plugins":"/api/plugins","jobs":"/api/jobs"}}. */
    static ObjectNode index() {
        return NODES.objectNode().put("plugins", "/api/plugins").put("jobs", "/api/jobs");
    }

    static ObjectNode error(String message) {
        return NODES.objectNode().put("error", message);
    }

    /** {@code {"error":message,"where":where}}: a problem that is the server's, not the request's. */
    static ObjectNode error(Problem p) {
        return error(p.message()).put("where", p.where());
    }

    /** {@code {"errors":[{"where":...,"message":...}, ...]}} */
    static ObjectNode errors(Iterable<Problem> problems) {
        ObjectNode root = NODES.objectNode();
        ArrayNode list = root.putArray("errors");
        for (Problem p : problems) {
            list.addObject().put("where", p.where()).put("message", p.message());
        }
        return root;
    }

    /** A plugin as listed: id, kind, version, bundle, capabilities, available, reason, description. */
    static ObjectNode plugin(PluginInfo p) {
        ObjectNode o = NODES.objectNode();
        o.put("id", p.id());
        o.put("kind", p.kind().label());
        o.put("version", p.version());
        o.put("bundle", p.bundle());
        ArrayNode caps = o.putArray("capabilities");
        new TreeSet<>(p.capabilities()).forEach(caps::add);
        o.put("available", p.available());
        o.put("reason", p.reason() == null ? "" : p.reason());
        o.put("description", p.description());
        return o;
    }

    static ArrayNode plugins(Collection<PluginInfo> plugins) {
        ArrayNode a = NODES.arrayNode();
        plugins.forEach(p -> a.add(plugin(p)));
        return a;
    }

    /** A plugin with its hyperparameter schema under {@code schema}. */
    static ObjectNode pluginWithSchema(PluginInfo p) {
        ObjectNode o = plugin(p);
        ArrayNode schema = o.putArray("schema");
        if (p.schema() != null) {
            p.schema().parameters().forEach(h -> schema.add(parameter(h)));
        }
        return o;
    }

    /** name, type, default (null when required), required, min, max, choices, description. */
    static ObjectNode parameter(HyperParameter h) {
        ObjectNode o = NODES.objectNode();
        o.put("name", h.name());
        o.put("type", h.type().name().toLowerCase(Locale.ROOT));
        o.put("default", h.defaultValue());
        o.put("required", h.defaultValue() == null);
        o.set("min", bound(h.type(), h.min()));
        o.set("max", bound(h.type(), h.max()));
        ArrayNode choices = o.putArray("choices");
        h.choices().forEach(choices::add);
        o.put("description", h.description());
        return o;
    }

    private static JsonNode bound(ParamType type, Double value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (type == ParamType.INT && value == Math.rint(value) && Math.abs(value) < 1e15) {
            return NODES.numberNode(value.longValue());
        }
        return number(value);
    }

    static ObjectNode job(JobInfo j) {
        ObjectNode o = NODES.objectNode();
        o.put("id", j.id());
        o.put("name", j.name());
        o.put("state", j.state().name().toLowerCase(Locale.ROOT));
        o.put("family", j.family());
        o.put("trainer", j.trainer());
        o.put("application", j.application());
        o.put("backend", j.backend());
        o.put("submittedAt", j.submittedAt());
        o.put("startedAt", j.startedAt());
        o.put("endedAt", j.endedAt());
        o.set("metrics", value(j.metrics()));
        o.put("error", j.error());
        o.put("checkpoint", j.checkpoint());
        o.set("spec", value(j.spec()));
        o.set("environment", value(j.environment()));
        return o;
    }

    static ArrayNode jobs(Collection<JobInfo> jobs) {
        ArrayNode a = NODES.arrayNode();
        jobs.forEach(j -> a.add(job(j)));
        return a;
    }

    /**
     * A job event: {@code jobId, seq, time, state, type}, then the fields of the trainer's event
     * (type {@code state} when it is a state change with no trainer event).
     */
    static ObjectNode event(JobEvent e) {
        ObjectNode o = NODES.objectNode();
        o.put("jobId", e.jobId());
        o.put("seq", e.seq());
        o.put("time", e.time());
        o.put("state", e.state().name().toLowerCase(Locale.ROOT));
        TrainingEvent t = e.event();
        if (t == null) {
            o.put("type", "state");
            return o;
        }
        o.put("type", t.type());
        for (RecordComponent c : t.getClass().getRecordComponents()) {
            o.set(c.getName(), value(component(t, c)));
        }
        return o;
    }

    static ArrayNode events(Collection<JobEvent> events) {
        ArrayNode a = NODES.arrayNode();
        events.forEach(e -> a.add(event(e)));
        return a;
    }

    /** One metric value: {@code {step, epoch, split, name, value}}. */
    static ObjectNode metric(MetricPoint p) {
        ObjectNode o = NODES.objectNode();
        o.put("step", p.step());
        o.put("epoch", p.epoch());
        o.put("split", p.split());
        o.put("name", p.name());
        o.set("value", number(p.value()));
        return o;
    }

    static ArrayNode metrics(Collection<MetricPoint> points) {
        ArrayNode a = NODES.arrayNode();
        points.forEach(p -> a.add(metric(p)));
        return a;
    }

    private static Object component(TrainingEvent t, RecordComponent c) {
        try {
            return c.getAccessor().invoke(t);
        } catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException("cannot read " + t.getClass().getName() + "." + c.getName(), ex);
        }
    }

    /** Numbers, booleans, text, maps (sorted by key) and collections; anything else as its text. */
    static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        }
        if (v instanceof Number) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof Boolean) {
            return NODES.booleanNode((Boolean) v);
        }
        if (v instanceof Map) {
            ObjectNode o = NODES.objectNode();
            new TreeMap<>((Map<?, ?>) v).forEach((k, x) -> o.set(String.valueOf(k), value(x)));
            return o;
        }
        if (v instanceof Collection) {
            ArrayNode a = NODES.arrayNode();
            ((Collection<?>) v).forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Enum) {
            return NODES.textNode(((Enum<?>) v).name().toLowerCase(Locale.ROOT));
        }
        return NODES.textNode(String.valueOf(v));
    }

    private static JsonNode number(double d) {
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
    }
}
