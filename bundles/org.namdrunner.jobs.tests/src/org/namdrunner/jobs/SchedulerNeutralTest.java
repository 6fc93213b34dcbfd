package org.namdrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No bundle of the product but a scheduler's own knows that scheduler: only {@code org.namdrunner.cluster.slurm}
 * (and test bundles) require or import it, and no other bundle's source imports its packages. Read from the source
 * tree beside this fragment (the tests run in the fragment's directory).
 */
class SchedulerNeutralTest {

    private static final String SLURM = "org.namdrunner.cluster.slurm";

    private static boolean exempt(String bundle) {
        return bundle.startsWith(SLURM) || bundle.endsWith(".tests") || bundle.equals("org.namdrunner.testing")
                || bundle.startsWith("org.namdrunner.examples");
    }

    @Test
    void onlyTheSlurmBundleKnowsSlurm() throws IOException {
        Path bundles = Path.of("").toAbsolutePath().getParent();
        assertTrue(Files.isDirectory(bundles.resolve(SLURM)), "bundles folder not found from " + Path.of("").toAbsolutePath());
        List<String> offenders = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> dirs = Files.list(bundles)) {
            for (Path dir : dirs.sorted().toList()) {
                String name = dir.getFileName().toString();
                Path manifest = dir.resolve("META-INF/MANIFEST.MF");
                if (!Files.isRegularFile(manifest) || exempt(name)) {
                    continue;
                }
                checked++;
                String m = Files.readString(manifest).replace("\n ", "");
                for (String line : m.lines().toList()) {
                    if ((line.startsWith("Require-Bundle:") || line.startsWith("Import-Package:")) && line.contains(SLURM)) {
                        offenders.add(name + "/META-INF/MANIFEST.MF: " + line);
                    }
                }
                Path src = dir.resolve("src");
                if (Files.isDirectory(src)) {
                    try (Stream<Path> files = Files.walk(src)) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                            if (Files.readString(f).contains("import " + SLURM + ".")) {
                                offenders.add(bundles.relativize(f).toString());
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked >= 10, "only " + checked + " bundles checked");
        assertEquals(List.of(), offenders, "bundles that know the Slurm plugin");
    }
}
