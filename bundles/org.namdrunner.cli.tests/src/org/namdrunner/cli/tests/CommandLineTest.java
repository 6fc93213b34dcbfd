package org.namdrunner.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cli.NamdCli;
import org.osgi.framework.FrameworkUtil;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The command line as a command line: help and usage from the picocli declarations, exit statuses (0 ok, 1 problems,
 * 2 usage), unknown commands and options, and the machine-readable formats of {@code validate}.
 */
class CommandLineTest {

    private static final List<String> COMMANDS = List.of("validate", "render", "templates", "profiles", "steps", "submit", "duplicate", "automation");

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(List.of(args));
    }

    private String out() {
        return cli.out();
    }

    private String err() {
        return cli.err();
    }

    @Test
    void helpListsEveryCommandAndTheExitStatuses() {
        assertEquals(NamdCli.OK, run("--help"), err());
        String help = out();
        assertTrue(help.startsWith("Usage: namdrunner [-hV] [COMMAND]"), help);
        for (String c : COMMANDS) {
            assertTrue(help.contains("\n  " + c + " "), c + " missing in:\n" + help);
        }
        assertTrue(help.contains("Exit status:") && help.contains("2   usage error"), help);
        assertEquals("", err());
        assertEquals(NamdCli.OK, run("-h"));
        assertEquals(help, out());
        assertEquals(NamdCli.OK, run("help"));
        assertEquals(help, out());
    }

    @Test
    void helpOfEachCommandTwoWays() {
        for (String c : COMMANDS) {
            assertEquals(NamdCli.OK, run("help", c), err());
            String viaHelp = out();
            assertTrue(viaHelp.startsWith("Usage: namdrunner " + c + " "), viaHelp);
            assertEquals(NamdCli.OK, run(c, "--help"), err());
            assertEquals(viaHelp, out());
        }
        run("help", "validate");
        assertTrue(out().contains("--format=FORMAT") && out().contains("github"), out());
        assertEquals(NamdCli.OK, run("automation", "run", "--help"));
        assertTrue(out().startsWith("Usage: namdrunner automation run ") && out().contains("--run-id=ID"), out());
        String runHelp = out();
        assertEquals(NamdCli.OK, run("automation", "help", "run"));
        assertEquals(runHelp, out());
    }

    @Test
    void versionNamesThisBuild() {
        assertEquals(NamdCli.OK, run("--version"), err());
        String v = FrameworkUtil.getBundle(NamdCli.class).getVersion().toString();
        assertTrue(out().startsWith("NAMDRunner Workbench " + v + "\nJava " + Runtime.version()), out());
        assertEquals(NamdCli.OK, run("validate", "--version"));
        assertTrue(out().startsWith("NAMDRunner Workbench " + v), out());
    }

    @Test
    void unknownCommandsAndOptionsPrintUsageAndExit2() {
        assertEquals(NamdCli.USAGE, run());
        assertTrue(err().contains("Missing required subcommand") && err().contains("Usage: namdrunner"), err());
        assertEquals(NamdCli.USAGE, run("frobnicate"));
        assertTrue(err().startsWith("Unmatched argument at index 0: 'frobnicate'\n") && err().contains("\nUsage: namdrunner [-hV] [COMMAND]"), err());
        assertEquals("", out());
        assertEquals(NamdCli.USAGE, run("validat"));
        assertTrue(err().contains("Did you mean: namdrunner validate") && err().contains("\nUsage: namdrunner [-hV] [COMMAND]"), err());
        assertEquals(NamdCli.USAGE, run("--bogus"));
        assertTrue(err().contains("Unknown option: '--bogus'") && err().contains("Usage: namdrunner"), err());
        assertEquals(NamdCli.USAGE, run("validate", "--bogus", "x.namd"));
        assertTrue(err().contains("Unknown option: '--bogus'") && err().contains("Usage: namdrunner validate"), err());
        assertEquals(NamdCli.USAGE, run("help", "frobnicate"));
        assertTrue(err().contains("frobnicate"), err());
        assertEquals(NamdCli.USAGE, run("automation", "list", "extra"));
        assertEquals(NamdCli.USAGE, run("steps", "extra"));
    }

    @Test
    void missingAndMalformedArgumentsExit2() {
        assertEquals(NamdCli.USAGE, run("validate"));
        assertTrue(err().contains("Missing required parameter: 'FILE|DIR'"), err());
        assertEquals(NamdCli.USAGE, run("render"));
        assertTrue(err().contains("Missing required parameter: 'TEMPLATE'"), err());
        assertEquals(NamdCli.USAGE, run("render", "vacuum_optimization_v1", "-o"));
        assertTrue(err().contains("Missing required parameter for option '--output'"), err());
        assertEquals(NamdCli.USAGE, run("submit", "--config", "x.namd"));
        assertTrue(err().contains("Missing required option: '--profile=ID'"), err());
        assertEquals(NamdCli.USAGE, run("submit", "--profile", "p", "--config", "x.namd", "--cores", "many"));
        assertTrue(err().contains("'many' is not an int"), err());
        assertEquals(NamdCli.USAGE, run("submit", "--profile", "p", "--config", "x.namd", "--gpus", "all"));
        assertTrue(err().contains("'all' is not an int"), err());
        assertEquals(NamdCli.USAGE, run("validate", "--format", "xml", "x.namd"));
        assertTrue(err().contains("Invalid value for option '--format'") && err().contains("text, json, github"), err());
        assertEquals(NamdCli.USAGE, run("render", "no_such_template"));
        assertTrue(err().startsWith("namdrunner render: no_such_template: no such file and no built-in template"), err());
        assertEquals(NamdCli.USAGE, run("submit", "--profile", "p", "--config", "/no/such/config.namd"));
        assertTrue(err().startsWith("namdrunner submit: cannot read /no/such/config.namd"), err());
    }

    @Test
    void optionsKeepTheirFormsAndOrder(@TempDir Path dir) throws Exception {
        Path o = dir.resolve("out.namd");
        // options before or after the template, short and long names, name=value with '=' in the value
        assertEquals(NamdCli.OK, run("render", "-s", "temperature=290", "vacuum_optimization_v1", "--output=" + o), err());
        assertEquals("", out());
        String rendered = Files.readString(o);
        assertTrue(rendered.contains("290"), rendered);
        assertEquals(NamdCli.OK, run("templates"));
        assertTrue(out().contains("vacuum_optimization_v1\n"), out());
        // @FILE: arguments from a file
        Path args = dir.resolve("args.txt");
        Files.writeString(args, "templates\nvacuum_optimization_v1\n");
        assertEquals(NamdCli.OK, run("@" + args));
        assertTrue(out().contains("temperature\tNumber\t310"), out());
    }

    /** Two bad files and one clean, the text findings of all of them (file:line:col: severity: message). */
    private List<String> textFindings(Path... files) {
        List<String> args = new ArrayList<>(List.of("validate"));
        for (Path f : files) {
            args.add(f.toString());
        }
        run(args.toArray(String[]::new));
        return out().lines().toList();
    }

    private static Path[] badFiles(Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("odd,dir:name"));
        Path bad = sub.resolve("bad.namd");
        Files.writeString(bad, "structure a.psf\ncutoff 12\n  langevinTemperature 300\n");
        Path warn = dir.resolve("warn.namd");
        Files.writeString(warn, "structure a.psf\ncutoff 12\nPMEGridSpacing 1.0\n# 100% done\n");
        return new Path[] { bad, warn };
    }

    @Test
    void githubFormatIsOneWorkflowCommandPerFinding(@TempDir Path dir) throws Exception {
        Path[] files = badFiles(dir);
        List<String> text = textFindings(files);
        assertTrue(text.size() >= 2, text.toString());
        assertEquals(NamdCli.ERRORS, run("validate", "--format", "github", files[0].toString(), files[1].toString()));
        List<String> github = out().lines().toList();
        assertEquals(text.size(), github.size(), out());
        String escaped = files[0].toString().replace(":", "%3A").replace(",", "%2C");
        assertTrue(github.stream().anyMatch(l -> l.startsWith("::error file=" + escaped + ",line=3,col=3::unknown NAMD keyword or command "
                + "'langevinTemperature': did you mean 'langevinTemp'")), out());
        for (int i = 0; i < text.size(); i++) {
            // text: FILE:L:C: severity: message  ->  ::severity file=FILE,line=L,col=C::message
            String t = text.get(i);
            String file = t.startsWith(files[0].toString()) ? files[0].toString() : files[1].toString();
            String[] rest = t.substring(file.length() + 1).split(": ", 3);
            String[] lc = rest[0].split(":");
            String expected = "::" + (rest[1].equals("note") ? "notice" : rest[1]) + " file=" + file.replace("%", "%25").replace(":", "%3A").replace(",", "%2C") + ",line="
                    + lc[0] + ",col=" + lc[1] + "::" + rest[2].replace("%", "%25");
            assertEquals(expected, github.get(i));
        }
        assertTrue(github.stream().anyMatch(l -> l.startsWith("::warning file=")), out());
        assertTrue(err().startsWith("2 file(s): "), err());
    }

    @Test
    void jsonFormatHoldsCountsAndEveryFinding(@TempDir Path dir) throws Exception {
        Path[] files = badFiles(dir);
        Path clean = dir.resolve("clean.namd");
        assertEquals(NamdCli.OK, run("render", "vacuum_optimization_v1", "-o", clean.toString()), err());
        List<String> text = textFindings(files[0], files[1], clean);
        assertEquals(NamdCli.ERRORS, run("validate", "--format=JSON", files[0].toString(), files[1].toString(), clean.toString()));
        JsonObject root = JsonParser.parseString(out()).getAsJsonObject();
        assertEquals(3, root.get("files").getAsInt());
        int errors = root.get("errors").getAsInt();
        int warnings = root.get("warnings").getAsInt();
        assertTrue(errors >= 1 && warnings >= 1, out());
        int notes = root.get("notes").getAsInt();
        assertEquals(errors + warnings + notes, root.getAsJsonArray("findings").size());
        assertEquals(0, root.getAsJsonArray("unreadable").size());
        List<String> fromJson = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("findings")) {
            JsonObject f = e.getAsJsonObject();
            assertFalse(f.get("code").getAsString().isBlank(), f.toString());
            fromJson.add(f.get("file").getAsString() + ":" + f.get("line").getAsInt() + ":" + f.get("column").getAsInt() + ": "
                    + f.get("severity").getAsString() + ": " + f.get("message").getAsString());
        }
        assertEquals(text, fromJson);
        assertTrue(err().startsWith("3 file(s): " + errors + " error(s), " + warnings + " warning(s)"), err());

        // only the clean file: exit 0, no error among the findings
        assertEquals(NamdCli.OK, run("validate", "--format", "json", clean.toString()), err());
        root = JsonParser.parseString(out()).getAsJsonObject();
        assertEquals(0, root.get("errors").getAsInt());
        assertEquals(root.get("warnings").getAsInt() + root.get("notes").getAsInt(), root.getAsJsonArray("findings").size());
    }

    @Test
    void manyFilesInOneRun(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("a.namd");
        assertEquals(NamdCli.OK, run("render", "vacuum_optimization_v1", "-o", one.toString()), err());
        for (int i = 0; i < 40; i++) {
            Files.copy(one, Files.createDirectories(dir.resolve("d" + i % 4)).resolve("f" + i + ".conf"));
        }
        Files.writeString(dir.resolve("notes.txt"), "not a config");
        assertEquals(NamdCli.OK, run("validate", "--format", "github", dir.toString()), err());
        assertTrue(err().startsWith("41 file(s): 0 error(s)"), err());
    }

    @Test
    void profilesListsThePartitionsWithTheirGpus() {
        assertEquals(NamdCli.OK, run("profiles", "org.namdrunner.testing.testcluster"), err());
        List<String> lines = out().lines().filter(l -> l.startsWith("  partition ")).toList();
        assertEquals(3, lines.size(), out());
        assertTrue(lines.get(0).startsWith("  partition compute (default): ") && lines.get(0).endsWith(", GPUs/node 2 (standin)"), lines.get(0));
        assertTrue(lines.get(2).startsWith("  partition cpu: ") && !lines.get(2).contains("GPU"), lines.get(2));
    }

    @Test
    void completionScriptComesFromTheSameDeclarations() {
        assertEquals(NamdCli.OK, run("generate-completion"), err());
        String script = out();
        assertTrue(script.contains("complete -F _complete_namdrunner") && script.contains("namdrunner"), script.substring(0, 200));
        for (String c : COMMANDS) {
            assertTrue(script.contains(c), c);
        }
        assertTrue(script.contains("--format") && script.contains("--run-id"), "options of subcommands");
    }
}
