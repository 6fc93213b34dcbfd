package org.namdrunner.automation.draft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.TemplateConfigRenderer;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.ResourceValidator;
import org.namdrunner.cluster.Resources;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.inputs.InputFileCheck;
import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.model.VariableType;
import org.namdrunner.template.render.RenderResult;
import org.namdrunner.template.render.TemplateRenderer;

/**
 * What a "create job" form has collected so far, with every check the form shows live: the job name, the cluster
 * profile and resources (checked against the partition limits by {@link ResourceValidator}), the template and its
 * variable values, the local files chosen for {@code File} variables (uploaded into the job's {@code input/} under
 * their own names; the variable's value is the file name). Turns into a {@link JobRequest} for the lifecycle. No UI
 * code: the Create Job wizard and tests drive it the same way.
 */
public final class JobDraft {

    /** A local file chosen for a template variable. */
    public record InputFile(String variable, Path path, long size, InputFileType type) {
        public String fileName() {
            return path.getFileName().toString();
        }
    }

    private String name = "";
    private ProfileConfig profile;
    private ResourceRequest resources = new ResourceRequest(null, null, null, null, null, null, null);
    private TemplateChoice template;
    private List<Declaration> declarations = List.of();
    private List<String> templateProblems = List.of();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Path> files = new LinkedHashMap<>();
    private String module;
    private Path localResultsDir;
    private boolean filesOnCluster;
    /** The wording of the "submit anyway" choice for files that are not uploaded. */
    public static final String FILES_ON_CLUSTER_LABEL = "The files not chosen are already on the cluster";
    private final Map<String, RenderResult> renderCache = new HashMap<>();
    private String inputCheckKey;
    private List<InputFileCheck.Problem> inputCheck = List.of();

    public String name() {
        return name;
    }

    public JobDraft name(String v) {
        name = v == null ? "" : v;
        return this;
    }

    public ProfileConfig profile() {
        return profile;
    }

    public JobDraft profile(ProfileConfig v) {
        profile = v;
        return this;
    }

    public ResourceRequest resources() {
        return resources;
    }

    public JobDraft resources(ResourceRequest v) {
        resources = Objects.requireNonNull(v, "resources");
        return this;
    }

    public TemplateChoice template() {
        return template;
    }

    /** Chooses the template; values and files of variables it does not declare are dropped. */
    public JobDraft template(TemplateChoice t) {
        template = t;
        renderCache.clear();
        if (t == null) {
            declarations = List.of();
            templateProblems = List.of();
        } else {
            NamdDocument doc = NamdLanguage.analyze(NamdLanguage.parse(t.text(), t.id()));
            declarations = List.copyOf(doc.declarations().values());
            List<String> problems = new ArrayList<>();
            doc.declarationErrors().forEach(e -> problems.add("Template " + t.name() + ": " + e.message()));
            templateProblems = List.copyOf(problems);
        }
        values.keySet().retainAll(declarations.stream().map(Declaration::name).toList());
        files.keySet().retainAll(declarations.stream().map(Declaration::name).toList());
        return this;
    }

    /** The template's {@code #@var} declarations in declaration order (empty without a template). */
    public List<Declaration> declarations() {
        return declarations;
    }

    public Declaration declaration(String variable) {
        return declarations.stream().filter(d -> d.name().equals(variable)).findFirst().orElse(null);
    }

    /** Sets a variable's value as typed (null: back to the declared default). */
    public JobDraft value(String variable, String value) {
        if (value == null) {
            values.remove(variable);
        } else {
            values.put(variable, value);
        }
        return this;
    }

    /** The value the form shows for a variable: the user's, else the declared default, else "". */
    public String value(String variable) {
        if (values.containsKey(variable)) {
            return values.get(variable);
        }
        Declaration d = declaration(variable);
        return d == null || d.defaultValue() == null ? "" : d.defaultValue();
    }

    /** Chooses the local file of a {@code File} variable (null: none); the variable's value becomes its name. */
    public JobDraft file(String variable, Path path) {
        if (path == null) {
            files.remove(variable);
        } else {
            files.put(variable, path);
            values.put(variable, path.getFileName().toString());
        }
        return this;
    }

    public Path file(String variable) {
        return files.get(variable);
    }

    public String module() {
        return module;
    }

    public JobDraft module(String v) {
        module = v == null || v.isBlank() ? null : v;
        return this;
    }

    public Path localResultsDir() {
        return localResultsDir;
    }

    /**
     * Whether the user says that the files the config names without a local file are already on the cluster ("submit
     * anyway"); otherwise such files are problems, since the job would stop on them.
     */
    public JobDraft filesOnCluster(boolean v) {
        filesOnCluster = v;
        return this;
    }

    public boolean filesOnCluster() {
        return filesOnCluster;
    }

    public JobDraft localResultsDir(Path v) {
        localResultsDir = v;
        return this;
    }

    // ------------------------------------------------------------------ checks

    /** Problems of the name and profile page: job name, profile, resources against the partition limits. */
    public List<String> resourceProblems() {
        List<String> out = new ArrayList<>();
        try {
            Names.requireJobName(name.strip());
        } catch (ClusterException e) {
            out.add(e.getMessage());
        }
        if (profile == null) {
            out.add("Choose a cluster profile");
            return out;
        }
        out.addAll(ResourceValidator.check(profile, resources));
        return out;
    }

    /** The resources with the partition's defaults applied, or null while they do not fit. */
    public Resources resolvedResources() {
        if (profile == null) {
            return null;
        }
        try {
            return ResourceValidator.resolve(profile, resources);
        } catch (ClusterException e) {
            return null;
        }
    }

    /** The values the template is rendered with: typed values and the names of chosen files. */
    public Map<String, String> templateValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Declaration d : declarations) {
            if (values.containsKey(d.name())) {
                out.put(d.name(), values.get(d.name()).strip());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Renders the template with the current values (validated by the template language); cached per values. */
    public RenderResult render() {
        if (template == null) {
            return new RenderResult(null, List.of("Choose a template"), List.of());
        }
        Map<String, String> v = templateValues();
        org.namdrunner.template.catalog.NamdVersion version = namdVersion();
        // the resources the job runs on: GPU-resident mode needs one node and a GPU (checked with the partition named)
        Resources res = resolvedResources();
        org.namdrunner.template.validation.ValidationOptions.Launch launch = res == null ? null
                : new org.namdrunner.template.validation.ValidationOptions.Launch(res.partition(), res.nodes(), res.gpus());
        String key = v + "|" + version + "|" + launch;
        org.namdrunner.template.validation.ValidationOptions options = org.namdrunner.template.validation.ValidationOptions.DEFAULT
                .withNamdVersion(version).withLaunch(launch);
        return renderCache.computeIfAbsent(key, k -> TemplateRenderer.render(template.text(), template.id(), v, options));
    }

    /**
     * The NAMD release the job will run, from the chosen module of the profile (its version, or namd2/namd3 as its
     * executable); null when not known, and keywords of either release are accepted.
     */
    public org.namdrunner.template.catalog.NamdVersion namdVersion() {
        if (profile == null) {
            return null;
        }
        return profile.module(module).map(m -> org.namdrunner.template.catalog.NamdVersion.parse(m.version())
                .or(() -> org.namdrunner.template.catalog.NamdVersion.parse(m.executable())).orElse(null)).orElse(null);
    }

    /** Problems of the chosen local files: missing, unreadable, wrong ending, two files with one name. */
    public List<String> fileProblems() {
        List<String> out = new ArrayList<>();
        Map<String, String[]> byName = new HashMap<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            Declaration d = declaration(e.getKey());
            String label = label(d, e.getKey());
            Path p = e.getValue();
            String fileName = p.getFileName() == null ? "" : p.getFileName().toString();
            if (!Files.isRegularFile(p)) {
                out.add(label + ": " + p + " is not a file");
            } else if (!Files.isReadable(p)) {
                out.add(label + ": " + p + " cannot be read");
            }
            try {
                Names.requireFileName(fileName);
            } catch (ClusterException ex) {
                out.add(label + ": " + ex.getMessage());
            }
            if (d != null && !InputFileType.hasExtension(fileName, d.extensions())) {
                out.add(label + ": " + fileName + " is a " + InputFileType.of(fileName).label().toLowerCase(Locale.ROOT)
                        + " file, but a file ending in " + String.join(" or ", d.extensions()) + " is needed");
            }
            String[] other = byName.putIfAbsent(fileName, new String[] { label, p.toAbsolutePath().normalize().toString() });
            if (other != null && !other[1].equals(p.toAbsolutePath().normalize().toString())) {
                out.add(label + " and " + other[0] + ": two different files named " + fileName
                        + " cannot both be uploaded into the job's input folder");
            }
        }
        return out;
    }

    /**
     * Notes about {@code File} variables without a local file: the config will name a file that is not uploaded
     * (fine when the template does not use that variable with the current values).
     */
    public List<String> fileWarnings() {
        List<String> out = new ArrayList<>();
        unuploadedFiles().forEach((label, file) -> out.add(label + ": no local file chosen; the config names '" + file
                + "', which is not uploaded"));
        return out;
    }

    /**
     * The files the config reads through {@code File} variables that have no local file: label of the variable →
     * the file name the config names (only variables the active config uses with the current values).
     */
    public Map<String, String> unuploadedFiles() {
        Map<String, String> out = new LinkedHashMap<>();
        RenderResult r = template == null ? null : render();
        String active = r != null && r.ok() ? activeText(r.text()) : null;
        for (Declaration d : declarations) {
            if (d.type() == VariableType.FILE && !files.containsKey(d.name())
                    && (active == null || mentions(active, value(d.name()).strip()))) {
                out.put(label(d, d.name()), value(d.name()));
            }
        }
        return out;
    }

    private static boolean mentions(String text, String word) {
        return !word.isEmpty() && java.util.regex.Pattern.compile("(^|\\s)" + java.util.regex.Pattern.quote(word) + "(\\s|$)",
                java.util.regex.Pattern.MULTILINE).matcher(text).find();
    }

    /**
     * The rendered config without comments and without the branches a constant condition switches off: the body
     * of {@code if {off} {...}} (also no/false/0) and the {@code else {...}} of {@code if {on} {...}}. What is left
     * is what NAMD will read (for the constant conditions templates use).
     */
    static String activeText(String config) {
        StringBuilder out = new StringBuilder();
        for (String line : config.split("\n", -1)) {
            String l = line.strip();
            out.append(l.startsWith("#") ? "" : line).append('\n');
        }
        String t = out.toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bif\\s*\\{\\s*(on|off|yes|no|true|false|0|1)\\s*\\}\\s*\\{",
                java.util.regex.Pattern.CASE_INSENSITIVE).matcher(t);
        StringBuilder result = new StringBuilder();
        int pos = 0;
        while (m.find(pos)) {
            boolean on = Boolean.TRUE.equals(org.namdrunner.template.model.ValueChecks.booleanValue(m.group(1)));
            int bodyEnd = closing(t, m.end() - 1);
            if (bodyEnd < 0) {
                break;
            }
            result.append(t, pos, m.start());
            if (on) {
                result.append(t, m.end(), bodyEnd);
            }
            pos = bodyEnd + 1;
            java.util.regex.Matcher e = java.util.regex.Pattern.compile("\\s*else\\s*\\{").matcher(t);
            e.region(pos, t.length());
            if (e.lookingAt()) {
                int elseEnd = closing(t, e.end() - 1);
                if (elseEnd < 0) {
                    break;
                }
                if (!on) {
                    result.append(t, e.end(), elseEnd);
                }
                pos = elseEnd + 1;
            }
        }
        result.append(t.substring(Math.min(pos, t.length())));
        return result.toString();
    }

    /** Index of the brace closing the one at {@code open}, or -1. */
    private static int closing(String t, int open) {
        int depth = 0;
        for (int i = open; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The chosen files read against each other as the rendered config uses them ({@link InputFileCheck}): atom counts
     * of structure, coordinates and restart files, CHARMM parameter files, the restart set, the cell. Empty while the
     * config does not render. Large files are read once (the check keeps its results per file, size and time).
     */
    public List<InputFileCheck.Problem> inputChecks() {
        if (template == null || files.isEmpty()) {
            return List.of();
        }
        RenderResult r = render();
        if (!r.ok()) {
            return List.of();
        }
        Map<String, Path> byName = new HashMap<>();
        files.values().forEach(p -> byName.putIfAbsent(p.getFileName().toString(), p));
        String key = r.text() + "|" + byName;
        if (!key.equals(inputCheckKey)) {
            inputCheck = List.copyOf(InputFileCheck.check(r.text(), byName::get));
            inputCheckKey = key;
        }
        return inputCheck;
    }

    /** Warnings about the chosen files read against each other (e.g. restart files of different runs). */
    public List<String> inputWarnings() {
        return inputChecks().stream().filter(p -> !p.error()).map(InputFileCheck.Problem::message).toList();
    }

    /**
     * Problems of the Configure page: template declarations, chosen files, files the config reads that are not
     * uploaded (unless {@link #filesOnCluster}), the rendered config's errors, and chosen files that do not belong
     * together ({@link #inputChecks()}: atom counts, parameter files, restart set, cell).
     */
    public List<String> configurationProblems() {
        List<String> out = new ArrayList<>(templateProblems);
        out.addAll(fileProblems());
        if (!filesOnCluster) {
            // a file the config reads that is not uploaded stops NAMD at start-up ("UNABLE TO OPEN ... FILE")
            fileWarnings().forEach(w -> out.add(w.replace("which is not uploaded", "which is not uploaded: choose the file, "
                    + "or tick \"" + FILES_ON_CLUSTER_LABEL + "\"")));
        }
        if (template == null) {
            out.add("Choose a template");
        } else {
            out.addAll(render().errors());
            inputChecks().stream().filter(InputFileCheck.Problem::error).map(InputFileCheck.Problem::message).forEach(out::add);
        }
        return out;
    }

    /** Every problem that stops the job from being created. */
    public List<String> problems() {
        List<String> out = new ArrayList<>(resourceProblems());
        out.addAll(configurationProblems());
        return out;
    }

    // ------------------------------------------------------------------ results

    /** The chosen local files, with size and detected type, in declaration order. */
    public List<InputFile> inputs() {
        List<InputFile> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            Path p = e.getValue();
            long size;
            try {
                size = Files.size(p);
            } catch (IOException ex) {
                size = -1;
            }
            out.add(new InputFile(e.getKey(), p, size, InputFileType.of(p.getFileName().toString())));
        }
        return out;
    }

    /** The NAMD config's file name in the job's input folder: the job name's slug with {@code .namd}. */
    public String configFileName() {
        return Names.slug(name.strip().isEmpty() ? "job" : name.strip()) + ".namd";
    }

    /** Estimated core-hours (cores × wall hours), or null when the wall time is not known. */
    public Double coreHours() {
        Resources r = resolvedResources();
        return r == null || r.wallTimeMinutes() == null ? null : coreHours(r.cores(), r.wallTimeMinutes());
    }

    /**
     * The cost of the request and whether its wall time fits the steps the rendered config runs ({@code StepPlan}),
     * at {@code measured} speed (null: only the cost); null while the resources are not resolved.
     */
    public RunEstimate runEstimate(RunEstimate.Speed measured) {
        Resources r = resolvedResources();
        if (r == null) {
            return null;
        }
        Long steps = null;
        if (template != null) {
            org.namdrunner.template.render.RenderResult rendered = render();
            if (rendered.ok()) {
                steps = org.namdrunner.automation.namdlog.StepPlan.of(rendered.text()).steps();
            }
        }
        return RunEstimate.of(r.cores(), r.nodes(), r.gpus(), r.wallTimeMinutes(), steps, measured);
    }

    /** cores × wall time in hours. */
    public static double coreHours(int cores, int wallTimeMinutes) {
        if (cores < 0 || wallTimeMinutes < 0) {
            throw new IllegalArgumentException("cores and wall time must not be negative");
        }
        return cores * (wallTimeMinutes / 60.0);
    }

    /** "12.5 core-hours" (one decimal below 100, whole numbers above). */
    public static String formatCoreHours(double h) {
        return (h < 100 ? String.format(Locale.ROOT, "%.1f", h) : String.format(Locale.ROOT, "%,.0f", h)) + " core-hours";
    }

    /** The request for the lifecycle. @throws IllegalStateException listing the problems when there are any */
    public JobRequest toRequest() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalStateException("The job cannot be created yet:\n" + String.join("\n", p));
        }
        List<Path> inputs = new ArrayList<>();
        for (Path f : files.values()) {
            if (!inputs.contains(f)) {
                inputs.add(f);
            }
        }
        return new JobRequest(name.strip(), template.id(), template.text(), templateValues(), configFileName(), inputs,
                resources, module, Map.of(), localResultsDir);
    }

    /** The renderer the lifecycle should use for this draft's template. */
    public TemplateConfigRenderer renderer() {
        return new TemplateConfigRenderer(template == null ? null : template.id());
    }

    /**
     * A script spec to preview the job script before anything exists: the job directory is the one the create
     * step will make under {@code projectRoot} (with a placeholder id). Null while the resources do not fit.
     */
    public JobScriptSpec previewSpec(String projectRoot) {
        Resources r = resolvedResources();
        if (r == null || profile == null) {
            return null;
        }
        String dir = Names.slug(name.strip().isEmpty() ? "job" : name.strip()) + "-xxxxxxxx";
        String root = projectRoot == null || projectRoot.isBlank() ? "/" : projectRoot;
        String project = root.endsWith("/") ? root + dir : root + "/" + dir;
        return new JobScriptSpec("preview", name.strip().isEmpty() ? "job" : name.strip(), null, r,
                profile.module(module).orElse(null), configFileName(), project, null, Map.of(), profile.extraModules());
    }

    private static String label(Declaration d, String variable) {
        return d != null && d.label() != null && !d.label().isBlank() ? d.label() : variable;
    }
}
