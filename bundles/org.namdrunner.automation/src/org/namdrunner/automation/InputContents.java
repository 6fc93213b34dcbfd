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
 * does not upload (on the cluster already) are not read.
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
            (p.error() ? errors : warnings).add(p.message());
        }
        return new Findings(List.copyOf(errors), List.copyOf(warnings));
    }
}
