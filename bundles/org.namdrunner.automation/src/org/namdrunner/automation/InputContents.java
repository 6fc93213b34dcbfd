package org.namdrunner.automation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.namdrunner.template.inputs.InputFileCheck;

/**
 * A job's local input files read against each other as its rendered config names them ({@link InputFileCheck}: atom
 * counts of structure, coordinates and restart files, CHARMM parameter files, the restart set, the cell), for the jobs
 * layer's create operations (single jobs, sweeps, automations), so that a mismatch is refused before anything is
 * uploaded or queued. The config names files by path; a file is matched to an input by its file name. Files the job
 * does not upload (on the cluster already) are not read. Files that disagree with each other are refused here; a file
 * that cannot be read as its kind at all (not a PSF, a parameter file with a bad line) is reported where files are
 * chosen — the Create Job wizard's Configure page and {@code namdrunner validate} — and not checked again here.
 */
public final class InputContents {

    /** What was found: errors refuse the job, warnings are told. */
    public record Findings(List<String> errors, List<String> warnings) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private InputContents() {
    }

    /**
     * Renders the template with the values and checks {@code files} against the result; no findings when it does not
     * render (whoever renders it for the job says why).
     */
    public static Findings check(ConfigRenderer renderer, String templateText, Map<String, String> values, Collection<Path> files) {
        String rendered;
        try {
            rendered = renderer.render(templateText, values);
        } catch (StepException | RuntimeException e) {
            return new Findings(List.of(), List.of());
        }
        return check(rendered, files);
    }

    /** Checks {@code files} against {@code renderedConfig}; results of large files are cached by path, size and time. */
    public static Findings check(String renderedConfig, Collection<Path> files) {
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path p : files) {
            if (p != null && p.getFileName() != null) {
                byName.putIfAbsent(p.getFileName().toString(), p);
            }
        }
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (byName.isEmpty()) {
            return new Findings(errors, warnings);
        }
        for (InputFileCheck.Problem p : InputFileCheck.check(renderedConfig, name -> byName.get(name.substring(name.lastIndexOf('/') + 1)))) {
            if (p.unreadable()) {
                continue; // told where the file is chosen (the wizard's Configure page, namdrunner validate)
            }
            (p.error() ? errors : warnings).add(p.message());
        }
        return new Findings(List.copyOf(errors), List.copyOf(warnings));
    }
}
