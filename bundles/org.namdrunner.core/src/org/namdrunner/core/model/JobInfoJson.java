package org.namdrunner.core.model;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.namdrunner.core.JobState;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * Reads and writes {@link JobInfo} as {@code job_info.json}. The field names are snake_case and fixed per schema
 * version (mapped by hand, not by reflection, so renaming a Java field never changes the file format). Times
 * are ISO-8601 UTC instants; absent values are omitted. Readers ignore unknown fields of a known version and
 * refuse a newer {@code schema_version} instead of guessing.
 */
public final class JobInfoJson {

    private JobInfoJson() {
    }

    /** The document as pretty-printed JSON (UTF-8 text when written to a file). */
    public static String write(JobInfo info) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = new JsonWriter(out)) {
            w.setIndent("  ");
            w.setSerializeNulls(false);
            w.beginObject();
            w.name("schema_version").value(info.schemaVersion());
            w.name("written_at").value(info.writtenAt().toString());
            w.name("written_by").value(info.writtenBy());
            w.name("job");
            writeJob(w, info.job());
            w.name("history").beginArray();
            for (JobStatusChange c : info.history()) {
                w.beginObject();
                w.name("from").value(c.from() == null ? null : c.from().name());
                w.name("to").value(c.to().name());
                w.name("at").value(c.at().toString());
                w.name("reason").value(c.reason());
                w.name("source").value(c.source());
                w.endObject();
            }
            w.endArray();
            if (info.workflow() != null) {
                w.name("workflow").jsonValue(info.workflow());
            }
            w.endObject();
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return out.toString() + "\n";
    }

    private static void writeJob(JsonWriter w, Job j) throws IOException {
        w.beginObject();
        w.name("id").value(j.id());
        w.name("name").value(j.name());
        w.name("profile_id").value(j.profileId());
        w.name("template_id").value(j.templateId());
        w.name("template_revision").value(j.templateRevision());
        w.name("state").value(j.state().name());
        w.name("slurm_job_id").value(j.slurmJobId());
        w.name("partition").value(j.partition());
        w.name("qos").value(j.qos());
        w.name("cores").value(j.cores());
        w.name("nodes").value(j.nodes());
        w.name("memory_mb").value(j.memoryMb());
        w.name("wall_time_minutes").value(j.wallTimeMinutes());
        w.name("remote_project_dir").value(j.remoteProjectDir());
        w.name("remote_scratch_dir").value(j.remoteScratchDir());
        w.name("created_at").value(str(j.createdAt()));
        w.name("submitted_at").value(str(j.submittedAt()));
        w.name("started_at").value(str(j.startedAt()));
        w.name("ended_at").value(str(j.endedAt()));
        w.name("exit_code").value(j.exitCode());
        w.name("node").value(j.node());
        w.name("reason").value(j.reason());
        w.name("parent_job_id").value(j.parentJobId());
        w.name("group_id").value(j.groupId());
        w.name("priority").value(j.priority());
        w.name("submit_intent_token").value(j.submitIntentToken());
        w.name("template_values").beginObject();
        for (Map.Entry<String, String> e : j.templateValues().entrySet()) {
            w.name(e.getKey()).value(e.getValue());
        }
        w.endObject();
        w.endObject();
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    /**
     * Parses a document.
     *
     * @throws JobInfoFormatException when the text is not valid JSON, lacks a required field, has a value of the
     *                                wrong type, or has a {@code schema_version} this code does not read
     */
    public static JobInfo read(String json) {
        JsonElement root;
        try {
            JsonReader r = new JsonReader(new StringReader(json));
            r.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(r);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new JobInfoFormatException("job_info.json: unexpected content after the JSON document");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new JobInfoFormatException("job_info.json is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new JobInfoFormatException("job_info.json must contain a JSON object");
        }
        JsonObject o = root.getAsJsonObject();
        if (!o.has("schema_version")) {
            throw new JobInfoFormatException("job_info.json has no schema_version: not a NAMDRunner job_info document");
        }
        int version = integer(o, "schema_version", "");
        if (version > JobInfo.SCHEMA_VERSION) {
            throw new JobInfoFormatException("job_info.json has schema_version " + version + ", written by a newer NAMDRunner ("
                    + string(o, "written_by", false, "") + "); this version reads schema_version up to "
                    + JobInfo.SCHEMA_VERSION + ". Update NAMDRunner to read this job.");
        }
        if (version < 1) {
            throw new JobInfoFormatException("job_info.json has an invalid schema_version " + version);
        }
        JsonObject job = object(o, "job", "");
        Job parsed = readJob(job);
        List<JobStatusChange> history = new ArrayList<>();
        JsonElement h = o.get("history");
        if (h != null && !h.isJsonNull()) {
            if (!h.isJsonArray()) {
                throw new JobInfoFormatException("job_info.json: history must be an array");
            }
            int i = 0;
            for (JsonElement e : h.getAsJsonArray()) {
                String where = "history[" + i++ + "].";
                if (!e.isJsonObject()) {
                    throw new JobInfoFormatException("job_info.json: " + where + " must be an object");
                }
                JsonObject c = e.getAsJsonObject();
                String from = string(c, "from", false, where);
                history.add(new JobStatusChange(parsed.id(), from == null ? null : state(from),
                        state(string(c, "to", true, where)), instant(c, "at", true, where),
                        string(c, "reason", false, where), string(c, "source", false, where)));
            }
        }
        try {
            JsonElement wf = o.get("workflow");
            if (wf != null && !wf.isJsonNull() && !wf.isJsonObject()) {
                throw new JobInfoFormatException("job_info.json: workflow must be an object");
            }
            return new JobInfo(version, parsed, history, instant(o, "written_at", true, ""), string(o, "written_by", false, ""),
                    wf == null || wf.isJsonNull() ? null : wf.toString());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new JobInfoFormatException("job_info.json: " + e.getMessage(), e);
        }
    }

    private static Job readJob(JsonObject j) {
        String p = "job.";
        Map<String, String> values = new LinkedHashMap<>();
        JsonElement tv = j.get("template_values");
        if (tv != null && !tv.isJsonNull()) {
            if (!tv.isJsonObject()) {
                throw new JobInfoFormatException("job_info.json: job.template_values must be an object");
            }
            for (Map.Entry<String, JsonElement> e : tv.getAsJsonObject().entrySet()) {
                JsonElement v = e.getValue();
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                    throw new JobInfoFormatException("job_info.json: job.template_values." + e.getKey() + " must be a string");
                }
                values.put(e.getKey(), v.getAsString());
            }
        }
        try {
            return new Job(string(j, "id", true, p), string(j, "name", true, p), string(j, "profile_id", false, p),
                    string(j, "template_id", false, p), state(string(j, "state", true, p)), string(j, "slurm_job_id", false, p),
                    string(j, "partition", false, p), string(j, "qos", false, p), integer(j, "cores", p), integer(j, "nodes", p),
                    optLong(j, "memory_mb", p), optInt(j, "wall_time_minutes", p), string(j, "remote_project_dir", false, p),
                    string(j, "remote_scratch_dir", false, p), instant(j, "created_at", true, p),
                    instant(j, "submitted_at", false, p), instant(j, "started_at", false, p), instant(j, "ended_at", false, p),
                    optInt(j, "exit_code", p), string(j, "node", false, p), string(j, "reason", false, p),
                    string(j, "parent_job_id", false, p), string(j, "group_id", false, p),
                    j.has("priority") ? integer(j, "priority", p) : 0, values, string(j, "submit_intent_token", false, p),
                    optInt(j, "template_revision", p));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new JobInfoFormatException("job_info.json: " + e.getMessage(), e);
        }
    }

    private static JobState state(String name) {
        try {
            return JobState.valueOf(name);
        } catch (IllegalArgumentException e) {
            return JobState.UNKNOWN; // kept visible as unknown instead of guessed, like JobState.fromSlurm
        }
    }

    private static JsonObject object(JsonObject o, String field, String prefix) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            throw new JobInfoFormatException("job_info.json: required field " + prefix + field + " is missing");
        }
        if (!e.isJsonObject()) {
            throw new JobInfoFormatException("job_info.json: " + prefix + field + " must be an object");
        }
        return e.getAsJsonObject();
    }

    private static String string(JsonObject o, String field, boolean required, String prefix) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            if (required) {
                throw new JobInfoFormatException("job_info.json: required field " + prefix + field + " is missing");
            }
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new JobInfoFormatException("job_info.json: " + prefix + field + " must be a string, found " + e);
        }
        return e.getAsString();
    }

    private static Number number(JsonObject o, String field, String prefix) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new JobInfoFormatException("job_info.json: " + prefix + field + " must be a number, found " + e);
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        try {
            return p.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException x) {
            throw new JobInfoFormatException("job_info.json: " + prefix + field + " must be a whole number, found " + e);
        }
    }

    private static int integer(JsonObject o, String field, String prefix) {
        Integer v = optInt(o, field, prefix);
        if (v == null) {
            throw new JobInfoFormatException("job_info.json: required field " + prefix + field + " is missing");
        }
        return v;
    }

    private static Integer optInt(JsonObject o, String field, String prefix) {
        Number n = number(o, field, prefix);
        if (n == null) {
            return null;
        }
        long l = n.longValue();
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new JobInfoFormatException("job_info.json: " + prefix + field + " is out of range: " + l);
        }
        return (int) l;
    }

    private static Long optLong(JsonObject o, String field, String prefix) {
        Number n = number(o, field, prefix);
        return n == null ? null : n.longValue();
    }

    private static Instant instant(JsonObject o, String field, boolean required, String prefix) {
        String s = string(o, field, required, prefix);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new JobInfoFormatException("job_info.json: " + prefix + field + " is not an ISO-8601 instant: " + s, e);
        }
    }
}
