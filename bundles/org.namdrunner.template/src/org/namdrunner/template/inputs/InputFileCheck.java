package org.namdrunner.template.inputs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.model.NamdCommand;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.model.ValueChecks;

/**
 * Reads the input files a NAMD config names — not only their endings — and checks that they belong together, as
 * NAMD will at start-up: the atom count of the structure (PSF, or AMBER parm7, or GROMACS .gro) against the
 * coordinate PDB or rst7, the other per-atom PDBs (velocities, restraints, fixed atoms) and the binary restart
 * coordinates and velocities; CHARMM parameter files parse; a restart set's {@code .coor}, {@code .vel} and
 * {@code .xsc} come from the same run (same name before the ending); {@code extendedSystem} holds a cell. A GROMACS
 * topology ({@code grotopfile}) is not counted: its atoms come from {@code #include}d force-field files that are
 * usually not beside it. Files are read streaming (see the readers); results are kept per file, size and
 * modification time, so a form that checks on every change reads a large file once.
 * <p>
 * Only commands that certainly run before the first {@code run} and whose file name is literal are checked; a file the
 * resolver does not find (not chosen, on the cluster already) is skipped.
 */
public final class InputFileCheck {

    /**
     * A problem with the input files.
     *
     * @param offset     offset in the config of the file name the problem is about (for line numbers)
     * @param unreadable the file could not be read as its kind (as opposed to files that disagree with each other)
     */
    public record Problem(boolean error, String message, int offset, int length, boolean unreadable) {
        public Problem(boolean error, String message, int offset, int length) {
            this(error, message, offset, length, false);
        }
    }

    /** Keywords whose file is a PDB with one record per atom of the structure. */
    private static final List<String> PER_ATOM_PDBS = List.of("coordinates", "velocities", "consref", "conskfile", "fixedatomsfile",
            "movdragfile", "rotdragfile", "consforcefile", "constorquefile", "stirfilename");

    private static final Set<String> FILE_KEYWORDS = Set.of("structure", "coordinates", "velocities", "consref", "conskfile",
            "fixedatomsfile", "movdragfile", "rotdragfile", "consforcefile", "constorquefile", "stirfilename", "bincoordinates",
            "binvelocities", "extendedsystem", "parmfile", "ambercoor", "grotopfile", "grocoorfile", "parameters",
            "paratypecharmm", "amber", "gromacs");

    private static final int CACHE_SIZE = 64;
    /** per file, size and modification time: the atom count (Integer), the cell, the summary, or the exception */
    private static final Map<String, Object> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private InputFileCheck() {
    }

    /** Finding code of the input-file problems in {@link #findings}. */
    public static final String CODE = "namd.inputs";

    /**
     * {@link #check(String, Function)} as findings with the line and column of the file name in {@code config}
     * (code {@link #CODE}), as {@code namdrunner validate} prints them.
     */
    public static List<NamdLanguage.Finding> findings(String config, Function<String, Path> resolver) {
        List<NamdLanguage.Finding> out = new ArrayList<>();
        for (Problem p : check(config, resolver)) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < p.offset() && i < config.length(); i++) {
                if (config.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            out.add(new NamdLanguage.Finding(p.error() ? NamdLanguage.Finding.ERROR : NamdLanguage.Finding.WARNING, CODE, p.message(), line,
                    p.offset() - lineStart + 1, p.offset(), p.length()));
        }
        return out;
    }

    /** Parses and analyzes {@code config}, then {@link #check(NamdDocument, Function)}. */
    public static List<Problem> check(String config, Function<String, Path> resolver) {
        return check(NamdLanguage.analyze(NamdLanguage.parse(config, "config.namd")), resolver);
    }

    /**
     * @param resolver the local file for a file name as the config writes it, or null when there is none to read
     */
    public static List<Problem> check(NamdDocument doc, Function<String, Path> resolver) {
        Map<String, NamdCommand> single = new LinkedHashMap<>();
        List<NamdCommand> parameters = new ArrayList<>();
        for (NamdCommand c : doc.commands()) {
            String k = c.name().toLowerCase(Locale.ROOT);
            if (!FILE_KEYWORDS.contains(k) || !c.isCertain() || c.inProc() || c.afterRun() || c.words().size() < 2
                    || !c.words().get(1).isLiteral()) {
                continue;
            }
            if (k.equals("parameters")) {
                parameters.add(c);
            } else {
                single.put(k, c); // the last certain setting before the first run is what NAMD uses
            }
        }
        List<Problem> out = new ArrayList<>();
        boolean amber = on(single.get("amber"));
        boolean gromacs = on(single.get("gromacs"));

        // the structure's atom count
        Counted structure = null;
        if (amber) {
            structure = count(single.get("parmfile"), resolver, Kind.PARM7, out);
        } else if (gromacs) {
            structure = count(single.get("grocoorfile"), resolver, Kind.GRO, out);
        } else {
            structure = count(single.get("structure"), resolver, Kind.PSF, out);
        }
        // AMBER coordinates
        if (amber) {
            Counted crd = count(single.get("ambercoor"), resolver, Kind.RST7, out);
            compare(structure, crd, "NAMD: the number of atoms in the coordinates does not match the parm file", out);
        }
        for (String k : PER_ATOM_PDBS) {
            Counted pdb = count(single.get(k), resolver, Kind.PDB, out);
            compare(structure, pdb, k.equals("coordinates") ? "NAMD: Number of pdb and psf atoms are not the same!"
                    : "NAMD needs one record per atom of the structure", out);
        }
        Counted coor = count(single.get("bincoordinates"), resolver, Kind.BINARY, out);
        Counted vel = count(single.get("binvelocities"), resolver, Kind.BINARY, out);
        compare(structure, coor, "NAMD: Incorrect atom count in binary file", out);
        compare(structure, vel, "NAMD: Incorrect atom count in binary file", out);
        if (structure == null || structure.count < 0) {
            compare(coor, vel, "restart coordinates and velocities of different systems", out);
        }
        // extended system
        NamdCommand xsc = single.get("extendedsystem");
        Path xscPath = resolve(xsc, resolver);
        if (xscPath != null) {
            Object r = cached(xscPath, Kind.XSC);
            if (r instanceof Exception e) {
                out.add(unreadable(problem(xsc, message(e))));
            } else if (r instanceof XscReader.Cell cell && !cell.periodic()) {
                out.add(new Problem(false, name(xsc) + ": the cell vectors are all zero: the system is not periodic", xsc.words().get(1).offset(),
                        xsc.words().get(1).length()));
            }
        }
        // one restart set: the same name before .coor/.vel/.xsc
        List<NamdCommand> restart = new ArrayList<>();
        for (String k : List.of("bincoordinates", "binvelocities", "extendedsystem")) {
            if (single.get(k) != null) {
                restart.add(single.get(k));
            }
        }
        if (restart.size() > 1) {
            String firstStem = stem(name(restart.get(0)));
            for (NamdCommand c : restart.subList(1, restart.size())) {
                if (firstStem != null && stem(name(c)) != null && !stem(name(c)).equals(firstStem)) {
                    out.add(new Problem(false, name(restart.get(0)) + " and " + name(c) + " are not from the same restart ("
                            + firstStem + ".* and " + stem(name(c)) + ".*): check that they belong together", c.words().get(1).offset(),
                            c.words().get(1).length()));
                }
            }
        }
        // CHARMM parameter files (X-PLOR ones are not checked)
        if (!amber && !gromacs && on(single.get("paratypecharmm"))) {
            for (NamdCommand p : parameters) {
                Path f = resolve(p, resolver);
                if (f != null && cached(f, Kind.CHARMM_PARAMETERS) instanceof Exception e) {
                    out.add(unreadable(problem(p, message(e))));
                }
            }
        }
        return out;
    }

    private enum Kind {
        PSF, PDB, PARM7, RST7, GRO, BINARY, XSC, CHARMM_PARAMETERS
    }

    /** An atom count read from the file a command names (count -1: not readable, already reported). */
    private record Counted(NamdCommand command, String file, int count) {
    }

    private static Counted count(NamdCommand c, Function<String, Path> resolver, Kind kind, List<Problem> out) {
        Path p = resolve(c, resolver);
        if (p == null) {
            return null;
        }
        Object r = cached(p, kind);
        if (r instanceof Exception e) {
            out.add(unreadable(problem(c, message(e))));
            return new Counted(c, name(c), -1);
        }
        return new Counted(c, name(c), (Integer) r);
    }

    private static void compare(Counted reference, Counted other, String namd, List<Problem> out) {
        if (reference == null || other == null || reference.count < 0 || other.count < 0 || reference.count == other.count) {
            return;
        }
        String k1 = reference.command.name();
        String k2 = other.command.name();
        out.add(new Problem(true, k2 + " " + other.file + " has " + fmt(other.count) + " atoms, but " + k1 + " " + reference.file
                + " has " + fmt(reference.count) + " (" + namd + ")", other.command.words().get(1).offset(),
                other.command.words().get(1).length()));
    }

    private static String fmt(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static boolean on(NamdCommand c) {
        return c != null && Boolean.TRUE.equals(ValueChecks.booleanValue(c.words().get(1).value()));
    }

    private static String name(NamdCommand c) {
        return c.words().get(1).value();
    }

    private static Path resolve(NamdCommand c, Function<String, Path> resolver) {
        if (c == null) {
            return null;
        }
        Path p = resolver.apply(name(c));
        return p != null && Files.isRegularFile(p) ? p : null;
    }

    /** The file name without its directory and without the ending .coor/.vel/.xsc; null for other endings. */
    private static String stem(String file) {
        String n = file.substring(file.lastIndexOf('/') + 1);
        for (String e : List.of(".coor", ".vel", ".xsc")) {
            if (n.toLowerCase(Locale.ROOT).endsWith(e)) {
                return n.substring(0, n.length() - e.length());
            }
        }
        return null;
    }

    private static Problem problem(NamdCommand c, String message) {
        return new Problem(true, c.name() + " " + message, c.words().get(1).offset(), c.words().get(1).length());
    }

    private static Problem unreadable(Problem p) {
        return new Problem(p.error(), p.message(), p.offset(), p.length(), true);
    }

    private static String message(Exception e) {
        return e instanceof InputFormatException ? e.getMessage() : "cannot be read: " + e.getMessage();
    }

    private static Object cached(Path p, Kind kind) {
        String key;
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            key = kind + "|" + p.toAbsolutePath().normalize() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return e;
        }
        synchronized (CACHE) {
            Object hit = CACHE.get(key);
            if (hit != null) {
                return hit;
            }
        }
        Object r;
        try {
            r = switch (kind) {
                case PSF -> PsfReader.atomCount(p);
                case PDB -> PdbReader.atomCount(p);
                case PARM7 -> Parm7Reader.atomCount(p);
                case RST7 -> Rst7Reader.atomCount(p);
                case GRO -> GroReader.atomCount(p);
                case BINARY -> NamdBinaryReader.atomCount(p);
                case XSC -> XscReader.read(p);
                case CHARMM_PARAMETERS -> CharmmParameterReader.check(p);
            };
        } catch (IOException | InputFormatException e) {
            r = e;
        }
        synchronized (CACHE) {
            CACHE.put(key, r);
        }
        return r;
    }
}
